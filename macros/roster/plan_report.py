"""What a plan asks of each person: slots per role, stretches out of hours, weekend days, and the spread.

The spread of a column is its largest value minus its smallest among the people who may hold that role
and are on the roster during the plan: a fair plan has a spread of at most one per role, unless working
hours split the people into pools (only some can take the night shift of another region). Slots count
places in a period (a week of one daily shift is one slot); out of hours counts daily stretches outside
the person's working hours; weekend days are local Saturdays and Sundays on duty (see `working_hours`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.model.project import Project
from macros.roster.plan_format import planned_roles
from macros.roster.planner import Plan
from macros.roster.working_hours import out_of_hours, weekend_days
from macros.rules.eligibility import missing


@dataclass(frozen=True)
class PersonLoad:
    person: str
    by_role: dict[str, int]
    total: int
    out_of_hours: int
    weekend_days: int


@dataclass(frozen=True)
class PlanReport:
    roles: list[tuple[str, str]]  # (role id, title), in the rotation's order
    loads: list[PersonLoad]
    spread: dict[str, int]  # role id (or "total") → max − min among the people who may hold it


def plan_report(project: Project, plan: Plan) -> PlanReport:
    rotation = project.rotations[plan.rotation_id]
    roles = planned_roles(rotation)
    first, last = plan.periods[0].day, plan.periods[-1].day
    active = {pid: person for pid, person in project.people.items()
              if (person.left is None or person.left >= first) and (person.joined is None or person.joined <= last)}
    may_hold = {
        role.id: [pid for pid, person in active.items() if role.eligible is None or not missing(role.eligible, person)]
        for role in roles
    }
    people = sorted({pid for holders in may_hold.values() for pid in holders})
    spans: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {pid: [] for pid in people}
    daily: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {pid: [] for pid in people}
    counts = {(pid, role.id): 0 for pid in people for role in roles}
    for period, windows in zip(plan.periods, plan.spans, strict=True):
        for slot, holder in period.holders.items():
            if holder not in spans:
                continue
            counts[(holder, slot.role)] += 1
            spans[holder] += windows[slot]
            if slot.shift is not None:
                daily[holder] += windows[slot]
    loads = []
    for pid in people:
        person = project.people[pid]
        by_role = {role.id: counts[(pid, role.id)] for role in roles}
        loads.append(PersonLoad(pid, by_role, sum(by_role.values()), out_of_hours(person, daily[pid]),
                                len(weekend_days(person, spans[pid]))))
    spread = {}
    for role in roles:
        values = [counts[(pid, role.id)] for pid in may_hold[role.id]]
        spread[role.id] = max(values) - min(values) if values else 0
    totals = [load.total for load in loads]
    spread["total"] = max(totals) - min(totals) if totals else 0
    return PlanReport([(role.id, role.title) for role in roles], loads, spread)


def render_plan_report(report: PlanReport) -> str:
    """The report as a plain-text table, for the terminal."""
    header = ["person", *(title for _, title in report.roles), "total", "out of hours", "weekend days"]
    rows = [[load.person, *(str(load.by_role[role]) for role, _ in report.roles), str(load.total),
             str(load.out_of_hours), str(load.weekend_days)] for load in report.loads]
    widths = [max(len(row[n]) for row in [header, *rows]) for n in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[0]) if n == 0 else cell.rjust(widths[n]) for n, cell in enumerate(row))
             for row in [header, *rows]]
    spread = " · ".join(f"{title} {report.spread[role]}" for role, title in report.roles)
    lines.append(f"spread (max − min): {spread} · total {report.spread['total']}")
    return "\n".join(line.rstrip() for line in lines) + "\n"
