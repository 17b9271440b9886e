"""What a rotation's schedule expands into: its periods as instants, the assignments written in the file,
the concrete shifts (who holds which role from when to when) and the whole expansion of one rotation.

Plain data, made by `expansion` and read by the rules, the pages, the feeds and the roster tools.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from macros.model.findings import Finding
from macros.model.types import Rotation
from macros.model.yamldoc import PathKey


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """One period of the schedule as instants; `index` is its position in the file's `schedule`."""

    rotation: str
    index: int
    day: dt.date
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who holds a role in (a segment and daily shift of) a period, as written in the file."""

    rotation: str
    period: int
    role: str
    person: str
    segment: int
    shift: Optional[str]
    reason: Optional[str]
    where: PathKey
    told: Optional[str] = None  # how the team was told, for a period the rules allow only when it was

    @property
    def slot(self) -> tuple[str, Optional[str], int]:
        return (self.role, self.shift, self.segment)


@dataclass(frozen=True, slots=True)
class Shift:
    """A concrete stretch of duty: who holds which role from when to when (UTC instants)."""

    rotation: str
    role: str
    person: str
    start: dt.datetime
    end: dt.datetime
    period: int
    segment: int
    shift: Optional[str]
    override: bool = False
    reason: Optional[str] = None


@dataclass
class Expansion:
    """Everything one rotation's schedule expands into, plus the structural problems found."""

    rotation_id: str
    rotation: Rotation
    periods: list[PeriodSpan] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Periods whose holders could not all be read (unknown role key, wrong shape): rules that judge a
    # period's holders skip them, so one mistake gives one finding rather than a cascade.
    broken: set[int] = field(default_factory=set)
