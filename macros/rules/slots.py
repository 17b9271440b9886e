"""What several rules share about a schedule: who was scheduled in each period, and how to name a slot.

Messages name a period by its local hand-off date (`PeriodSpan.day`), a role by its title, a daily
shift by its id (the key written in the file) and a segment by its number ("week 2").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from macros.model.types import Rotation
from macros.schedule.expansion import Assignment, Expansion, PeriodSpan, Shift
from macros.schedule.localtime import local_instant


def is_override(assignment: Assignment) -> bool:
    """An override's assignment points into `overrides:`; it covers part of a slot, it does not fill it."""
    return len(assignment.where) > 2 and assignment.where[2] == "overrides"


def scheduled_by_period(expansion: Expansion) -> list[list[Assignment]]:
    """The assignments written in each period (overrides left out), indexed like `expansion.periods`."""
    by_period: list[list[Assignment]] = [[] for _ in expansion.periods]
    for assignment in expansion.assignments:
        if not is_override(assignment) and 0 <= assignment.period < len(by_period):
            by_period[assignment.period].append(assignment)
    return by_period


def readable_periods(expansion: Expansion) -> Iterator[tuple[PeriodSpan, list[Assignment]]]:
    """Each period with its written assignments, leaving out periods whose holders could not all be read.

    The schedule check already reported those; judging what is left of them would blame others.
    """
    for span, assignments in zip(expansion.periods, scheduled_by_period(expansion), strict=True):
        if span.index not in expansion.broken:
            yield span, assignments


def people_in_order(assignments: Iterable[Assignment]) -> dict[str, Assignment]:
    """Each person's first assignment among `assignments`, in the order they were written."""
    first: dict[str, Assignment] = {}
    for assignment in assignments:
        first.setdefault(assignment.person, assignment)
    return first


def once_per_place(assignments: Iterable[Assignment]) -> Iterator[Assignment]:
    """Assignments with distinct `where`: one name written for every segment is one place to fix."""
    seen: set[tuple[object, ...]] = set()
    for assignment in assignments:
        if assignment.where not in seen:
            seen.add(assignment.where)
            yield assignment


def segment_unit(rotation: Rotation) -> str:
    """What one segment is called: a week, a day or (for other lengths) a segment."""
    days = rotation.segment.total_days if rotation.segment else rotation.period.total_days
    return {7: "week", 1: "day"}.get(days, "segment")


def segment_label(rotation: Rotation, segment: int) -> str:
    """'week 2' for the second segment; empty when the period is not split."""
    if rotation.segments_per_period <= 1:
        return ""
    return f"{segment_unit(rotation)} {segment + 1}"


def slot_label(rotation: Rotation, role_id: str, shift: str | None) -> str:
    """'Primary', or 'Primary (emea)' for a daily shift."""
    title = rotation.role_title(role_id)
    return f"{title} ({shift})" if shift else title


def join_words(words: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c')."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


_Key = tuple[int, str, str | None, str, int]  # period, role, daily shift, person, segment


class ShiftOwners:
    """Finds the assignment a concrete shift came from, so a finding about a shift points at a line."""

    def __init__(self, expansion: Expansion) -> None:
        rotation = expansion.rotation
        self._per_segment = {role.id for role in rotation.roles if role.per_segment}
        self._scheduled: dict[_Key, Assignment] = {}
        self._covers: dict[tuple[int, str, str | None, str], list[tuple[dt.datetime, dt.datetime, Assignment]]] = {}
        zone_name = rotation.handoff.timezone
        for assignment in expansion.assignments:
            if not is_override(assignment):
                self._scheduled.setdefault(self._key(assignment.period, assignment.role, assignment.shift,
                                                     assignment.person, assignment.segment), assignment)
                continue
            override = rotation.schedule[assignment.period].overrides[int(assignment.where[3])]
            start, end = local_instant(override.start, zone_name), local_instant(override.end, zone_name)
            key = (assignment.period, assignment.role, assignment.shift, assignment.person)
            self._covers.setdefault(key, []).append((start, end, assignment))

    def _key(self, period: int, role: str, shift: str | None, person: str, segment: int) -> _Key:
        # A role held for the whole period was written once, as segment 0, whichever segment a window falls in.
        return (period, role, shift, person, segment if role in self._per_segment else 0)

    def __call__(self, shift: Shift) -> Assignment | None:
        if not shift.override:
            return self._scheduled.get(self._key(shift.period, shift.role, shift.shift, shift.person, shift.segment))
        covers = self._covers.get((shift.period, shift.role, shift.shift, shift.person), [])
        return next((a for start, end, a in covers if start <= shift.start < end), covers[0][2] if covers else None)


def streaks(expansion: Expansion) -> Iterator[tuple[int, str, int]]:
    """(period index, person, index where their streak began) for everyone scheduled in each period.

    A streak continues from one entry of the schedule to the next when the two periods touch (one
    ends at the instant the next starts) and the person is scheduled in both; overrides do not count.
    """
    began: dict[str, int] = {}
    previous = None
    for span, assignments in zip(expansion.periods, scheduled_by_period(expansion), strict=True):
        touching = previous is not None and previous.end == span.start
        current = {}
        for person in people_in_order(assignments):
            current[person] = began[person] if touching and person in began else span.index
            yield span.index, person, current[person]
        began, previous = current, span


def period_days(expansion: Expansion, first: int, last: int) -> str:
    """The hand-off dates of periods first..last, listed, or as a range when there are many."""
    days = [str(span.day) for span in expansion.periods[first : last + 1]]
    return ", ".join(days) if len(days) <= 4 else f"{days[0]} to {days[-1]}"
