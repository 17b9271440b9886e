"""Who is on duty at an instant, who comes next, and when the hand-over between them happens.

A *hand-off* here is the next instant at which the set of people on duty changes: the end of a
period, but also the boundary between two segments (primary and backup swap halfway through a
two-week cycle), the start or end of a daily shift, or an override. An instant where the holders
stay the same (one person holding two periods in a row) is no hand-off. The browser script on the
"On duty now" page (`docs/assets/js/now.js`) applies the same definition to `api/schedule.json`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from macros.model.types import Rotation
from macros.schedule.expansion import Expansion, PeriodSpan, Shift


@dataclass(frozen=True)
class Duty:
    """One rotation's state at `moment`: the shifts running now, the next hand-off and who takes over."""

    rotation_id: str
    rotation: Rotation
    moment: dt.datetime
    now: tuple[Shift, ...]
    handoff: dt.datetime | None
    next: tuple[Shift, ...]
    period: PeriodSpan | None
    scheduled_until: dt.datetime | None

    def holders(self, role_id: str, *, upcoming: bool = False) -> tuple[Shift, ...]:
        """The shifts of `role_id` running now (or right after the hand-off), in daily-shift order."""
        return tuple(s for s in (self.next if upcoming else self.now) if s.role == role_id)

    @property
    def past_the_end(self) -> bool:
        """True when nobody is on duty now and nobody ever will be again."""
        return not self.now and self.handoff is None


def running(shifts: list[Shift], moment: dt.datetime) -> tuple[Shift, ...]:
    """The shifts that contain `moment` (start inclusive, end exclusive), in role order then shift order."""
    return tuple(s for s in shifts if s.start <= moment < s.end)


def _who(shifts: tuple[Shift, ...]) -> frozenset[tuple[str, str | None, str]]:
    return frozenset((s.role, s.shift, s.person) for s in shifts)


def next_handoff(shifts: list[Shift], moment: dt.datetime) -> dt.datetime | None:
    """The first instant after `moment` at which a different set of people is on duty, if any."""
    current = _who(running(shifts, moment))
    boundaries = sorted({s.start for s in shifts if s.start > moment} | {s.end for s in shifts if s.end > moment})
    for boundary in boundaries:
        if _who(running(shifts, boundary)) != current:
            return boundary
    return None


def role_order(rotation: Rotation, shifts: tuple[Shift, ...]) -> tuple[Shift, ...]:
    roles = [role.id for role in rotation.roles]
    daily = [shift.id for shift in rotation.shifts]

    def key(shift: Shift) -> tuple[int, int, str]:
        role = roles.index(shift.role) if shift.role in roles else len(roles)
        window = daily.index(shift.shift) if shift.shift in daily else -1
        return (role, window, shift.person)

    return tuple(sorted(shifts, key=key))


def duty_at(expansion: Expansion, moment: dt.datetime) -> Duty:
    """The state of one rotation at `moment` (a UTC instant)."""
    shifts = expansion.shifts
    handoff = next_handoff(shifts, moment)
    period = next((p for p in expansion.periods if p.start <= moment < p.end), None)
    return Duty(
        rotation_id=expansion.rotation_id,
        rotation=expansion.rotation,
        moment=moment,
        now=role_order(expansion.rotation, running(shifts, moment)),
        handoff=handoff,
        next=role_order(expansion.rotation, running(shifts, handoff)) if handoff else (),
        period=period,
        scheduled_until=max((s.end for s in shifts), default=None),
    )


def shifts_by_person(expansions: Mapping[str, Expansion]) -> dict[str, list[Shift]]:
    """Every shift of every rotation, by the person holding it: one pass, for callers that ask per person."""
    found: dict[str, list[Shift]] = defaultdict(list)
    for expansion in expansions.values():
        for shift in expansion.shifts:
            found[shift.person].append(shift)
    return dict(found)


def upcoming_shifts(
    expansions: Mapping[str, Expansion],
    person_id: str,
    moment: dt.datetime,
    by_person: Mapping[str, Sequence[Shift]] | None = None,
) -> list[Shift]:
    """A person's shifts that have not ended at `moment`, across rotations, in time order.

    Stretches of one role that follow each other without a gap (a per-segment role held for both
    weeks of a cycle, one person holding two periods in a row) are joined into one. `by_person`
    (`shifts_by_person` of the same expansions) saves scanning every shift for each person.
    """
    if by_person is None:
        candidates: Sequence[Shift] = [s for e in expansions.values() for s in e.shifts if s.person == person_id]
    else:
        candidates = by_person.get(person_id, ())
    mine = sorted((s for s in candidates if s.end > moment), key=lambda s: (s.start, s.rotation, s.role))
    joined: list[Shift] = []
    for shift in mine:
        previous = next(
            (j for j in reversed(joined) if (j.rotation, j.role, j.shift) == (shift.rotation, shift.role, shift.shift)),
            None,
        )
        if previous is not None and previous.end == shift.start and previous.override == shift.override:
            joined[joined.index(previous)] = _extend(previous, shift.end)
        else:
            joined.append(shift)
    return joined


def _extend(shift: Shift, end: dt.datetime) -> Shift:
    return Shift(
        shift.rotation, shift.role, shift.person, shift.start, end, shift.period, shift.segment, shift.shift,
        shift.override, shift.reason,
    )
