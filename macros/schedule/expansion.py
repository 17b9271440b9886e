"""Expanding a rotation's schedule into periods, assignments and concrete shifts.

A *period* runs from one hand-off to the next: `start` at the hand-off's local time, for the
rotation's `period` length counted in local calendar days (so a one-week period is 167 or 169
hours long across a DST change). A period may be split into *segments* (for roles marked
`per_segment`) and each day into daily *shifts* (for roles marked `per_shift`). Overrides replace
the holder for part of a shift. Every instant is UTC; see `localtime` for the DST policy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Optional

from macros.model.findings import Finding, Severity, did_you_mean
from macros.model.project import Collection, Project
from macros.model.types import IDENT_PATTERN, DailyShift, Role, Rotation
from macros.model.yamldoc import PathKey
from macros.schedule.covers import Cover, carve
from macros.schedule.localtime import add_days, instant, local_instant, to_local
from macros.schedule.shift_types import Assignment, Expansion, PeriodSpan, Shift

# What a schedule expands into is defined in `shift_types`; it is imported from here by most readers.
__all__ = ["Assignment", "Expansion", "PeriodSpan", "Shift", "expand_all", "expand_rotation", "segment_bounds"]

_ID = re.compile(IDENT_PATTERN)


_Holder = tuple[Optional[str], Optional[str], Optional[str], PathKey]  # person, reason, told, relative path


def _holders(value: Any) -> list[_Holder] | None:
    """Normalise a holder or list of holders to (person, reason, told, relative path); None if malformed."""
    items = value if isinstance(value, list) else [value]
    result: list[_Holder] = []
    for index, item in enumerate(items):
        where: PathKey = (index,) if isinstance(value, list) else ()
        if isinstance(item, str):
            result.append((item, None, None, where))
        elif (
            isinstance(item, dict) and set(item) <= {"person", "reason", "told"} and isinstance(item.get("person"), str)
        ):
            reason, told = item.get("reason"), item.get("told")
            text_or_none = [part if isinstance(part, str) else None for part in (reason, told)]
            result.append((item["person"], *text_or_none, where))
        elif item is None:
            result.append((None, None, None, where))
        else:
            return None
    return result


def segment_bounds(rotation: Rotation, span: PeriodSpan, segment: int) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of one segment of a period (the whole period when the rotation has no segments)."""
    if not rotation.segment:
        return span.start, span.end
    days = rotation.segment.total_days
    handoff = rotation.handoff
    return (
        instant(add_days(span.day, segment * days), handoff.time, handoff.timezone),
        instant(add_days(span.day, (segment + 1) * days), handoff.time, handoff.timezone),
    )


