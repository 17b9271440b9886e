"""The plain data a schedule expands into."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from macros.schedule import expansion
from macros.schedule.shift_types import Assignment, Expansion, PeriodSpan, Shift

UTC = dt.UTC


def test_an_assignment_names_its_slot_by_role_daily_shift_and_segment() -> None:
    made = Assignment("duty", 0, "primary", "ana", 1, "emea", None, ("schedule", 0, "primary"))
    assert made.slot == ("primary", "emea", 1)


def test_shifts_and_periods_are_values() -> None:
    """Frozen: the rules, pages and feeds share one expansion and must not change it under each other."""
    start = dt.datetime(2027, 1, 4, 9, tzinfo=UTC)
    shift = Shift("duty", "primary", "ana", start, start + dt.timedelta(days=7), 0, 0, None)
    span = PeriodSpan("duty", 0, start.date(), start, start + dt.timedelta(days=7))
    with pytest.raises(dataclasses.FrozenInstanceError):
        shift.person = "bo"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.index = 1  # type: ignore[misc]
    assert shift == Shift("duty", "primary", "ana", start, start + dt.timedelta(days=7), 0, 0, None)


def test_an_expansion_starts_empty_and_each_gets_its_own_lists() -> None:
    first, second = Expansion("a", None), Expansion("b", None)  # type: ignore[arg-type]
    first.shifts.append(None)  # type: ignore[arg-type]
    assert second.shifts == [] and second.broken == set()


def test_the_expansion_module_still_offers_the_types_its_readers_import() -> None:
    for name in ("Assignment", "Expansion", "PeriodSpan", "Shift"):
        assert getattr(expansion, name) is globals()[name]
