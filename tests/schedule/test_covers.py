"""Carving a shift by overrides in one pass gives what applying them one by one gives, written order winning."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.schedule.covers import Cover, carve

T0 = dt.datetime(2026, 11, 16, 9, tzinfo=dt.UTC)


@dataclasses.dataclass(frozen=True)
class Part:
    start: dt.datetime
    end: dt.datetime
    person: str = "base"
    override: bool = False
    reason: str | None = None


def replace(part: Part, **changes: Any) -> Part:
    return dataclasses.replace(part, **changes)


def one_by_one(shift: Part, covers: list[Cover]) -> list[Part]:
    """The obvious algorithm: each cover takes the not yet covered parts it overlaps."""
    parts = [shift]
    for cover in covers:
        kept: list[Part] = []
        for part in parts:
            if part.override or part.end <= cover.start or part.start >= cover.end:
                kept.append(part)
                continue
            if part.start < cover.start:
                kept.append(replace(part, end=cover.start))
            kept.append(replace(part, start=max(part.start, cover.start), end=min(part.end, cover.end),
                                person=cover.person, override=True, reason=cover.reason))
            if part.end > cover.end:
                kept.append(replace(part, start=cover.end))
        parts = kept
    return parts


def hours(value: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=value)


covers_strategy = st.lists(
    st.tuples(st.integers(-5, 170), st.integers(1, 40), st.sampled_from(["ana", "ben", "cy"])), max_size=25
).map(lambda items: [Cover("duty", None, who, hours(s), hours(s + n), f"r{i}") for i, (s, n, who) in enumerate(items)])


@settings(max_examples=300, deadline=None)
@given(covers_strategy)
def test_one_pass_equals_one_by_one(covers: list[Cover]) -> None:
    shift = Part(hours(0), hours(168))
    assert carve(shift, covers, replace) == one_by_one(shift, covers)


def test_the_parts_tile_the_shift() -> None:
    covers = [
        Cover("duty", None, "ana", hours(10), hours(20), None),
        Cover("duty", None, "ben", hours(15), hours(30), "x"),
    ]
    parts = carve(Part(hours(0), hours(168)), covers, replace)
    assert [(p.start, p.end, p.person) for p in parts] == [
        (hours(0), hours(10), "base"), (hours(10), hours(20), "ana"), (hours(20), hours(30), "ben"),
        (hours(30), hours(168), "base"),
    ]