class _Expander:
    def __init__(self, rotation_id: str, rotations: Collection[Rotation]) -> None:
        self.rotation_id = rotation_id
        self.rotation = rotations[rotation_id]
        self.rotations = rotations
        self.out = Expansion(rotation_id, self.rotation)
        # Every holder of a period asks for the same segment bounds and daily windows: compute each once.
        self._bounds: dict[tuple[dt.date, int], tuple[dt.datetime, dt.datetime]] = {}
        self._windows: dict[tuple[str, dt.datetime, dt.datetime], list[tuple[dt.datetime, dt.datetime]]] = {}

    def error(self, where: PathKey, message: str, hint: str, *, key: bool = False) -> None:
        location = self.rotations.locate(self.rotation_id, where, key=key)
        self.out.findings.append(Finding(location, Severity.ERROR, "schedule", message, hint))

    def run(self) -> Expansion:
        rotation = self.rotation
        previous: Optional[dt.date] = None
        for index, period in enumerate(rotation.schedule):
            where: PathKey = ("schedule", index)
            if period.start.weekday() != rotation.handoff.weekday.number:
                self.error(
                    (*where, "start"),
                    f"period starts on {period.start:%A} {period.start}, not on the hand-off weekday",
                    f"start it on a {rotation.handoff.weekday.value}",
                )
            if previous is not None and period.start <= previous:
                self.error(
                    (*where, "start"),
                    f"period {period.start} is not after the one before it",
                    "keep the schedule in date order",
                )
            previous = period.start
            span = self.span(index, period.start)
            self.out.periods.append(span)
            first_shift = len(self.out.shifts)  # this period's shifts are the tail from here on
            reported = len(self.out.findings)
            self.expand_period(span, period.assignments, where)
            if len(self.out.findings) > reported:
                self.out.broken.add(index)
            self.apply_overrides(span, index, first_shift)
        return self.out

    def span(self, index: int, day: dt.date) -> PeriodSpan:
        handoff = self.rotation.handoff
        end_day = add_days(day, self.rotation.period.total_days)
        return PeriodSpan(
            self.rotation_id,
            index,
            day,
            instant(day, handoff.time, handoff.timezone),
            instant(end_day, handoff.time, handoff.timezone),
        )

    def segment_bounds(self, span: PeriodSpan, segment: int) -> tuple[dt.datetime, dt.datetime]:
        if not self.rotation.segment:
            return span.start, span.end
        bounds = self._bounds.get((span.day, segment))
        if bounds is None:
            bounds = self._bounds[(span.day, segment)] = segment_bounds(self.rotation, span, segment)
        return bounds

    def expand_period(self, span: PeriodSpan, assignments: dict[str, Any], where: PathKey) -> None:
        rotation = self.rotation
        for role_id, value in assignments.items():
            role = rotation.role(role_id)
            if role is None:
                self.error(
                    (*where, role_id),
                    f"'{role_id}' is not a role of this rotation",
                    did_you_mean(role_id, [r.id for r in rotation.roles] + ["start", "note", "overrides"]),
                    key=True,
                )
                continue
            if role.per_shift:
                self.expand_per_shift(span, role, value, (*where, role_id))
            else:
                self.expand_holders(span, role, None, value, (*where, role_id))

    def expand_per_shift(self, span: PeriodSpan, role: Role, value: Any, where: PathKey) -> None:
        shift_ids = [s.id for s in self.rotation.shifts]
        if not isinstance(value, dict):
            self.error(
                where, f"role '{role.id}' is held per daily shift", f"write one entry per shift: {', '.join(shift_ids)}"
            )
            return
        for shift_id, holders in value.items():
            if shift_id not in shift_ids:
                self.error(
                    (*where, shift_id),
                    f"'{shift_id}' is not a daily shift of this rotation",
                    did_you_mean(shift_id, shift_ids),
                    key=True,
                )
                continue
            self.expand_holders(span, role, shift_id, holders, (*where, shift_id))

    def expand_holders(self, span: PeriodSpan, role: Role, shift_id: Optional[str], value: Any, where: PathKey) -> None:
        holders = _holders(value)
        count = self.rotation.segments_per_period if role.per_segment else 1
        if holders is None:
            self.error(
                where, f"cannot read the holder of '{role.id}'", "write a person id or {person: id, reason: why}"
            )
            return
        if isinstance(value, list) and (not role.per_segment or len(holders) != count):
            expected = f"a list of {count} people, one per segment" if role.per_segment else "one person"
            self.error(where, f"'{role.id}' lists {len(holders)} people", f"give {expected}")
            return
        if len(holders) == 1 and count > 1:
            holders = holders * count  # one name for a per-segment role holds every segment
        for segment, (person, reason, told, relative) in enumerate(holders):
            if person is None:
                continue  # an explicit empty slot; the coverage rule decides whether that is allowed
            if not _ID.match(person):
                self.error(
                    (*where, *relative), f"'{person}' is not a valid person id", "use the file name from data/people/"
                )
                continue
            self.out.assignments.append(
                Assignment(
                    self.rotation_id, span.index, role.id, person, segment, shift_id, reason, (*where, *relative),
                    told,
                )
            )
            start, end = self.segment_bounds(span, segment if role.per_segment else 0)
            if not role.per_segment:
                start, end = span.start, span.end
            self.add_shifts(span, role, person, shift_id, start, end, reason)

    def add_shifts(
        self,
        span: PeriodSpan,
        role: Role,
        person: str,
        shift_id: Optional[str],
        start: dt.datetime,
        end: dt.datetime,
        reason: Optional[str],
    ) -> None:
        if shift_id is None:
            self.out.shifts.append(
                Shift(
                    self.rotation_id,
                    role.id,
                    person,
                    start,
                    end,
                    span.index,
                    self._segment_of(span, start),
                    None,
                    reason=reason,
                )
            )
            return
        daily = next(s for s in self.rotation.shifts if s.id == shift_id)
        for window_start, window_end in self.daily_windows(daily, start, end):
            self.out.shifts.append(
                Shift(
                    self.rotation_id,
                    role.id,
                    person,
                    window_start,
                    window_end,
                    span.index,
                    self._segment_of(span, window_start),
                    shift_id,
                    reason=reason,
                )
            )

    def _segment_of(self, span: PeriodSpan, moment: dt.datetime) -> int:
        if self.rotation.segment is None:
            return 0  # one segment, the whole period
        for segment in range(self.rotation.segments_per_period):
            seg_start, seg_end = self.segment_bounds(span, segment)
            if seg_start <= moment < seg_end:
                return segment
        return 0

    def daily_windows(
        self, daily: DailyShift, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        """The daily shift's windows clipped to [start, end): a window crossing a hand-off is split there."""
        cached = self._windows.get((daily.id, start, end))
        if cached is None:
            cached = self._windows[(daily.id, start, end)] = self._clipped_windows(daily, start, end)
        return cached

    def _clipped_windows(
        self, daily: DailyShift, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        zone_name = self.rotation.handoff.timezone
        first = start.date() - dt.timedelta(days=1)
        last = end.date() + dt.timedelta(days=1)
        windows = []
        runs_on = {weekday.number for weekday in daily.days}  # empty: every day
        day = first
        while day <= last:
            if runs_on and day.weekday() not in runs_on:
                day = add_days(day, 1)
                continue
            end_day = day if daily.end > daily.start else add_days(day, 1)
            w_start, w_end = instant(day, daily.start, zone_name), instant(end_day, daily.end, zone_name)
            clipped = (max(w_start, start), min(w_end, end))
            if clipped[0] < clipped[1]:
                windows.append(clipped)
            day = add_days(day, 1)
        return windows

    def apply_overrides(self, span: PeriodSpan, index: int, first_shift: int) -> None:
        period = self.rotation.schedule[index]
        zone_name = self.rotation.handoff.timezone
        covers: list[Cover] = []
        for number, override in enumerate(period.overrides):
            where: PathKey = ("schedule", index, "overrides", number)
            role = self.rotation.role(override.role)
            if role is None:
                self.error(
                    (*where, "role"),
                    f"'{override.role}' is not a role of this rotation",
                    did_you_mean(override.role, [r.id for r in self.rotation.roles]),
                )
                continue
            if role.per_shift != (override.shift is not None):
                hint = "name the daily shift with `shift:`" if role.per_shift else "remove `shift:`"
                self.error(
                    where, f"override of '{role.id}' {'needs' if role.per_shift else 'cannot have'} a daily shift", hint
                )
                continue
            start, end = local_instant(override.start, zone_name), local_instant(override.end, zone_name)
            if start < span.start or end > span.end:
                local_start, local_end = to_local(span.start, zone_name), to_local(span.end, zone_name)
                self.error(
                    where,
                    f"override lies outside its period "
                    f"({local_start:%Y-%m-%d %H:%M} – {local_end:%Y-%m-%d %H:%M} {zone_name})",
                    "move it to the period it belongs to",
                )
                continue
            self.out.assignments.append(
                Assignment(
                    self.rotation_id,
                    index,
                    role.id,
                    override.person,
                    self._segment_of(span, start),
                    override.shift,
                    override.reason,
                    (*where, "person"),
                )
            )
            covers.append(Cover(role.id, override.shift, override.person, start, end, override.reason))
        if covers:
            self._cover(covers, index, first_shift)

    def _cover(self, covers: list[Cover], index: int, first_shift: int) -> None:
        """Hand the covered parts of this period's shifts to the people covering them.

        All of a period's overrides are applied in one pass: one at a time, each re-scanning the period's
        shifts (which every cover splits further), made a period with thousands of overrides quadratic.
        Where two overrides overlap, the one written first keeps the overlap, as before.
        """
        # Only the current period's shifts (the tail of the list) can be covered: scanning the whole
        # schedule for every period would make long schedules quadratic.
        by_slot: dict[tuple[str, Optional[str]], list[Cover]] = {}
        for cover in covers:
            by_slot.setdefault((cover.role, cover.shift), []).append(cover)
        kept: list[Shift] = []
        for shift in self.out.shifts[first_shift:]:
            coverable = shift.period == index and not shift.override
            slot_covers = by_slot.get((shift.role, shift.shift)) if coverable else None
            if slot_covers:
                kept += carve(shift, slot_covers, _replace)
            else:
                kept.append(shift)
        self.out.shifts[first_shift:] = kept


def _replace(shift: Shift, **changes: Any) -> Shift:
    values = {name: getattr(shift, name) for name in Shift.__slots__}
    values.update(changes)
    return Shift(**values)


def expand_rotation(project: Project, rotation_id: str) -> Expansion:
    expansion = _Expander(rotation_id, project.rotations).run()
    expansion.shifts.sort(key=lambda s: (s.start, s.role, s.shift or "", s.person))
    return expansion


def expand_all(project: Project, earlier: Mapping[str, Expansion] | None = None) -> dict[str, Expansion]:
    """Every rotation's expansion. `earlier` (a previous result) is reused for each rotation whose model is
    the very same object (`load_project(..., reuse_unchanged=True)` keeps the models of unchanged files):
    after a one-line edit, `mkdocs serve` re-expands only the edited rotation."""
    expansions: dict[str, Expansion] = {}
    for rotation_id, rotation in project.rotations.items():
        before = (earlier or {}).get(rotation_id)
        if before is not None and before.rotation is rotation:
            expansions[rotation_id] = before
        else:
            expansions[rotation_id] = expand_rotation(project, rotation_id)
    return expansions
