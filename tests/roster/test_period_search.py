"""One period's search: slots filled best first, hard limits kept, soft ones given up only when allowed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from macros.model.types import Rotation
from macros.roster.period_search import PeriodSearch
from macros.roster.plan_format import Slot
from macros.roster.plan_state import (
    CONSECUTIVE,
    HOLIDAY,
    Candidate,
    History,
    PeriodProblem,
    PlanError,
    PlanRules,
    SearchBudget,
    Window,
    rules_of,
)

PRIMARY, BACKUP = Slot("primary", None, 0), Slot("backup", None, 0)
ROTATION: dict[str, Any] = {
    "name": "Duty",
    "period": {"weeks": 1},
    "handoff": {"weekday": "monday", "time": "09:00", "timezone": "UTC"},
    "roles": [{"id": "primary", "title": "Primary"}, {"id": "backup", "title": "Backup"}],
}


@dataclass
class Context:
    rotation: Rotation
    rules: PlanRules
    teams: Mapping[str, str] = field(default_factory=dict)
    budget: SearchBudget = field(default_factory=lambda: SearchBudget(10_000))


def context(**rules: Any) -> Context:
    rotation = Rotation.model_validate({**ROTATION, "rules": rules})
    return Context(rotation, rules_of(rotation), {"ana": "a", "bo": "a", "cy": "b"})


def problem(candidates: dict[Slot, list[Candidate]]) -> PeriodProblem:
    windows = {slot: Window(()) for slot in candidates}
    return PeriodProblem(0, dt.date(2026, 12, 7), list(candidates), candidates, {}, windows)


def plain(*people: str) -> list[Candidate]:
    return [Candidate(person, frozenset()) for person in people]


def solutions(
    ctx: Context,
    period: PeriodProblem,
    history: History,
    allowed: frozenset[str] = frozenset(),
    successors: Mapping[str, frozenset[str]] | None = None,
) -> list[dict[Slot, str]]:
    search = PeriodSearch(ctx, period, history, allowed, frozenset(), successors or {})
    return list(search.run())


def test_the_least_loaded_person_comes_first_and_nobody_holds_two_roles() -> None:
    history = History(runs={}, last={"ana": 3, "bo": 1}, counts={})
    found = solutions(context(), problem({PRIMARY: plain("ana", "bo"), BACKUP: plain("ana", "bo")}), history)
    assert found[0] == {PRIMARY: "bo", BACKUP: "ana"} or found[0] == {BACKUP: "bo", PRIMARY: "ana"}
    assert all(len(set(holders.values())) == 2 for holders in found)
    assert len(found) == 2


def test_a_soft_constraint_is_broken_only_at_a_level_that_allows_it() -> None:
    on_holiday = [Candidate("ana", frozenset({HOLIDAY}), ("2026-12-08 Holiday",))]
    period = problem({PRIMARY: on_holiday})
    assert solutions(context(), period, History({}, {}, {})) == []
    assert solutions(context(), period, History({}, {}, {}), frozenset({HOLIDAY})) == [{PRIMARY: "ana"}]


def test_last_periods_holder_is_consecutive_unless_the_staggered_pair_moves_them_on() -> None:
    history = History(runs={"ana": 1}, last={"ana": 0}, counts={}, previous=frozenset({"ana"}))
    period = problem({PRIMARY: plain("ana")})
    assert solutions(context(), period, history) == []
    assert solutions(context(), period, history, frozenset({CONSECUTIVE})) == [{PRIMARY: "ana"}]
    assert solutions(context(), period, history, successors={"primary": frozenset({"ana"})}) == [{PRIMARY: "ana"}]


def test_the_streak_limit_is_hard() -> None:
    history = History(runs={"ana": 2}, last={}, counts={}, previous=frozenset({"ana"}))
    period = problem({PRIMARY: plain("ana")})
    assert solutions(context(), period, history, frozenset({CONSECUTIVE})) == []


def test_team_mix_needs_holders_from_enough_teams() -> None:
    ctx = context(**{"team-mix": {"min_teams": 2}})
    found = solutions(
        ctx, problem({PRIMARY: plain("ana", "bo", "cy"), BACKUP: plain("ana", "bo", "cy")}), History({}, {}, {})
    )
    assert found and all({ctx.teams[p] for p in holders.values()} == {"a", "b"} for holders in found)


def test_every_choice_spends_the_budget() -> None:
    ctx = context()
    ctx.budget = SearchBudget(1)
    with pytest.raises(PlanError, match="gave up"):
        solutions(ctx, problem({PRIMARY: plain("ana", "bo"), BACKUP: plain("ana", "bo")}), History({}, {}, {}))
