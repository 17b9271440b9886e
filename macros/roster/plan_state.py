"""What the planner's search works with: the plan, its error, the soft constraints, a period to fill,
the history carried from period to period, and the rotation's rules as the search reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from macros.model.types import CycleRoleSplit, MaxConsecutive, Rotation, TeamMix
from macros.roster.plan_format import PlannedPeriod, Slot

# Soft constraints in the order they are given up.
OTHER_ROTATION, HOLIDAY, CONSECUTIVE = "other-rotation", "public-holiday", "consecutive"
OUT_OF_HOURS = "out-of-hours"
LEVELS: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({OTHER_ROTATION}),
    frozenset({OTHER_ROTATION, HOLIDAY}),
    frozenset({OTHER_ROTATION, HOLIDAY, CONSECUTIVE}),
    frozenset({OTHER_ROTATION, HOLIDAY, CONSECUTIVE, OUT_OF_HOURS}),
)


class PlanError(Exception):
    """No plan exists (or the search gave up): which period, which constraint, and what to do."""

    def __init__(self, day: dt.date | None, constraint: str, message: str, hint: str) -> None:
        self.day = day
        self.constraint = constraint
        self.message = message
        self.hint = hint
        super().__init__(message)


@dataclass(frozen=True)
class Plan:
    rotation_id: str
    periods: list[PlannedPeriod]
    notes: list[str]  # soft constraints the plan had to give up, one line each
    # Each planned period's slots as UTC stretches of duty (one per daily window), for the plan's report.
    spans: list[dict[Slot, tuple[tuple[dt.datetime, dt.datetime], ...]]] = field(default_factory=list)


@dataclass(frozen=True)
class Window:
    """The stretches of time one slot of one period covers (UTC instants)."""

    spans: tuple[tuple[dt.datetime, dt.datetime], ...]


@dataclass
class History:
    """What the search carries from period to period: streaks and the fairness counters."""

    runs: dict[str, int]  # person → periods in a row up to the previous one
    last: dict[str, int]  # person → index of the last period they served (planned periods continue the count)
    counts: dict[str, int]  # person → slots held so far
    previous: frozenset[str] = frozenset()
    previous_roles: dict[str, frozenset[str]] = field(default_factory=dict)  # role → who held it last period
    planned: dict[str, int] = field(default_factory=dict)  # person → slots held in the plan so far
    planned_roles: dict[tuple[str, str], int] = field(default_factory=dict)  # (person, role) → in the plan

    def key(self, limit: int) -> tuple[tuple[str, int], ...]:
        """All the future depends on (for feasibility): who is how deep into a streak."""
        return tuple(sorted((person, min(run, limit)) for person, run in self.runs.items() if run > 0))

    def after(self, index: int, holders: Mapping[Slot, str]) -> History:
        serving = frozenset(holders.values())
        counts, planned, planned_roles = dict(self.counts), dict(self.planned), dict(self.planned_roles)
        by_role: dict[str, set[str]] = {}
        for slot, person in holders.items():
            counts[person] = counts.get(person, 0) + 1
            planned[person] = planned.get(person, 0) + 1
            planned_roles[(person, slot.role)] = planned_roles.get((person, slot.role), 0) + 1
            by_role.setdefault(slot.role, set()).add(person)
        last = dict(self.last)
        last.update(dict.fromkeys(serving, index))
        runs = {person: self.runs.get(person, 0) + 1 for person in serving}
        previous_roles = {role: frozenset(people) for role, people in by_role.items()}
        return History(runs, last, counts, serving, previous_roles, planned, planned_roles)


@dataclass
class Candidate:
    person: str
    soft: frozenset[str]  # soft constraints this person would break in this slot
    holidays: tuple[str, ...] = ()


@dataclass
class PeriodProblem:
    """One period to fill: its slots and, for each, the people who may hold it before any interaction."""

    index: int  # position among all periods of the rotation (existing ones first)
    day: dt.date
    slots: list[Slot]
    candidates: dict[Slot, list[Candidate]]
    excluded: dict[Slot, dict[str, tuple[str, str]]]  # slot → person → (constraint, why)
    windows: dict[Slot, Window]


@dataclass
class PlanRules:
    max_consecutive: int | None
    one_role: bool
    split_roles: tuple[str, ...]  # cycle-role-split roles (empty when off)
    mix_min: int  # team-mix minimum (0 when off)
    mix_roles: frozenset[str]


class SearchBudget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise PlanError(
                None,
                "search",
                "the search gave up: too many combinations to try",
                "plan fewer periods at a time, or loosen a rule",
            )


def rules_of(rotation: Rotation) -> PlanRules:
    config = rotation.rules
    consecutive = config.max_consecutive
    split = config.cycle_role_split
    mix = config.team_mix
    return PlanRules(
        max_consecutive=consecutive.max if isinstance(consecutive, MaxConsecutive) and consecutive.enabled else None,
        one_role=config.one_role_per_period.enabled,
        split_roles=tuple(split.roles) if isinstance(split, CycleRoleSplit) and split.enabled else (),
        mix_min=mix.min_teams if isinstance(mix, TeamMix) and mix.enabled else 0,
        mix_roles=frozenset(mix.roles if isinstance(mix, TeamMix) and mix.roles else (r.id for r in rotation.roles)),
    )


def overlaps(spans: Sequence[tuple[dt.datetime, dt.datetime]], start: dt.datetime, end: dt.datetime) -> bool:
    return any(s < end and start < e for s, e in spans)
