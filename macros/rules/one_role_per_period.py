"""`one-role-per-period`: one person, one slot at a time.

Within a rotation, a person holds at most one (role, daily shift) in each segment of a period; a role
held for the whole period counts in every segment. An override may not make someone cover a slot
while they hold another one at the same time. Across rotations, a person on duty in two of them at
once gets a warning (it may be intended, e.g. a lead of two small rotations). That last check is
global, so this rule overrides `check` and sweeps every person's shifts in time order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from macros.model.findings import Finding, Severity
from macros.model.types import RuleSettings
from macros.rules.base import Context, Rule
from macros.rules.slots import (
    ShiftOwners,
    is_override,
    join_words,
    readable_periods,
    segment_label,
    slot_label,
)
from macros.schedule.expansion import Assignment, Expansion, Shift

Slot = tuple[str, str | None]  # (role id, daily shift id)


class OneRolePerPeriodRule(Rule):
    id = "one-role-per-period"
    description = "Nobody holds two roles (or two daily shifts) of a period at once, nor duty in two rotations at once."
    settings_field = "one_role_per_period"

    def check(self, context: Context) -> Iterable[Finding]:
        yield from super().check(context)
        yield from _Sweep(self, context).run()

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        rotation = expansion.rotation
        segments = rotation.segments_per_period
        for span, assignments in readable_periods(expansion):
            # person → segment → the distinct slots held there, each with the first assignment naming it
            held: dict[str, list[dict[Slot, Assignment]]] = {}
            for assignment in assignments:
                role = rotation.role(assignment.role)
                per_segment = role is not None and role.per_segment
                theirs = held.setdefault(assignment.person, [{} for _ in range(segments)])
                for segment in [assignment.segment] if per_segment else range(segments):
                    theirs[segment].setdefault((assignment.role, assignment.shift), assignment)
            for person, by_segment in held.items():
                clashes: dict[tuple[Slot, Slot], tuple[Assignment, list[int]]] = {}
                for segment, slots in enumerate(by_segment):
                    ordered = list(slots.items())
                    for slot, assignment in ordered[1:]:
                        clashes.setdefault((ordered[0][0], slot), (assignment, []))[1].append(segment)
                for (one, other), (assignment, where) in clashes.items():
                    labels = [segment_label(rotation, segment) for segment in where]
                    when = "" if len(where) == segments else f" ({join_words(labels)})"
                    yield self.finding(
                        context,
                        expansion.rotation_id,
                        assignment.where,
                        f"{person} is both {slot_label(rotation, *one)} and {slot_label(rotation, *other)} "
                        f"in the period {span.day}{when}",
                        "give one of them to someone else",
                        settings=settings,
                    )


def _time_order(shift: Shift) -> tuple[object, ...]:
    return (shift.start, shift.end, shift.rotation, shift.role, shift.shift or "", shift.period)


class _Sweep:
    """Every person's shifts in time order; each is compared with the still-running shifts before it."""

    def __init__(self, rule: OneRolePerPeriodRule, context: Context) -> None:
        self.rule = rule
        self.context = context
        self.owners: dict[str, ShiftOwners] = {}
        self.reported: set[tuple[object, ...]] = set()

    def run(self) -> Iterator[Finding]:
        by_person: dict[str, list[Shift]] = {}
        for expansion in self.context.expansions.values():
            for shift in expansion.shifts:
                by_person.setdefault(shift.person, []).append(shift)
        for person in sorted(by_person):
            shifts = sorted(by_person[person], key=_time_order)
            # (rotation, role, daily shift) → the shift of that kind that ends last so far
            running: dict[tuple[str, str, str | None], Shift] = {}
            for shift in shifts:
                for key, other in list(running.items()):
                    if other.end <= shift.start:
                        del running[key]  # sorted by start: nothing later can overlap it either
                    else:
                        yield from self.clash(other, shift)
                key = (shift.rotation, shift.role, shift.shift)
                if key not in running or running[key].end < shift.end:
                    running[key] = shift

    def clash(self, earlier: Shift, later: Shift) -> Iterator[Finding]:
        if earlier.rotation != later.rotation:
            yield from self.two_rotations(earlier, later)
        elif (earlier.override or later.override) and (earlier.role, earlier.shift) != (later.role, later.shift):
            cover, held = (later, earlier) if later.override else (earlier, later)
            yield from self.cover_while_busy(cover, held)

    def owner(self, shift: Shift) -> Assignment | None:
        if shift.rotation not in self.owners:
            self.owners[shift.rotation] = ShiftOwners(self.context.expansions[shift.rotation])
        return self.owners[shift.rotation](shift)

    def settings(self, rotation_id: str) -> RuleSettings | None:
        return self.rule.settings(self.context.expansions[rotation_id].rotation)

    def describe(self, shift: Shift) -> str:
        rotation = self.context.expansions[shift.rotation].rotation
        day = self.context.expansions[shift.rotation].periods[shift.period].day
        verb = "covers" if shift.override else "holds"
        return f"{verb} {slot_label(rotation, shift.role, shift.shift)} in the period {day}"

    def two_rotations(self, earlier: Shift, later: Shift) -> Iterator[Finding]:
        pair = frozenset({(earlier.rotation, earlier.period), (later.rotation, later.period)})
        if (later.person, pair) in self.reported:
            return
        here, there = (later, earlier) if self.settings(later.rotation) else (earlier, later)
        settings = self.settings(here.rotation)
        assignment = self.owner(here)
        if settings is None or assignment is None:
            return
        self.reported.add((later.person, pair))
        other_day = self.context.expansions[there.rotation].periods[there.period].day
        yield self.rule.finding(
            self.context,
            here.rotation,
            assignment.where,
            f"{here.person} {self.describe(here)} while on duty in the rotation '{there.rotation}' "
            f"(period {other_day}) at the same time",
            "make sure one person can do both, or pick someone else for one of them",
            settings=settings,
            severity=Severity.WARNING,
        )

    def cover_while_busy(self, cover: Shift, held: Shift) -> Iterator[Finding]:
        settings = self.settings(cover.rotation)
        assignment = self.owner(cover)
        if settings is None or assignment is None or not is_override(assignment) or assignment.where in self.reported:
            return
        self.reported.add(assignment.where)
        rotation = self.context.expansions[cover.rotation].rotation
        yield self.rule.finding(
            self.context,
            cover.rotation,
            assignment.where,
            f"{cover.person} {self.describe(cover)} while being {slot_label(rotation, held.role, held.shift)} "
            "at the same time",
            "let someone who is free cover, or hand over the other slot too",
            settings=settings,
        )
