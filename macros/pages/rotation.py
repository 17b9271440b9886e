"""The data-driven parts of a rotation's page: facts, roles and schedule (escalation in `escalation`, the team's
contacts and meetings in `team`).

Each function returns Markdown (with a little raw HTML) for one section; the hand-written page in
`docs/rotations/<id>.md` places them between its own prose, and `rotation_page` strings them together
for a rotation that has no hand-written page yet. Text from the data is escaped (`markup.text`); only
the fields the model documents as Markdown (descriptions, purpose, ownership) go through `rich_text`, which
renders Markdown but shows raw HTML as text and drops unsafe link targets.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from macros.feeds.catalog import rotation_feed_path
from macros.model.project import Project
from macros.model.types import Role, Rotation, ScheduledPeriod
from macros.pages import rich_text
from macros.pages.escalation import escalation_section
from macros.pages.home import rotation_on_duty
from macros.pages.links import person_md, person_name
from macros.pages.markup import (
    Links,
    clock,
    day_month,
    handover_deadline_text,
    period_text,
    span_text,
    text,
    zoned_long,
)
from macros.pages.now import channel_header, header_box
from macros.pages.rotation_context import rules_in_force, runbooks, team_mission
from macros.pages.team import team_contacts, team_meetings, team_ownership
from macros.schedule.expansion import Assignment, Expansion, PeriodSpan
from macros.schedule.localtime import local_instant, to_local

PAST_PERIODS = 4
UPCOMING_PERIODS = 12


# --- facts and roles ------------------------------------------------------------------------------


def _weekday(rotation: Rotation) -> str:
    return rotation.handoff.weekday.day_name


def rotation_purpose(project: Project, rotation_id: str) -> str:
    """The one-line description (text) and the purpose (Markdown from the data file)."""
    rotation = project.rotations[rotation_id]
    parts = [f"*{text(rotation.description)}*"] if rotation.description else []
    if rotation.purpose:
        parts.append(rich_text.block(rotation.purpose))
    return "\n\n".join(parts) + "\n" if parts else ""


def rotation_facts(project: Project, rotation_id: str, links: Links) -> str:
    """A short list: team, period length, hand-off, time zone, owners, and the calendar feed."""
    rotation = project.rotations[rotation_id]
    handoff = rotation.handoff
    facts = []
    if rotation.team and rotation.team in project.teams:
        facts.append(f"**Team:** {text(project.teams[rotation.team].name)}")
    facts.append(f"**Period:** {period_text(rotation)}")
    facts.append(f"**Hand-off:** every {_weekday(rotation)} at {clock(handoff.time)} ({text(handoff.timezone)})")
    deadline = handover_deadline_text(rotation)
    if deadline:
        facts.append(f"**Hand-over deadline:** {text(deadline)}")
    one_more = rotation.rules.max_consecutive
    if one_more.enabled and one_more.one_more_when_told:
        facts.append(
            f"**Periods in a row:** at most {one_more.max}; one more only when nobody else takes it, "
            "with a `reason` and `told` (how the team was told) on that period"
        )
    if rotation.shifts:
        windows = ", ".join(
            f"{text(s.title)} {clock(s.start)}–{clock(s.end)} ({text(s.runs_on())})" for s in rotation.shifts
        )
        facts.append(f"**Daily shifts:** {windows}")
    if rotation.owners:
        facts.append("**Schedule owners:** " + ", ".join(person_md(project, p, links) for p in rotation.owners))
    feed = links.md(rotation_feed_path(rotation_id))
    facts.append(f"**Calendar:** [subscribe to every shift of this rotation]({feed}) (iCalendar feed)")
    return "\n".join(f"- {fact}" for fact in facts) + "\n"


def _holding(rotation: Rotation, role: Role) -> str:
    if role.per_shift:
        return "one person per daily shift (" + ", ".join(text(s.title) for s in rotation.shifts) + ")"
    if role.per_segment and rotation.segment:
        segment = rotation.segment
        unit = "week" if segment.total_days == 7 else span_text(segment.weeks, segment.days)
        return f"one person per {unit} of the period"
    return "one person per period"


def _eligible(project: Project, role: Role) -> str:
    if role.eligible is None:
        return ""
    parts = []
    if role.eligible.tags:
        parts.append("people tagged " + " or ".join(f"<code>{text(tag)}</code>" for tag in role.eligible.tags))
    if role.eligible.teams:
        names = [text(project.teams[t].name if t in project.teams else t) for t in role.eligible.teams]
        parts.append("members of " + " or ".join(names))
    return "Open to " + "; ".join(parts) + "." if parts else ""


def roles_section(project: Project, rotation_id: str, level: int = 3) -> str:
    """One heading per role, with its title, how it is held, who may hold it, and its description."""
    rotation = project.rotations[rotation_id]
    out: list[str] = []
    for role in rotation.roles:
        out.append(f"{'#' * level} {text(role.title)} {{#role-{role.id}}}")
        out.append("")
        holding = _holding(rotation, role)
        held = f"*{holding[:1].upper()}{holding[1:]}; {'required' if role.required else 'optional'}.*"
        eligible = _eligible(project, role)
        out.append(f"{held} {eligible}".strip())
        out.append("")
        if role.description:
            out += [rich_text.block(role.description), ""]
    return "\n".join(out)


# --- schedule -------------------------------------------------------------------------------------


def current_period(expansion: Expansion, now: dt.datetime) -> PeriodSpan | None:
    return next((p for p in expansion.periods if p.start <= now < p.end), None)


def visible_periods(
    expansion: Expansion, now: dt.datetime, past: int = PAST_PERIODS, upcoming: int = UPCOMING_PERIODS
) -> list[PeriodSpan]:
    """The last `past` periods that ended by `now`, the one running at `now`, and the next `upcoming`."""
    ended = [p for p in expansion.periods if p.end <= now]
    running = [p for p in expansion.periods if p.start <= now < p.end]
    ahead = [p for p in expansion.periods if p.start > now]
    return (ended[-past:] if past else []) + running + ahead[:upcoming]


def _period_dates(span: PeriodSpan, zone_name: str) -> str:
    start, end = to_local(span.start, zone_name).date(), to_local(span.end, zone_name).date()
    if start.year == end.year:
        return f"{day_month(start)} – {day_month(end)} {end.year}"
    return f"{day_month(start)} {start.year} – {day_month(end)} {end.year}"


def _segment_label(rotation: Rotation, segment: int) -> str:
    unit = "Week" if rotation.segment and rotation.segment.total_days == 7 else "Part"
    return f"{unit} {segment + 1}"


def _regular(assignments: list[Assignment]) -> list[Assignment]:
    """Assignments as written under the role keys (not the overrides, which are listed as notes)."""
    return [a for a in assignments if "overrides" not in a.where]


def _role_cell(project: Project, rotation: Rotation, role: Role, held: list[Assignment], links: Links) -> str:
    if not held:
        return "**vacant**" if role.required else "—"
    groups: dict[str | None, list[Assignment]] = defaultdict(list)
    for assignment in held:
        groups[assignment.shift].append(assignment)
    parts = []
    for shift_id in [None, *(s.id for s in rotation.shifts)]:
        if shift_id not in groups:
            continue
        group = sorted(groups[shift_id], key=lambda a: a.segment)
        people = {a.person for a in group}
        if len(people) == 1:
            names = person_md(project, group[0].person, links)
        else:
            names = "<br>".join(
                f"{_segment_label(rotation, a.segment)}: {person_md(project, a.person, links)}" for a in group
            )
        if shift_id is not None:
            title = text(next(s.title for s in rotation.shifts if s.id == shift_id))
            names = f"{title}: {names}" if len(people) == 1 else f"*{title}*<br>{names}"
        parts.append(names)
    return "<br>".join(parts)


def _notes(project: Project, rotation: Rotation, period: ScheduledPeriod, held: list[Assignment]) -> list[str]:
    zone_name = rotation.handoff.timezone
    notes = [text(period.note)] if period.note else []
    if period.vacant:
        notes.append(f"Vacant: {text(period.vacant)}")
    for assignment in held:
        said = [text(assignment.reason)] if assignment.reason else []
        if assignment.told:
            said.append(f"team told: {text(assignment.told)}")
        if said:
            notes.append(f"{person_name(project, assignment.person)}: {'; '.join(said)}")
    for override in period.overrides:
        role = rotation.role(override.role)
        title = text(role.title) if role else text(override.role)
        start, end = local_instant(override.start, zone_name), local_instant(override.end, zone_name)
        note = (
            f"{person_name(project, override.person)} covers {title} "
            f"{_short(start, zone_name)} – {_short(end, zone_name)}"
        )
        notes.append(note + (f": {text(override.reason)}" if override.reason else ""))
    return notes


def _short(moment: dt.datetime, zone_name: str) -> str:
    local = to_local(moment, zone_name)
    return f"{day_month(local.date())} {clock(local)}"


def schedule_table(
    project: Project,
    expansion: Expansion,
    now: dt.datetime,
    links: Links,
    past: int = PAST_PERIODS,
    upcoming: int = UPCOMING_PERIODS,
) -> str:
    """The last `past` and next `upcoming` periods as a table; the period running at `now` is marked."""
    rotation = expansion.rotation
    zone_name = rotation.handoff.timezone
    shown = visible_periods(expansion, now, past, upcoming)
    if not shown:
        return "*No periods are scheduled yet.*\n"
    by_period: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in expansion.assignments:
        by_period[assignment.period].append(assignment)
    rows = []
    any_notes = False
    for span in shown:
        held = _regular(by_period[span.index])
        period = rotation.schedule[span.index]
        dates = _period_dates(span, zone_name)
        if span.start <= now < span.end:
            dates = f'<strong class="duty-current">Now</strong> · **{dates}**'
        cells = [dates]
        for role in rotation.roles:
            cells.append(_role_cell(project, rotation, role, [a for a in held if a.role == role.id], links))
        notes = _notes(project, rotation, period, held)
        any_notes = any_notes or bool(notes)
        cells.append("<br>".join(notes))
        rows.append(cells)
    header = ["Period", *(text(role.title) for role in rotation.roles), "Notes"]
    if not any_notes:
        header.pop()
        rows = [row[:-1] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    handoff = rotation.handoff
    caption = (
        f"Each period starts {_weekday(rotation)} at {clock(handoff.time)} {text(zone_name)}. "
        f"Shown as of the last build ({text(zoned_long(now, 'UTC'))}): "
        f"up to {past} past periods, the current one and the next {upcoming}."
    )
    paste = header_box(channel_header(project, expansion, now), "Channel header at the last build")
    return caption + "\n\n" + "\n".join(lines) + "\n\n" + paste + "\n"


# --- a whole page ---------------------------------------------------------------------------------


def rotation_page(project: Project, expansion: Expansion, now: dt.datetime, links: Links) -> str:
    """A complete page for a rotation that has no hand-written page in docs/rotations/ yet."""
    rotation_id = expansion.rotation_id
    rotation = expansion.rotation
    parts = [f"# {text(rotation.name)}", ""]
    purpose = rotation_purpose(project, rotation_id)
    if purpose:
        parts += [purpose]
    team = rotation.team if rotation.team in project.teams else None
    parts += [rotation_facts(project, rotation_id, links)]
    parts += ["## On duty now", "", rotation_on_duty(project, expansion, now, links)]
    if team and (mission := team_mission(project, team)):
        parts += [f"## {text(project.teams[team].name)}", "", mission]
    if team and project.teams[team].ownership:
        parts += ["## Priority of work", "", team_ownership(project, team)]
    parts += ["## Roles", "", roles_section(project, rotation_id)]
    parts += ["## Rules", "", rules_in_force(project, rotation_id) or "*No rule is checked for this rotation.*\n"]
    if listed := runbooks(project, rotation_id, links):
        parts += ["## Runbooks", "", listed]
    parts += ["## Schedule", "", schedule_table(project, expansion, now, links)]
    parts += ["## Escalation policy", "", escalation_section(project, expansion, now, links)]
    if team:
        parts += ["## How to reach the team", "", team_contacts(project, team)]
        parts += ["## Recurring meetings", "", team_meetings(project, team, links)]
    parts += [
        f"*This page is generated from `data/rotations/{rotation_id}.yml`. "
        f"To describe how the rotation works, write `docs/rotations/{rotation_id}.md`.*",
        "",
    ]
    return "\n".join(parts)
