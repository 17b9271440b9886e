"""The plan's report: slots per role, out-of-hours stretches, weekend days, and the spread per role."""

from __future__ import annotations

import datetime as dt

from macros.model.project import Collection, Project
from macros.model.types import Person, Rotation, Team
from macros.roster.plan_format import Slot
from macros.roster.plan_report import plan_report, render_plan_report
from macros.roster.planner import plan_rotation

NOW = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def _project(zones: dict[str, str], rotation: dict[str, object]) -> Project:
    people = {pid: Person.model_validate({"name": pid, "handle": pid, "team": "core", "timezone": zone})
              for pid, zone in zones.items()}
    return Project(
        people=Collection("people", people),
        teams=Collection("teams", {"core": Team(name="core")}),
        rotations=Collection("rotations", {"duty": Rotation.model_validate(rotation)}),
        templates=Collection("templates", {}), checklists=Collection("checklists", {}),
        common_tasks=Collection("common-tasks", {}),
    )


SHIFTS = {
    "name": "Desk", "period": {"weeks": 1},
    "handoff": {"weekday": "monday", "time": "09:00", "timezone": "Europe/Berlin"},
    "shifts": [{"id": "emea", "title": "EMEA", "start": "09:00", "end": "18:00"},
               {"id": "americas", "title": "Americas", "start": "18:00", "end": "09:00"}],
    "roles": [{"id": "agent", "title": "Agent", "per_shift": True}],
    "rules": {"coverage": {"horizon_days": 0}, "max-consecutive": {"enabled": False},
              "consecutive-needs-reason": {"enabled": False}},
}


def test_counts_out_of_hours_stretches_and_weekend_days_per_person() -> None:
    # Only two people, both in Berlin: someone must take the Americas shift out of hours, seven nights a week.
    project = _project({"ana": "Europe/Berlin", "ben": "Europe/Berlin"}, SHIFTS)
    plan = plan_rotation(project, "duty", 2, NOW, start=dt.date(2027, 3, 1))
    report = plan_report(project, plan)
    night = {period.holders[Slot("agent", "americas", 0)] for period in plan.periods}
    loads = {load.person: load for load in report.loads}
    # Per week: seven Americas nights, and the EMEA shift on Saturday and Sunday (not working days).
    assert sum(load.out_of_hours for load in loads.values()) == 2 * (7 + 2)
    assert all(loads[p].out_of_hours >= 7 for p in night)
    # A shift every day of the week: each person on duty on both weekend days of each week they hold a slot.
    assert all(load.weekend_days == 2 * load.total for load in loads.values())
    assert report.spread == {"agent": 0, "total": 0}


def test_the_text_table_lists_people_roles_and_the_spread() -> None:
    pairs = {
        "name": "On call", "period": {"weeks": 1},
        "handoff": {"weekday": "wednesday", "time": "09:00", "timezone": "Europe/Lisbon"},
        "roles": [{"id": "captain", "title": "Captain"}, {"id": "mate", "title": "First Mate"}],
        "rules": {"coverage": {"horizon_days": 0}},
        "planning": {"staggered": ["mate", "captain"]},
    }
    project = _project({"ana": "Europe/Lisbon", "ben": "Europe/Lisbon", "cy": "Europe/Lisbon"}, pairs)
    text = render_plan_report(plan_report(project, plan_rotation(project, "duty", 6, NOW, start=dt.date(2027, 3, 3))))
    assert text.splitlines() == [
        "person  Captain  First Mate  total  out of hours  weekend days",
        "ana           2           2      4             0             8",
        "ben           2           2      4             0             8",
        "cy            2           2      4             0             8",
        "spread (max − min): Captain 0 · First Mate 0 · total 0",
    ]
