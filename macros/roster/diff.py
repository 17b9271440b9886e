"""`diff`: what a change to the data does to the schedule, as Markdown for a pull-request comment.

Three views of the same change:
- *places*: each (rotation, period, role, daily shift, segment) and each override, with who holds it
  before and after; a place that changes hands is a loss for one person and a gain for the other;
- *rules*: findings present after but not before (newly failing) and the other way round (newly
  passing), compared by file, rule and message, because an edit moves line numbers;
- *calendar events*: by UID (`feeds.events.shift_uids`), added, removed, or changed in time (a UID names one
  person's piece of a slot, so a new holder is a removed and an added event).

A changed place that had already ended at "now" rewrites history and is flagged, unless a commit
message in the range explains it with `history:` or `backfill`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from macros.feeds.events import shift_uids
from macros.model.findings import Finding, Severity
from macros.model.project import Project
from macros.pages.markup import text as page_text
from macros.rules.slots import is_override
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion, expand_all
from macros.schedule.localtime import add_days, instant, local_instant, to_local

MARKER = "<!-- handbook-schedule-diff -->"
EXPLAINED_BY = ("history:", "backfill")
MAX_EVENTS_LISTED = 40


@dataclass(frozen=True, order=True)
class Place:
    """A place in a schedule someone holds: a slot of a period, or one override entry."""

    rotation: str
    day: dt.date
    role: str
    shift: str
    segment: int
    cover: str = ""  # "from – until" (local) for an override, "" for the slot itself


@dataclass(frozen=True)
class PlaceChange:
    place: Place
    label: str  # e.g. "SRE duty · Duty, period 2026-12-07"
    before: str | None
    after: str | None
    ended: bool  # the place lay wholly before "now"


@dataclass(frozen=True)
class EventChange:
    uid: str
    kind: str  # "added", "removed", "changed"
    before: str = ""
    after: str = ""


@dataclass
class ScheduleDiff:
    changes: list[PlaceChange] = field(default_factory=list)
    newly_failing: list[Finding] = field(default_factory=list)
    newly_passing: list[Finding] = field(default_factory=list)
    events: list[EventChange] = field(default_factory=list)
    history_explained: bool = False
    names: dict[str, str] = field(default_factory=dict)

    @property
    def rewritten_history(self) -> list[PlaceChange]:
        return [change for change in self.changes if change.ended]

    @property
    def unexplained_history(self) -> bool:
        return bool(self.rewritten_history) and not self.history_explained

    @property
    def new_errors(self) -> list[Finding]:
        return [f for f in self.newly_failing if f.severity is Severity.ERROR]


# --- places ---------------------------------------------------------------------------------------


def _places(expansion: Expansion) -> dict[Place, tuple[str, dt.datetime]]:
    """Every place of one rotation: who holds it and when it ends."""
    rotation = expansion.rotation
    zone_name = rotation.handoff.timezone
    handoff = rotation.handoff
    seg_days = rotation.segment.total_days if rotation.segment else rotation.period.total_days
    found: dict[Place, tuple[str, dt.datetime]] = {}
    for assignment in expansion.assignments:
        span = expansion.periods[assignment.period]
        role = rotation.role(assignment.role)
        if is_override(assignment):
            override = rotation.schedule[assignment.period].overrides[int(assignment.where[3])]
            cover = f"{override.start:%Y-%m-%d %H:%M} – {override.end:%Y-%m-%d %H:%M}"
            place = Place(expansion.rotation_id, span.day, assignment.role, assignment.shift or "", 0, cover)
            found[place] = (assignment.person, local_instant(override.end, zone_name))
            continue
        per_segment = role is not None and role.per_segment
        segment = assignment.segment if per_segment else 0
        end = span.end
        if per_segment:
            end = instant(add_days(span.day, (segment + 1) * seg_days), handoff.time, zone_name)
        place = Place(expansion.rotation_id, span.day, assignment.role, assignment.shift or "", segment)
        found[place] = (assignment.person, end)
    return found


def _label(project: Project, place: Place) -> str:
    rotation = project.rotations.get(place.rotation)
    name = rotation.name if rotation else place.rotation
    role = rotation.role(place.role) if rotation else None
    words = f"{name} · {rotation.role_title(place.role) if rotation else place.role}"
    if place.shift:
        words += f" ({place.shift})"
    segments = rotation.segments_per_period if rotation else 1
    if role is not None and role.per_segment and segments > 1:
        words += f", part {place.segment + 1} of {segments}"
    words += f", period {place.day}"
    if place.cover:
        words += f", covering {place.cover}"
    return words


def _place_changes(
    base: Project | None, head: Project, base_exp: Mapping[str, Expansion], head_exp: Mapping[str, Expansion],
    now: dt.datetime,
) -> list[PlaceChange]:
    before: dict[Place, tuple[str, dt.datetime]] = {}
    after: dict[Place, tuple[str, dt.datetime]] = {}
    for expansion in base_exp.values():
        before.update(_places(expansion))
    for expansion in head_exp.values():
        after.update(_places(expansion))
    changes = []
    for place in sorted(set(before) | set(after)):
        old, new = before.get(place), after.get(place)
        old_person, new_person = (old[0] if old else None), (new[0] if new else None)
        if old_person == new_person:
            continue
        ends = [moment for moment in ((old[1] if old else None), (new[1] if new else None)) if moment is not None]
        source = head if new is not None or base is None else base
        changes.append(PlaceChange(place, _label(source, place), old_person, new_person, max(ends) <= now))
    return changes


# --- rules and events -----------------------------------------------------------------------------


def _finding_key(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.location.path, finding.severity.value, finding.rule, finding.message)


def _only_in(these: Sequence[Finding], those: Sequence[Finding]) -> list[Finding]:
    remaining = Counter(_finding_key(f) for f in those)
    only = []
    for finding in these:
        if remaining[_finding_key(finding)] > 0:
            remaining[_finding_key(finding)] -= 1
        else:
            only.append(finding)
    return only


def _events(expansions: Mapping[str, Expansion], names: Mapping[str, str]) -> dict[str, str]:
    events = {}
    for expansion in expansions.values():
        zone_name = expansion.rotation.handoff.timezone
        for shift, uid in zip(expansion.shifts, shift_uids(expansion), strict=True):
            start, end = to_local(shift.start, zone_name), to_local(shift.end, zone_name)
            events[uid] = f"{names.get(shift.person, shift.person)}, {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"
    return events


def _event_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[EventChange]:
    changes = []
    for uid in sorted(set(before) | set(after)):
        old, new = before.get(uid), after.get(uid)
        if old == new:
            continue
        kind = "added" if old is None else "removed" if new is None else "changed"
        changes.append(EventChange(uid, kind, old or "", new or ""))
    return changes


def diff_projects(
    base: Project | None, head: Project, now: dt.datetime, commit_messages: Sequence[str] = ()
) -> ScheduleDiff:
    """The schedule change from `base` (None: nothing before, e.g. unloadable) to `head`."""
    base_exp = expand_all(base) if base is not None else {}
    head_exp = expand_all(head)
    names = {pid: person.name for pid, person in (base.people.items() if base else [])}
    names.update({pid: person.name for pid, person in head.people.items()})
    base_findings = validate(base, now).findings if base is not None else []
    head_findings = validate(head, now).findings
    explained = any(word in message.lower() for message in commit_messages for word in EXPLAINED_BY)
    return ScheduleDiff(
        changes=_place_changes(base, head, base_exp, head_exp, now),
        newly_failing=_only_in(head_findings, base_findings),
        newly_passing=_only_in(base_findings, head_findings),
        events=_event_changes(_events(base_exp, names), _events(head_exp, names)),
        history_explained=explained,
        names=names,
    )


# --- Markdown -------------------------------------------------------------------------------------


def text(value: str) -> str:
    """Text from data for the pull-request comment: escaped as on pages, and `@` kept from mentioning.

    The forge turns `@name` and `@org/team` in a comment into mentions that notify people; a name in
    the data must not page a team. A zero-width space after the `@` shows the same and mentions no one.
    """
    return page_text(value).replace("@", "@&#8203;")


def _code(label: str) -> str:
    """A revision name as inline code (names come from the command line, never from the data)."""
    return f"`{label.replace('`', '')}`"


def _who(diff: ScheduleDiff, person: str) -> str:
    name = diff.names.get(person)
    return f"**{text(name)}** (`{person}`)" if name else f"`{person}`"


def _finding_line(finding: Finding) -> str:
    hint = f" ({text(finding.hint)})" if finding.hint else ""
    return f"- `{finding.location}` {finding.severity.value}[{finding.rule}]: {text(finding.message)}{hint}"


def render_markdown(diff: ScheduleDiff, base_label: str, head_label: str | None) -> str:
    """The PR comment: who gains or loses what, rules newly failing or passing, calendar events, history.

    The labels name the revisions compared; no head label means the working tree."""
    head = _code(head_label) if head_label is not None else "the working tree"
    lines = [MARKER, f"## Schedule changes ({_code(base_label)} → {head})", ""]
    if not diff.changes and not diff.newly_failing and not diff.newly_passing and not diff.events:
        return "\n".join([*lines, "No change to any schedule, rule finding or calendar event.", ""])
    lines += _people_section(diff)
    lines += _rules_section(diff)
    lines += _events_section(diff)
    lines += _history_section(diff)
    return "\n".join(lines).rstrip("\n") + "\n"


def _people_section(diff: ScheduleDiff) -> list[str]:
    if not diff.changes:
        return ["No one gains or loses a shift.", ""]
    gains: dict[str, list[str]] = {}
    losses: dict[str, list[str]] = {}
    for change in diff.changes:
        mark = " ⚠️ already ended" if change.ended else ""
        if change.after:
            gains.setdefault(change.after, []).append(text(change.label) + mark)
        if change.before:
            losses.setdefault(change.before, []).append(text(change.label) + mark)
    lines = ["### Who gains or loses shifts", ""]
    for person in sorted(set(gains) | set(losses), key=lambda p: (diff.names.get(p, p), p)):
        lines.append(f"- {_who(diff, person)}")
        lines += [f"  - gains {label}" for label in gains.get(person, [])]
        lines += [f"  - loses {label}" for label in losses.get(person, [])]
    lines.append("")
    return lines


def _rules_section(diff: ScheduleDiff) -> list[str]:
    if not diff.newly_failing and not diff.newly_passing:
        return []
    lines = ["### Rules", ""]
    if diff.newly_failing:
        lines += ["Newly failing:", "", *(_finding_line(f) for f in diff.newly_failing), ""]
    if diff.newly_passing:
        lines += ["Newly passing:", "", *(_finding_line(f) for f in diff.newly_passing), ""]
    return lines


def _events_section(diff: ScheduleDiff) -> list[str]:
    if not diff.events:
        return ["No calendar event changes.", ""]
    counts = Counter(change.kind for change in diff.events)
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in ("changed", "added", "removed") if counts[kind])
    lines = ["### Calendar events", "", f"{summary} (subscribed calendars update on their next refresh).", "",
             "<details><summary>Events by UID</summary>", ""]
    for change in diff.events[:MAX_EVENTS_LISTED]:
        if change.kind == "changed":
            what = f"{text(change.before)} → {text(change.after)}"
        else:
            what = text(change.after or change.before)
        lines.append(f"- {change.kind} `{change.uid}`: {what}")
    if len(diff.events) > MAX_EVENTS_LISTED:
        lines.append(f"- … and {len(diff.events) - MAX_EVENTS_LISTED} more")
    return [*lines, "", "</details>", ""]


def _history_section(diff: ScheduleDiff) -> list[str]:
    past = diff.rewritten_history
    if not past:
        return []
    if diff.history_explained:
        return [f"{len(past)} change(s) touch shifts that already ended; a commit message explains why.", ""]
    return [
        "### ⚠️ Changes to shifts that already ended",
        "",
        "History should not be rewritten: these shifts were over before this change. If the record was wrong, "
        "say so in a commit message starting with `history:` (or mentioning a `backfill`).",
        "",
        *(f"- {text(change.label)}: {change.before or 'nobody'} → {change.after or 'nobody'}" for change in past),
        "",
    ]
