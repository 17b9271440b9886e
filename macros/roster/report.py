"""`report`: how duty was shared over a window, and where the schedules are thin.

Per person: shifts, hours on duty, weekend days and public holidays on duty (as dates in the person's
own time zone: a day counts when any duty touches it), and the longest run of periods in a row in one
rotation. Per rotation: coverage gaps inside the window (a required place left empty, days between
periods) and the date the schedule runs out. The same numbers feed `scripts/handbook report` and the
handbook's Report page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from macros.model.project import Project
from macros.model.types import Person
from macros.pages.markup import text
from macros.roster.plan_format import Slot, slots_of
from macros.rules.slots import scheduled_by_period, streaks
from macros.schedule.expansion import Expansion, Shift, expand_all
from macros.schedule.localtime import add_days, instant, to_local
from macros.schedule.public_holidays import holiday_spans

_MIDNIGHT = dt.time(0, 0)
DEFAULT_DAYS_BACK = 91
DEFAULT_DAYS_AHEAD = 91


@dataclass(frozen=True)
class PersonLoad:
    person: str
    name: str
    team: str
    team_name: str
    shifts: int
    hours: float
    weekend_days: tuple[dt.date, ...]
    holidays: tuple[tuple[dt.date, str], ...]
    longest_streak: int


@dataclass(frozen=True)
class RotationHealth:
    rotation: str
    name: str
    runs_out: dt.date | None  # local date the last period ends (None: no schedule at all)
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class DutyReport:
    first: dt.date
    last: dt.date
    people: list[PersonLoad] = field(default_factory=list)
    rotations: list[RotationHealth] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "until": self.last.isoformat(),
            "people": [
                {
                    "person": p.person, "name": p.name, "team": p.team, "team_name": p.team_name,
                    "shifts": p.shifts, "hours": p.hours,
                    "weekend_days": [d.isoformat() for d in p.weekend_days],
                    "public_holidays": [{"date": d.isoformat(), "name": n} for d, n in p.holidays],
                    "longest_streak": p.longest_streak,
                }
                for p in self.people
            ],
            "rotations": [
                {"rotation": r.rotation, "name": r.name, "runs_out": r.runs_out.isoformat() if r.runs_out else None,
                 "gaps": list(r.gaps)}
                for r in self.rotations
            ],
        }


def default_window(now: dt.datetime) -> tuple[dt.date, dt.date]:
    today = now.date()
    return add_days(today, -DEFAULT_DAYS_BACK), add_days(today, DEFAULT_DAYS_AHEAD)


def _local_days(start: dt.datetime, end: dt.datetime, zone_name: str) -> set[dt.date]:
    """Every local date that [start, end) touches."""
    first = to_local(start, zone_name).date()
    last = to_local(end - dt.timedelta(microseconds=1), zone_name).date()
    return {add_days(first, n) for n in range((last - first).days + 1)}


def _shifts_by_person(expansions: Mapping[str, Expansion]) -> dict[str, list[Shift]]:
    """Each person's shifts, rotation by rotation in schedule order: one pass over every schedule."""
    by_person: dict[str, list[Shift]] = {}
    for expansion in expansions.values():
        for shift in expansion.shifts:
            by_person.setdefault(shift.person, []).append(shift)
    return by_person


def _person_load(
    person_id: str,
    person: Person,
    team_name: str,
    shifts: Sequence[Shift],
    longest_streak: int,
    first: dt.date,
    last: dt.date,
) -> PersonLoad:
    zone_name = person.timezone
    window_start, window_end = instant(first, _MIDNIGHT, zone_name), instant(add_days(last, 1), _MIDNIGHT, zone_name)
    count, seconds = 0, 0.0
    days: set[dt.date] = set()
    holidays: set[tuple[dt.date, str]] = set()
    for shift in shifts:
        if shift.end <= window_start or shift.start >= window_end:
            continue
        start, end = max(shift.start, window_start), min(shift.end, window_end)
        count += 1
        seconds += (end - start).total_seconds()
        days |= _local_days(start, end, zone_name)
        holidays |= {(day, name) for _, _, day, name in holiday_spans(person, start, end)}
    return PersonLoad(
        person_id,
        person.name,
        person.team,
        team_name,
        count,
        round(seconds / 3600, 1),
        tuple(sorted(day for day in days if day.weekday() >= 5)),
        tuple(sorted(holidays)),
        longest_streak,
    )


def _longest_streaks(expansions: Mapping[str, Expansion], first: dt.date, last: dt.date) -> dict[str, int]:
    """Per person, most periods in a row (periods that touch, any role) one rotation gave them inside the window.

    One walk over each rotation's schedule serves everyone; a streak that began before the window
    counts from the window's first period.
    """
    best: dict[str, int] = {}
    for expansion in expansions.values():
        inside = [span.index for span in expansion.periods if first <= span.day <= last]
        if not inside:
            continue
        low, wanted = inside[0], set(inside)
        for index, person, began in streaks(expansion):
            if index in wanted:
                best[person] = max(best.get(person, 0), index - max(began, low) + 1)
    return best


