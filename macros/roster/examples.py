"""The ids and dates the "Changing the roster" page fills its commands with, taken from the handbook's own data.

The page's commands must run as written on any handbook, not only on the example: a swap the rules
accept, a cover someone can take, a plan that fits. Each candidate is tried the way the command tries it
(the same edit functions, then every rule on the result, compared with the rules before), and the first
one that passes is shown. Only a handful of candidates are tried, so the page costs a few validations per
build. Every value is an id or a date: safe in a shell command and in Markdown as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from macros.model.findings import DataError, Finding, Severity
from macros.model.project import Collection, Project
from macros.model.reuse import Reuse
from macros.model.types import Rotation
from macros.model.yamldoc import parse_text
from macros.roster.edits import EditError, read_rotation_text, rotation_path
from macros.roster.override import LOCAL_FORMAT, OverrideRequest, add_override
from macros.roster.swap import SwapRequest, swap
from macros.roster.yamledit import RoundTrip, load_roundtrip
from macros.rules.eligibility import missing
from macros.rules.slots import scheduled_by_period
from macros.rules.unavailable import BlockedTimes
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion
from macros.schedule.localtime import to_local

MAX_TRIES = 10  # candidates tried per command before the page settles for the first one
PLANNED_DAYS = 91  # "the next quarter"


@dataclass(frozen=True)
class RosterExamples:
    rotation: str
    role: str
    person: str  # holds `role` in `period` and takes `other`'s place in `other_period`
    other: str
    period: dt.date
    other_period: dt.date
    cover_role: str
    cover_person: str
    covered: str
    cover_from: str  # local to the rotation's hand-off zone, as `override --from` takes it
    cover_until: str
    plan_periods: int
    team: str  # a team id, for the "someone joins" file
    timezone: str
    leave_day: dt.date  # a last day, for "someone leaves"
    away_from: dt.date  # time off, for "time off"
    away_until: dt.date


def _error_keys(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return sorted((f.location.path, f.rule, f.message) for f in findings if f.severity is Severity.ERROR)


class _Trial:
    """Tries an edit of one rotation file and says whether it adds a rule error."""

    def __init__(self, root: Path, project: Project, rotation_id: str, now: dt.datetime,
                 findings: list[Finding], expansions: Mapping[str, Expansion], reuse: Reuse | None = None) -> None:
        self.project, self.rotation_id, self.now, self.expansions = project, rotation_id, now, expansions
        self.rotation, self.expansion = project.rotations[rotation_id], expansions[rotation_id]
        self.text = read_rotation_text(root, rotation_id)
        self.base: RoundTrip | None = None
        self.before = _error_keys(findings)
        self.reuse = reuse

    def document(self) -> RoundTrip:
        """A fresh copy to edit, parsed in the layout found once (finding it is the slow part)."""
        if self.base is None:
            # The first edit takes the document the layout was found with; later ones parse the text again.
            self.base = load_roundtrip(self.text, rotation_path(self.rotation_id))
            return self.base
        return replace(self.base, data=self.base.yaml.load(self.base.original))

    def edited(self, request: SwapRequest | OverrideRequest) -> str | None:
        """The file's text after the edit `request` asks for, or None when the edit is refused.

        It follows from the file alone (its text, its model and its expansion): with `reuse`, it is made once
        per text of the file, however often other files change."""
        def make() -> str | None:
            document = self.document()
            try:
                if isinstance(request, SwapRequest):
                    swap(document, self.rotation, request)
                else:
                    add_override(document, self.rotation, request, self.expansion)
            except EditError:
                return None
            return document.render()

        if self.reuse is None:
            return make()
        inputs = (self.text, self.rotation, self.expansion)
        return self.reuse.get(("roster edit", self.rotation_id, repr(request)), inputs, make)

    def accepted(self, text: str | None) -> bool:
        """Whether the edited text of the rotation adds no rule error; only that file is read again (in memory)."""
        if text is None:
            return False
        path = rotation_path(self.rotation_id)
        try:
            parsed = parse_text(text, path)
            rotation = Rotation.model_validate(parsed.data)
        except (DataError, ValidationError):
            return False
        rotations = self.project.rotations
        edited = replace(self.project, rotations=Collection(
            rotations.folder, {**rotations.by_id, self.rotation_id: rotation},
            {**rotations.sources, self.rotation_id: parsed.source},
        ))
        # Only the edited rotation is expanded again (`expand_all` keeps the others' expansions).
        after = _error_keys(validate(edited, self.now, self.expansions).findings)
        return all(key in self.before for key in after)


def _future(expansion: Expansion, today: dt.date) -> list[int]:
    return [span.index for span in expansion.periods if span.day > today]


def _swaps(project: Project, expansion: Expansion, future: list[int]) -> list[tuple[str, str, str, int, int]]:
    """(role, person, other, period, other's period): one role held by two people in two periods ahead.

    Likely ones first: each person absent from the other's period and its neighbours (so the swap rarely
    puts anyone on twice in a row), periods far apart; then neighbouring periods.
    """
    by_period = scheduled_by_period(expansion)

    blocked = {person_id: BlockedTimes.of(person) for person_id, person in project.people.items()}

    def away(person: str, index: int) -> bool:
        span = expansion.periods[index]
        return person not in blocked or blocked[person].first_overlap(span.start, span.end) is not None

    def near(index: int) -> set[str]:
        return {a.person for i in (index - 1, index, index + 1) if 0 <= i < len(by_period) for a in by_period[i]}

    found = []
    for first_index, first in enumerate(future[:12]):
        for second in future[first_index + 1:12]:
            for held in by_period[first]:
                for other in by_period[second]:
                    if other.role != held.role or held.person == other.person:
                        continue
                    if away(held.person, second) or away(other.person, first):  # time off: refused for sure
                        continue
                    clash = held.person in near(second) or other.person in near(first)
                    # Without a clash, far apart; with one, neighbours (a second period in a row is allowed).
                    order = first - second if not clash else second - first
                    found.append((clash, order, (held.role, held.person, other.person, first, second)))
    return [candidate for _, _, candidate in sorted(found)]


def _choose_rotation(project: Project, expansions: Mapping[str, Expansion], today: dt.date) -> str | None:
    """A rotation with periods ahead, preferring one whose roles are not split into daily shifts."""
    # Fewest roles first: a swap or a cover there touches the fewest rules.
    ordered = sorted(project.rotations, key=lambda rid: (len(project.rotations[rid].roles), rid))
    ahead = [rid for rid in ordered if len(_future(expansions[rid], today)) >= 2]
    plain = [rid for rid in ahead if any(not role.per_shift for role in project.rotations[rid].roles)]
    chosen = plain or ahead
    return chosen[0] if chosen else None


def roster_examples(
    root: Path, project: Project, expansions: Mapping[str, Expansion], now: dt.datetime,
    findings: list[Finding] | None = None, reuse: Reuse | None = None,
) -> RosterExamples | None:
    """Values for the page's commands, or None when no rotation has two periods ahead to show them on.

    `findings` are the data's findings as of `now` when the caller has them (a build does), else computed;
    with `reuse`, each tried edit of the rotation file is written once per text of the file (only the rules
    run again when another file changes).
    """
    today = now.date()
    rotation_id = _choose_rotation(project, expansions, today)
    if rotation_id is None:
        return None
    rotation, expansion = project.rotations[rotation_id], expansions[rotation_id]
    future = _future(expansion, today)
    before = validate(project, now, expansions).findings if findings is None else findings
    trial = _Trial(root, project, rotation_id, now, before, expansions, reuse)
    candidates = _swaps(project, expansion, future)
    if not candidates:
        return None
    chosen = candidates[0]
    for candidate in candidates[:MAX_TRIES]:
        role_id, person, other, first, second = candidate
        text = trial.edited(SwapRequest(rotation_id, person, other, [first, second]))
        if text is not None and trial.accepted(text):
            chosen = candidate
            break
    role_id, person, other, first, second = chosen
    cover = _cover(trial, project, rotation, expansion, future[0])
    some_person = project.people[person]
    return RosterExamples(
        rotation=rotation_id, role=role_id, person=person, other=other,
        period=rotation.schedule[first].start, other_period=rotation.schedule[second].start,
        cover_role=cover[0], cover_person=cover[1], covered=cover[2], cover_from=cover[3], cover_until=cover[4],
        plan_periods=-(-PLANNED_DAYS // rotation.period.total_days),
        team=some_person.team, timezone=some_person.timezone,
        leave_day=today + dt.timedelta(days=120),
        away_from=today + dt.timedelta(days=60), away_until=today + dt.timedelta(days=64),
    )


def _cover(
    trial: _Trial, project: Project, rotation: Rotation, expansion: Expansion, index: int
) -> tuple[str, str, str, str, str]:
    """(role, person, covered, from, until): someone free covering a day of the first period ahead."""
    span = expansion.periods[index]
    start = to_local(span.start, rotation.handoff.timezone).replace(tzinfo=None) + dt.timedelta(days=1)
    end = start + dt.timedelta(days=1)
    held = scheduled_by_period(expansion)[index]
    busy = {a.person for a in held}
    fallback: tuple[str, str, str, str, str] | None = None
    tries = 0
    for assignment in held:
        role = next(r for r in rotation.roles if r.id == assignment.role)
        if role.per_shift:
            continue
        for person_id in sorted(project.people):
            eligible = role.eligible
            if person_id in busy or (eligible is not None and missing(eligible, project.people[person_id])):
                continue
            values = (role.id, person_id, assignment.person, start.strftime(LOCAL_FORMAT),
                      end.strftime(LOCAL_FORMAT))
            fallback = fallback or values
            if tries >= MAX_TRIES:
                return fallback
            tries += 1
            text = trial.edited(OverrideRequest(trial.rotation_id, role.id, person_id, start, end))
            if text is not None and trial.accepted(text):
                return values
    if fallback is None:
        first = held[0]
        return (first.role, first.person, first.person, start.strftime(LOCAL_FORMAT), end.strftime(LOCAL_FORMAT))
    return fallback
