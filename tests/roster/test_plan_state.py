"""The planner's state: history carried between periods, the search budget, and the rules as it reads them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from macros.model.types import Rotation
from macros.roster.plan_format import Slot
from macros.roster.plan_state import History, PlanError, SearchBudget, overlaps, rules_of

PRIMARY, BACKUP = Slot("primary", None, 0), Slot("backup", None, 0)
ROTATION: dict[str, Any] = {
    "name": "Duty",
    "period": {"weeks": 1},
    "handoff": {"weekday": "monday", "time": "09:00", "timezone": "UTC"},
    "roles": [{"id": "primary", "title": "Primary"}, {"id": "backup", "title": "Backup"}],
}


def test_history_after_a_period_counts_streaks_slots_and_roles() -> None:
    start = History(runs={"ana": 2, "bo": 1}, last={"ana": 4}, counts={"ana": 5})
    after = start.after(5, {PRIMARY: "ana", BACKUP: "cy"})
    assert after.runs == {"ana": 3, "cy": 1}  # bo did not serve: the streak ends
    assert after.last == {"ana": 5, "cy": 5}
    assert after.counts == {"ana": 6, "cy": 1}
    assert after.previous == frozenset({"ana", "cy"})
    assert after.previous_roles == {"primary": frozenset({"ana"}), "backup": frozenset({"cy"})}
    assert after.planned_roles == {("ana", "primary"): 1, ("cy", "backup"): 1}
    assert start.runs == {"ana": 2, "bo": 1}  # the earlier state is left as it was


def test_the_history_key_caps_streaks_at_the_limit_and_leaves_out_idle_people() -> None:
    assert History(runs={"ana": 5, "bo": 1, "cy": 0}, last={}, counts={}).key(2) == (("ana", 2), ("bo", 1))


def test_the_budget_gives_up_with_a_plan_error_once_spent() -> None:
    budget = SearchBudget(2)
    budget.spend()
    budget.spend()
    with pytest.raises(PlanError, match="gave up") as raised:
        budget.spend()
    assert raised.value.constraint == "search"


def test_rules_read_as_the_search_needs_them() -> None:
    plain = rules_of(Rotation.model_validate(ROTATION))
    assert (plain.max_consecutive, plain.one_role, plain.split_roles, plain.mix_min) == (2, True, (), 0)
    assert plain.mix_roles == frozenset({"primary", "backup"})
    configured = {
        "max-consecutive": {"enabled": False},
        "cycle-role-split": {"roles": ["primary", "backup"]},
        "team-mix": {"min_teams": 2, "roles": ["primary"]},
    }
    rules = rules_of(Rotation.model_validate({**ROTATION, "rules": configured}))
    assert (rules.max_consecutive, rules.split_roles, rules.mix_min) == (None, ("primary", "backup"), 2)
    assert rules.mix_roles == frozenset({"primary"})


def test_overlap_is_strict_at_the_ends() -> None:
    day = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)
    spans = [(day, day + dt.timedelta(hours=8))]
    assert overlaps(spans, day + dt.timedelta(hours=7), day + dt.timedelta(hours=9))
    assert not overlaps(spans, day + dt.timedelta(hours=8), day + dt.timedelta(hours=9))