def _gaps(expansion: Expansion, first: dt.date, last: dt.date) -> list[str]:
    rotation = expansion.rotation
    zone_name = rotation.handoff.timezone
    wanted = slots_of(rotation)
    gaps: list[str] = []
    previous = None
    for span, assignments in zip(expansion.periods, scheduled_by_period(expansion), strict=True):
        end_day = to_local(span.end, zone_name).date()
        if previous is not None and span.start > previous.end and span.day >= first:
            gap_start = to_local(previous.end, zone_name).date()
            gaps.append(f"{gap_start} to {span.day}: no period")
        previous = span
        if end_day < first or span.day > last:
            continue
        filled = {Slot(a.role, a.shift, a.segment if _per_segment(expansion, a.role) else 0) for a in assignments}
        empty = [slot.label(rotation) for slot in wanted if slot not in filled]
        if empty:
            gaps.append(f"{span.day}: no {', '.join(empty)}")
    return gaps


def _per_segment(expansion: Expansion, role_id: str) -> bool:
    role = expansion.rotation.role(role_id)
    return role is not None and role.per_segment


def _health(rotation_id: str, expansion: Expansion, first: dt.date, last: dt.date) -> RotationHealth:
    zone_name = expansion.rotation.handoff.timezone
    runs_out = to_local(max(span.end for span in expansion.periods), zone_name).date() if expansion.periods else None
    gaps = _gaps(expansion, first, last)
    if runs_out is None:
        gaps.append("no schedule at all")
    elif runs_out <= last:
        gaps.append(f"{runs_out} to {last}: nothing scheduled")
    return RotationHealth(rotation_id, expansion.rotation.name, runs_out, tuple(gaps))


def _team_name(project: Project, team_id: str) -> str:
    team = project.teams.get(team_id)
    return team.name if team else team_id


def build_report(
    project: Project, first: dt.date, last: dt.date, expansions: Mapping[str, Expansion] | None = None
) -> DutyReport:
    """The report over the local dates `first` to `last` inclusive."""
    expanded = expand_all(project) if expansions is None else expansions
    shifts, streak = _shifts_by_person(expanded), _longest_streaks(expanded, first, last)
    people = [
        _person_load(
            pid, person, _team_name(project, person.team), shifts.get(pid, ()), streak.get(pid, 0), first, last
        )
        for pid, person in project.people.items()
    ]
    rotations = [_health(rid, expanded[rid], first, last) for rid in project.rotations]
    return DutyReport(first, last, people, rotations)


# --- Markdown -------------------------------------------------------------------------------------


def _table_cell(value: str) -> str:
    """Minimal escaping for the terminal: only what would break a table row."""
    return " ".join(value.replace("|", "\\|").split())


def _hours(value: float) -> str:
    return f"{value:g}"


def render_markdown(
    report: DutyReport, escape: Callable[[str], str] = _table_cell, heading: str = "##", line_break: str = "; "
) -> str:
    """The report as Markdown tables; `escape` makes text from the data safe where it is shown."""
    lines = [
        f"{heading} People",
        "",
        f"Duty from {report.first} to {report.last}, counted in each person's own time zone "
        "(each daily window of a follow-the-sun role is one shift).",
        "",
        "| Person | Team | Shifts | Hours on duty | Weekend days | Public holidays | Longest streak |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    ordered = sorted(report.people, key=lambda p: (-p.hours, p.person))
    for load in ordered:
        streak = f"{load.longest_streak} period{'s' * (load.longest_streak != 1)}" if load.longest_streak else "–"
        lines.append(
            f"| {escape(load.name)} | {escape(load.team_name)} | {load.shifts} | {_hours(load.hours)} | "
            f"{len(load.weekend_days)} | {len(load.holidays)} | {streak} |"
        )
    on_holidays = [load for load in ordered if load.holidays]
    if on_holidays:
        lines += ["", "Public holidays on duty:", ""]
        for load in sorted(on_holidays, key=lambda p: p.person):
            days = ", ".join(f"{day} {escape(name)}" for day, name in load.holidays)
            lines.append(f"- {escape(load.name)}: {days}")
    lines += [
        "",
        f"{heading} Rotations",
        "",
        "| Rotation | Schedule runs out | Coverage gaps in the window |",
        "| --- | --- | --- |",
    ]
    for health in report.rotations:
        gaps = line_break.join(escape(gap) for gap in health.gaps) or "none"
        runs_out = str(health.runs_out) if health.runs_out else "no schedule"
        lines.append(f"| {escape(health.name)} | {runs_out} | {gaps} |")
    return "\n".join(lines) + "\n"


def report_page(project: Project, now: dt.datetime, expansions: Mapping[str, Expansion] | None = None) -> str:
    """The handbook's Report page body: the default window around the build's "today"."""
    first, last = default_window(now)
    return render_markdown(build_report(project, first, last, expansions), escape=text, line_break="<br>")
