"""Overrides cutting shifts: which parts of a shift the people covering it take, and which stay.

Kept apart from `expansion` because it must stay fast for a period with thousands of overrides: each
override touches only the parts of the shift it overlaps, found by bisection, instead of re-scanning
every part (which every override splits further).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional, Protocol, TypeVar


class _Timed(Protocol):
    @property
    def start(self) -> dt.datetime: ...

    @property
    def end(self) -> dt.datetime: ...


S = TypeVar("S", bound=_Timed)


@dataclass(frozen=True)
class Cover:
    """One override of a period, checked and in UTC: who covers which role (and daily shift), when."""

    role: str
    shift: Optional[str]
    person: str
    start: dt.datetime
    end: dt.datetime
    reason: Optional[str]


def carve(shift: S, covers: list[Cover], replace: Callable[..., S]) -> list[S]:
    """`shift` split into the parts the covers take (in the order they are written) and the parts left, by time."""
    # The parts still free, disjoint and in time order: their ends are in order too, so the first one a
    # cover reaches is found by bisection, and each cover only touches the parts it overlaps.
    starts, ends = [shift.start], [shift.end]
    taken: list[S] = []
    for cover in covers:
        if cover.end <= shift.start or cover.start >= shift.end:
            continue
        position = bisect.bisect_right(ends, cover.start)
        while position < len(starts) and starts[position] < cover.end:
            free_start, free_end = starts[position], ends[position]
            taken.append(replace(shift, start=max(free_start, cover.start), end=min(free_end, cover.end),
                                  person=cover.person, override=True, reason=cover.reason))
            left = [(free_start, cover.start)] if free_start < cover.start else []
            right = [(cover.end, free_end)] if free_end > cover.end else []
            remaining = left + right
            starts[position:position + 1] = [part[0] for part in remaining]
            ends[position:position + 1] = [part[1] for part in remaining]
            position += len(remaining)
    free = [replace(shift, start=start, end=end) for start, end in zip(starts, ends, strict=True)]
    return sorted(free + taken, key=lambda part: part.start)
