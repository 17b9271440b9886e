"""The planner: fair, deterministic, and exact — a plan it returns is clean, a plan it refuses does not exist."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fixture_project import NOW, load
from macros.model.project import Collection, Project
from macros.model.types import Person, Rotation, ScheduledPeriod, Team
from macros.roster.plan_format import PlannedPeriod, Slot, period_value, slots_of
from macros.roster.planner import CONSECUTIVE_REASON, Plan, PlanError, plan_rotation
from macros.rules.validate import validate

START = dt.date(2027, 3, 1)  # a Monday, far from the holidays of the generated people (who have no country)


def _project(people: dict[str, Person], rotation: Rotation, teams: Sequence[str]) -> Project:
    return Project(
        people=Collection("people", people),
        teams=Collection("teams", {team: Team(name=team) for team in teams}),
        rotations=Collection("rotations", {"duty": rotation}),
        templates=Collection("templates", {}),
        checklists=Collection("checklists", {}),
        common_tasks=Collection("common-tasks", {}),
    )


def _with_schedule(project: Project, periods: Sequence[PlannedPeriod]) -> Project:
    rotation = project.rotations["duty"]
    schedule = [ScheduledPeriod.model_validate(period_value(rotation, period)) for period in periods]
    updated = rotation.model_copy(update={"schedule": [*rotation.schedule, *schedule]})
    return Project(project.people, project.teams, Collection("rotations", {"duty": updated}), project.templates,
                   project.checklists, project.common_tasks)


@st.composite
def rosters(draw: st.DrawFn, small: bool = False) -> tuple[Project, int]:
    size = draw(st.integers(3, 5) if small else st.integers(3, 40))
    teams = [f"team-{n}" for n in range(draw(st.integers(1, 3)))]
    two_weeks = draw(st.booleans())
    people = {}
    for number in range(size):
        absences = []
        for _ in range(draw(st.integers(0, 2))):
            begins = START + dt.timedelta(days=draw(st.integers(-3, 8 * 7)))
            absences.append({"from": begins.isoformat(),
                             "until": (begins + dt.timedelta(days=draw(st.integers(0, 13)))).isoformat()})
        people[f"p{number:02d}"] = Person.model_validate({
            "name": f"Person {number}", "handle": f"p{number}", "team": draw(st.sampled_from(teams)),
            "timezone": draw(st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Kolkata"])),
            "tags": ["lead"] if draw(st.booleans()) else [], "unavailable": absences,
        })
    roles: list[dict[str, Any]] = [{"id": "lead", "title": "Lead"}]
    if draw(st.booleans()):
        roles[0]["eligible"] = {"tags": ["lead"]}
    rules: dict[str, Any] = {"coverage": {"horizon_days": 0}, "max-consecutive": {"max": draw(st.integers(1, 2))}}
    if two_weeks and draw(st.booleans()):
        roles += [{"id": "primary", "title": "Primary", "per_segment": True},
                  {"id": "backup", "title": "Backup", "per_segment": True}]
        rules["cycle-role-split"] = {"roles": ["primary", "backup"]}
    elif draw(st.booleans()):
        roles.append({"id": "backup", "title": "Backup", "eligible": {"teams": [draw(st.sampled_from(teams))]}})
    if len(roles) > 1 and draw(st.booleans()):
        rules["team-mix"] = {"min_teams": 2, "roles": [r["id"] for r in roles[1:]]}
    rotation = Rotation.model_validate({
        "name": "Duty",
        "period": {"weeks": 2 if two_weeks else 1},
        **({"segment": {"weeks": 1}} if two_weeks else {}),
        "handoff": {"weekday": "monday", "time": "09:00", "timezone": "Europe/Berlin"},
        "roles": roles,
        "rules": rules,
    })
    periods = draw(st.integers(1, 2) if small else st.integers(1, 4))
    return _project(people, rotation, teams), periods


def _clean(project: Project) -> list[str]:
    return [f.format() for f in validate(project, NOW).findings]


def _brute_force_finds_a_plan(project: Project, periods: int) -> bool:
    """Any assignment of people to every slot of every period that the rule engine accepts (warnings aside)?"""
    rotation = project.rotations["duty"]
    slots = slots_of(rotation)
    days = [START + dt.timedelta(days=rotation.period.total_days * k) for k in range(periods)]
    people = list(project.people)
    for choice in itertools.product(people, repeat=len(slots) * periods):
        planned = [PlannedPeriod(day, dict(zip(slots, choice[k * len(slots):(k + 1) * len(slots)], strict=True)))
                   for k, day in enumerate(days)]
        if not validate(_with_schedule(project, planned), NOW).errors:
            return True
    return False


def _combinations(project: Project, periods: int) -> int:
    return int(len(project.people) ** (len(slots_of(project.rotations["duty"])) * periods))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rosters())
def test_a_plan_is_clean_or_infeasibility_is_reported(case: tuple[Project, int]) -> None:
    project, periods = case
    try:
        plan = plan_rotation(project, "duty", periods, NOW, start=START)
    except PlanError as error:
        assert error.day is not None and error.constraint in {
            "eligibility", "unavailable", "max-consecutive", "one-role-per-period", "cycle-role-split", "team-mix",
            "combination",
        }
        if _combinations(project, periods) <= 800:
            event("infeasible, confirmed by brute force")
            assert not _brute_force_finds_a_plan(project, periods), error.message
        else:
            event(f"infeasible: {error.constraint}")
        return
    event("planned")
    assert len(plan.periods) == periods
    assert _clean(_with_schedule(project, plan.periods)) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters(small=True))
def test_on_small_rosters_the_planner_and_brute_force_agree(case: tuple[Project, int]) -> None:
    project, periods = case
    try:
        plan_rotation(project, "duty", periods, NOW, start=START)
    except PlanError:
        feasible = False
    else:
        feasible = True
    if _combinations(project, periods) <= 800:
        event(f"brute-forced, {'feasible' if feasible else 'infeasible'}")
        assert feasible == _brute_force_finds_a_plan(project, periods)


@settings(max_examples=15, deadline=None)
@given(rosters())
def test_the_same_data_gives_the_same_plan(case: tuple[Project, int]) -> None:
    project, periods = case
    outcomes = []
    for _ in range(2):
        try:
            outcomes.append(plan_rotation(project, "duty", periods, NOW, start=START))
        except PlanError as error:
            outcomes.append((error.day, error.constraint, error.message))  # type: ignore[arg-type]
    assert outcomes[0] == outcomes[1]


FAIR: dict[str, str | None] = {
    "data/people/cy.yml": "name: Cy\nhandle: cy\nteam: core\ntimezone: Europe/Berlin\n",
    "data/people/dee.yml": "name: Dee\nhandle: dee\nteam: core\ntimezone: Europe/Berlin\n",
}


def test_least_recently_served_goes_first_then_fewest_shifts(tmp_path: Path) -> None:
    project = load(tmp_path, FAIR)  # ana served 2026-11-16, ben 2026-11-23; cy and dee never
    plan = plan_rotation(project, "duty", 6, NOW)
    holders = [period.holders[Slot("duty", None, 0)] for period in plan.periods]
    assert holders == ["cy", "dee", "ana", "ben", "cy", "dee"]
    assert [period.day for period in plan.periods][:2] == [dt.date(2026, 11, 30), dt.date(2026, 12, 7)]


def test_public_holidays_are_avoided_while_someone_else_is_free(tmp_path: Path) -> None:
    files: dict[str, str | None] = {
        "data/people/ana.yml": "name: Ana\nhandle: ana\nteam: core\ntimezone: Europe/Berlin\ncountry: DE\n",
        "data/people/ben.yml": "name: Ben\nhandle: ben\nteam: core\ntimezone: Asia/Kolkata\ncountry: IN\n",
        "data/people/cy.yml": "name: Cy\nhandle: cy\nteam: core\ntimezone: Europe/Berlin\n",
    }
    plan = plan_rotation(load(tmp_path, files), "duty", 6, NOW)
    holders = [period.holders[Slot("duty", None, 0)] for period in plan.periods]
    # Fairness alone would give the week of 2026-12-28 to ana, least recently served; it holds
    # New Year's Day in Germany and none in India, so ben takes it.
    assert holders == ["cy", "ana", "ben", "cy", "ben", "ana"]
    assert plan.notes == []


def test_an_unavoidable_second_period_gets_a_reason(tmp_path: Path) -> None:
    away = "name: Ben\nhandle: ben\nteam: core\ntimezone: Europe/Berlin\n" \
        "unavailable: [{from: 2026-12-01, until: 2026-12-13}]\n"
    project = load(tmp_path, {"data/people/ben.yml": away})
    plan = plan_rotation(project, "duty", 2, NOW)
    assert [dict(p.reasons) for p in plan.periods] == [{}, {"ana": CONSECUTIVE_REASON}]
    assert _clean(_with_schedule(project, plan.periods)) == []


@pytest.mark.parametrize(
    ("files", "constraint", "message"),
    [
        (
            {"data/rotations/duty.yml": """\
                name: Duty
                period: {weeks: 1}
                handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
                roles: [{id: duty, title: Duty, eligible: {tags: [sre]}}]
                rules: {coverage: {horizon_days: 0}}
                """},
            "eligibility",
            "nobody may be Duty: ana needs the tag 'sre'; ben needs the tag 'sre'",
        ),
        (
            {"data/rotations/duty.yml": """\
                name: Duty
                period: {weeks: 1}
                handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
                roles: [{id: duty, title: Duty}, {id: backup, title: Backup}, {id: shadow, title: Shadow}]
                rules: {coverage: {horizon_days: 0}}
                """},
            "one-role-per-period",
            "the period 2026-11-23 needs 3 places filled at once but too few people are free and eligible (ana, ben)",
        ),
    ],
)
def test_infeasible_plans_name_the_constraint(tmp_path: Path, files: dict[str, str | None], constraint: str,
                                              message: str) -> None:
    project = load(tmp_path, files)
    with pytest.raises(PlanError) as raised:
        plan_rotation(project, "duty", 2, NOW)
    assert (raised.value.day, raised.value.constraint, raised.value.message) == (
        dt.date(2026, 11, 23), constraint, message)


# --- working hours, alternating roles, balance -------------------------------------------------------

ZONES = ["Europe/Berlin", "America/New_York", "America/Vancouver", "Asia/Kolkata"]


@st.composite
def follow_the_sun(draw: st.DrawFn) -> tuple[Project, int]:
    """Small teams spread over zones, one role held per daily shift on working days (the SET shape)."""
    size = draw(st.integers(2, 4))
    people = {}
    for number in range(size):
        absences = []
        if draw(st.booleans()):
            begins = START + dt.timedelta(days=draw(st.integers(0, 13)))
            absences.append({"from": begins.isoformat(), "until": (begins + dt.timedelta(days=6)).isoformat()})
        people[f"p{number}"] = Person.model_validate({
            "name": f"Person {number}", "handle": f"p{number}", "team": "core",
            "timezone": draw(st.sampled_from(ZONES)), "unavailable": absences,
        })
    weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
    rotation = Rotation.model_validate({
        "name": "Duty", "period": {"weeks": 1},
        "handoff": {"weekday": "monday", "time": "09:00", "timezone": "Europe/Berlin"},
        "shifts": [{"id": "emea", "title": "EMEA", "start": "09:00", "end": "18:00", "days": weekdays},
                   {"id": "americas", "title": "Americas", "start": "18:00", "end": "09:00", "days": weekdays}],
        "roles": [{"id": "agent", "title": "Agent", "per_shift": True}],
        "rules": {"coverage": {"horizon_days": 0}, "max-consecutive": {"max": 2}},
    })
    return _project(people, rotation, ["core"]), draw(st.integers(1, 2))


def _out_of_hours(project: Project, plan: Plan, period: int) -> int:
    from macros.roster.working_hours import in_hours

    holders = plan.periods[period].holders
    return sum(not in_hours(project.people[person], plan.spans[period][slot]) for slot, person in holders.items())


def _fewest_out_of_hours(project: Project, plan: Plan, period: int) -> int | None:
    """Brute force: the fewest out-of-hours slots of any rule-clean filling of `period`, after the plan's own
    earlier periods (None when no filling is clean)."""
    from macros.roster.working_hours import in_hours

    rotation = project.rotations["duty"]
    slots = slots_of(rotation)
    best: int | None = None
    for choice in itertools.product(list(project.people), repeat=len(slots)):
        holders = dict(zip(slots, choice, strict=True))
        trial = [*plan.periods[:period], PlannedPeriod(plan.periods[period].day, holders)]
        if validate(_with_schedule(project, trial), NOW).errors:
            continue
        count = sum(not in_hours(project.people[p], plan.spans[period][s]) for s, p in holders.items())
        best = count if best is None else min(best, count)
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(follow_the_sun())
def test_no_shift_out_of_hours_when_someone_in_hours_could_take_it(case: tuple[Project, int]) -> None:
    project, periods = case
    try:
        plan = plan_rotation(project, "duty", periods, NOW, start=START)
    except PlanError:
        event("infeasible")
        return
    assert _clean(_with_schedule(project, plan.periods)) == []
    for period in range(periods):
        fewest = _fewest_out_of_hours(project, plan, period)
        event(f"fewest out of hours: {fewest}")
        if fewest == 0:
            assert _out_of_hours(project, plan, period) == 0


def test_a_vancouver_engineer_gets_the_americas_shift_and_a_berlin_one_the_emea_shift(tmp_path: Path) -> None:
    people = {
        "ber": Person.model_validate({"name": "B", "handle": "b", "team": "core", "timezone": "Europe/Berlin"}),
        "van": Person.model_validate({"name": "V", "handle": "v", "team": "core", "timezone": "America/Vancouver"}),
    }
    rotation = Rotation.model_validate({
        "name": "Duty", "period": {"weeks": 1},
        "handoff": {"weekday": "monday", "time": "09:00", "timezone": "Europe/Berlin"},
        "shifts": [{"id": "emea", "title": "EMEA", "start": "09:00", "end": "18:00"},
                   {"id": "americas", "title": "Americas", "start": "18:00", "end": "09:00"}],
        "roles": [{"id": "agent", "title": "Agent", "per_shift": True}],
        "rules": {"coverage": {"horizon_days": 0}},
    })
    plan = plan_rotation(_project(people, rotation, ["core"]), "duty", 2, NOW, start=START)
    for period in plan.periods:
        assert period.holders[Slot("agent", "emea", 0)] == "ber"
        assert period.holders[Slot("agent", "americas", 0)] == "van"


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Project, int, bool]:
    size = draw(st.integers(4, 6))  # two roles and at most two periods in a row: fewer cannot be planned
    people = {f"p{n}": Person.model_validate({"name": f"P{n}", "handle": f"p{n}", "team": "core",
                                              "timezone": draw(st.sampled_from(ZONES))}) for n in range(size)}
    staggered = draw(st.booleans())
    rotation = Rotation.model_validate({
        "name": "On call", "period": {"weeks": 1},
        "handoff": {"weekday": "wednesday", "time": "09:00", "timezone": "Europe/Lisbon"},
        "roles": [{"id": "captain", "title": "Captain"}, {"id": "mate", "title": "First Mate"}],
        "rules": {"coverage": {"horizon_days": 0}, "max-consecutive": {"max": 2},
                  "consecutive-needs-reason": {"enabled": not staggered}},
        **({"planning": {"staggered": ["mate", "captain"]}} if staggered else {}),
    })
    return _project(people, rotation, ["core"]), draw(st.integers(size, 3 * size)), staggered


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_roles_alternate_and_nobody_is_more_than_one_slot_per_role_above_another(
    case: tuple[Project, int, bool],
) -> None:
    from macros.roster.plan_report import plan_report

    project, periods, staggered = case
    plan = plan_rotation(project, "duty", periods, NOW, start=dt.date(2027, 3, 3))
    assert _clean(_with_schedule(project, plan.periods)) == []
    report = plan_report(project, plan)
    assert report.spread["captain"] <= 1 and report.spread["mate"] <= 1, report
    if periods >= 2 * len(project.people):
        assert all(load.by_role["captain"] and load.by_role["mate"] for load in report.loads), report
    if staggered:
        event("staggered")
        for before, after in itertools.pairwise(plan.periods):
            assert after.holders[Slot("captain", None, 0)] == before.holders[Slot("mate", None, 0)]
