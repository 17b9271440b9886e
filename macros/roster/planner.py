"""`plan`: fill the next periods of a rotation fairly, deterministically, and so that every rule holds.

Hard constraints (a plan breaking one is never returned) are the rotation's enabled rules:
eligibility, unavailability (time off, joined/left), one slot per person at a time, at most `max`
periods in a row, every required slot filled, cycle-role-split and team-mix.

Soft constraints, relaxed one after the other only when a period cannot be filled otherwise:
1. nobody on duty in another rotation at the same time (a warning of `one-role-per-period`);
2. nobody on duty on a public holiday of their country (the `holidays` package, national holidays);
3. nobody two periods in a row (allowed up to `max`; the plan then writes a `reason:`), except the
   staggered pair the rotation asks for (`planning: staggered`: last period's First Mate is Captain);
4. a daily shift only for people whose working hours cover it (see `working_hours`); given up last.

Fairness decides between the people left: the staggered pair's successor first, then whoever holds
this role least in the plan so far (so roles alternate and each person holds each role), then fewest
slots in the plan, then whoever served this rotation least recently, then fewest slots ever, then the
person id (so the same data gives the same plan).

The search is exact: periods are filled one after the other, and when a later period cannot be
filled the search goes back and tries the next-best choice of an earlier one (a failed state is
remembered, so no state is tried twice). A plan it cannot find does not exist, and the error names
the period and the constraint that cannot be met there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace

from macros.model.project import Collection, Project
from macros.model.types import Person, ScheduledPeriod
from macros.roster.period_search import PeriodSearch
from macros.roster.plan_format import PlannedPeriod, Slot, period_value, slots_of
from macros.roster.plan_state import (
    HOLIDAY,
    LEVELS,
    OTHER_ROTATION,
    OUT_OF_HOURS,
    Candidate,
    History,
    PeriodProblem,
    Plan,
    PlanError,
    SearchBudget,
    Window,
    overlaps,
    rules_of,
)
from macros.roster.working_hours import in_hours
from macros.rules.eligibility import missing
from macros.rules.slots import scheduled_by_period
from macros.rules.unavailable import BlockedTimes
from macros.schedule.expansion import expand_all, expand_rotation
from macros.schedule.localtime import add_days, to_local
from macros.schedule.public_holidays import holiday_spans

CONSECUTIVE_REASON = "planned: nobody else could take this period"
DEFAULT_BUDGET = 200_000  # slot choices tried before the search gives up
MAX_PERIODS = 260


class Planner:
    def __init__(self, project: Project, rotation_id: str, now: dt.datetime, *, budget: int = DEFAULT_BUDGET) -> None:
        if rotation_id not in project.rotations:
            raise PlanError(
                None,
                "reference",
                f"there is no rotation '{rotation_id}'",
                f"pick one of: {', '.join(project.rotations)}",
            )
        self.project = project
        self.rotation_id = rotation_id
        self.rotation = project.rotations[rotation_id]
        self.now = now
        self.rules = rules_of(self.rotation)
        self.budget = SearchBudget(budget)
        self.people: dict[str, Person] = dict(sorted(project.people.items()))
        self.blocked = {pid: BlockedTimes.of(person) for pid, person in self.people.items()}
        self.elsewhere = self._other_rotations()
        self.teams = {pid: person.team for pid, person in self.people.items()}

    # --- setting up ---------------------------------------------------------------------------

    def _other_rotations(self) -> dict[str, list[tuple[dt.datetime, dt.datetime]]]:
        busy: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
        for rotation_id, expansion in expand_all(self.project).items():
            if rotation_id == self.rotation_id:
                continue
            for shift in expansion.shifts:
                busy.setdefault(shift.person, []).append((shift.start, shift.end))
        return busy

    def _history(self) -> History:
        expansion = expand_rotation(self.project, self.rotation_id)
        runs: dict[str, int] = {}
        last: dict[str, int] = {}
        counts: dict[str, int] = {}
        previous: frozenset[str] = frozenset()
        previous_roles: dict[str, frozenset[str]] = {}
        ended: dt.datetime | None = None
        for span, assignments in zip(expansion.periods, scheduled_by_period(expansion), strict=True):
            serving = frozenset(a.person for a in assignments)
            roles: dict[str, set[str]] = {}
            for assignment in assignments:
                roles.setdefault(assignment.role, set()).add(assignment.person)
            previous_roles = {role: frozenset(people) for role, people in roles.items()}
            if span.start != ended:  # a streak runs only through periods that touch (as the rules count it)
                runs = {}
            runs = {person: runs.get(person, 0) + 1 for person in serving}
            ended = span.end
            last.update(dict.fromkeys(serving, span.index))
            for assignment in assignments:
                counts[assignment.person] = counts.get(assignment.person, 0) + 1
            previous = serving
        return History(runs, last, counts, previous, previous_roles)

    def first_day(self, start: dt.date | None) -> dt.date:
        rotation = self.rotation
        if rotation.schedule:
            following = add_days(rotation.schedule[-1].start, rotation.period.total_days)
            if start is not None and start != following:
                raise PlanError(
                    None,
                    "coverage",
                    f"the schedule continues on {following}, not on {start}",
                    "leave out --start: the plan starts where the schedule ends",
                )
            return following
        if start is not None:
            if start.weekday() != rotation.handoff.weekday.number:
                raise PlanError(
                    start,
                    "schedule",
                    f"{start} is a {start:%A}, not the hand-off weekday",
                    f"start on a {rotation.handoff.weekday.value}",
                )
            return start
        today = to_local(self.now, rotation.handoff.timezone).date()
        return add_days(today, (rotation.handoff.weekday.number - today.weekday()) % 7)

    def _windows(self, day: dt.date, slots: Sequence[Slot]) -> dict[Slot, Window]:
        """Each slot's time spans, computed by the schedule expansion itself on a stand-in period."""
        stand_in = {slot: f"slot-{number}" for number, slot in enumerate(slots)}
        value = period_value(self.rotation, PlannedPeriod(day, stand_in))
        period = ScheduledPeriod.model_validate(value)
        rotation = self.rotation.model_copy(update={"schedule": [period]})
        stub = replace(self.project, rotations=Collection("rotations", {self.rotation_id: rotation}))
        spans: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
        for shift in expand_rotation(stub, self.rotation_id).shifts:
            spans.setdefault(shift.person, []).append((shift.start, shift.end))
        return {slot: Window(tuple(spans.get(name, []))) for slot, name in stand_in.items()}

    def _problem(self, index: int, day: dt.date) -> PeriodProblem:
        slots = slots_of(self.rotation)
        windows = self._windows(day, slots)
        candidates: dict[Slot, list[Candidate]] = {}
        excluded: dict[Slot, dict[str, tuple[str, str]]] = {}
        for slot in slots:
            role = self.rotation.role(slot.role)
            assert role is not None
            window = windows[slot]
            candidates[slot], excluded[slot] = [], {}
            for person_id, person in self.people.items():
                if role.eligible is not None and self.rotation.rules.eligibility.enabled:
                    lacks = missing(role.eligible, person)
                    if lacks:
                        excluded[slot][person_id] = ("eligibility", f"needs {' and '.join(lacks)}")
                        continue
                if self.rotation.rules.unavailable.enabled:
                    hit = next((b for s, e in window.spans if (b := self.blocked[person_id].first_overlap(s, e))), None)
                    if hit is not None:
                        excluded[slot][person_id] = ("unavailable", hit.why)
                        continue
                soft: set[str] = set()
                if any(overlaps(self.elsewhere.get(person_id, []), s, e) for s, e in window.spans):
                    soft.add(OTHER_ROTATION)
                holidays = sorted(
                    {f"{date} {name}" for s, e in window.spans for _, _, date, name in holiday_spans(person, s, e)}
                )
                if holidays:
                    soft.add(HOLIDAY)
                if slot.shift is not None and not in_hours(person, window.spans):
                    soft.add(OUT_OF_HOURS)
                candidates[slot].append(Candidate(person_id, frozenset(soft), tuple(holidays)))
        return PeriodProblem(index, day, slots, candidates, excluded, windows)

    # --- filling one period ----------------------------------------------------------------------

    def solutions(
        self, problem: PeriodProblem, history: History, relax: frozenset[str] = frozenset()
    ) -> Iterator[dict[Slot, str]]:
        """The ways to fill one period, best first; `relax` names hard constraints to ignore (for diagnosis)."""
        seen: set[tuple[tuple[Slot, str], ...]] = set()
        successors = self._successors(history)
        for level in LEVELS:
            for holders in PeriodSearch(self, problem, history, level, relax, successors).run():
                key = tuple(sorted(holders.items()))
                if key not in seen:
                    seen.add(key)
                    yield holders

    # --- the whole plan ---------------------------------------------------------------------------

    def plan(self, count: int, start: dt.date | None = None) -> Plan:
        if not 1 <= count <= MAX_PERIODS:
            raise PlanError(None, "usage", f"cannot plan {count} periods", f"plan between 1 and {MAX_PERIODS}")
        if not slots_of(self.rotation):
            raise PlanError(
                None, "coverage", "the rotation has no required role to fill", "mark a role `required: true`"
            )
        first = self.first_day(start)
        offset = len(self.rotation.schedule)
        length = self.rotation.period.total_days
        problems = [self._problem(offset + k, add_days(first, k * length)) for k in range(count)]
        for problem in problems:  # a period that cannot be filled even on its own: say why, precisely
            if next(self.solutions(problem, History({}, {}, {})), None) is None:
                raise self._explain(problem, History({}, {}, {}))
        history = self._history()
        failed: set[tuple[int, tuple[tuple[str, int], ...]]] = set()
        deepest: list[tuple[int, History]] = [(0, history)]
        limit = self.rules.max_consecutive or MAX_PERIODS

        def search(k: int, state: History) -> list[dict[Slot, str]] | None:
            if k == len(problems):
                return []
            key = (k, state.key(limit))
            if key in failed:
                return None
            if k >= deepest[0][0]:
                deepest[0] = (k, state)
            for holders in self.solutions(problems[k], state):
                rest = search(k + 1, state.after(problems[k].index, holders))
                if rest is not None:
                    return [holders, *rest]
            failed.add(key)
            return None

        found = search(0, history)
        if found is None:
            k, state = deepest[0]
            raise self._explain(problems[k], state)
        return self._result(problems, found, history)

    def _result(self, problems: list[PeriodProblem], found: list[dict[Slot, str]], history: History) -> Plan:
        periods, notes = [], []
        state = history
        for problem, holders in zip(problems, found, strict=True):
            successors = self._successors(state)
            reasons = {}
            for person in dict.fromkeys(holders.values()):
                if person not in state.previous:
                    continue
                staggered = any(
                    holders.get(slot) == person
                    for slot in problem.slots
                    if slot.role in successors and person in successors[slot.role]
                )
                if not staggered:
                    reasons[person] = CONSECUTIVE_REASON
                elif self.rotation.rules.consecutive_needs_reason.enabled:
                    reasons[person] = self._stagger_reason()
                if not staggered:
                    notes.append(f"{problem.day}: {person} serves a second period in a row ({CONSECUTIVE_REASON})")
            for slot, person in holders.items():
                candidate = next(c for c in problem.candidates[slot] if c.person == person)
                if OTHER_ROTATION in candidate.soft:
                    notes.append(f"{problem.day}: {person} is also on duty in another rotation then")
                if OUT_OF_HOURS in candidate.soft:
                    notes.append(
                        f"{problem.day}: {person} holds {slot.label(self.rotation)} outside their "
                        "working hours (nobody in hours was free)"
                    )
                for holiday in candidate.holidays:
                    notes.append(f"{problem.day}: {person} is on duty on a public holiday ({holiday})")
            periods.append(PlannedPeriod(problem.day, dict(holders), reasons))
            state = state.after(problem.index, holders)
        spans = [{slot: problem.windows[slot].spans for slot in problem.slots} for problem in problems]
        return Plan(self.rotation_id, periods, list(dict.fromkeys(notes)), spans)

    def _successors(self, history: History) -> dict[str, frozenset[str]]:
        """role → who should take it now because they held the role before it in the staggered pair."""
        pair = self.rotation.planning.staggered
        if len(pair) != 2:
            return {}
        return {pair[1]: history.previous_roles.get(pair[0], frozenset())}

    def _stagger_reason(self) -> str:
        first = self.rotation.planning.staggered[0]
        return f"planned: staggered pair, {self.rotation.role_title(first)} of the period before"

    # --- saying why not -------------------------------------------------------------------------

    def _explain(self, problem: PeriodProblem, history: History) -> PlanError:
        rotation = self.rotation
        day = problem.day
        for slot in problem.slots:
            if problem.candidates[slot]:
                continue
            reasons = problem.excluded[slot]
            label = slot.label(rotation)
            eligible = {p: why for p, why in reasons.items() if why[0] != "eligibility"}
            if not eligible:
                shown = [f"{p} {why}" for p, (_, why) in sorted(reasons.items())][:3]
                more = f" and {len(reasons) - len(shown)} more" if len(reasons) > len(shown) else ""
                return PlanError(
                    day,
                    "eligibility",
                    f"nobody may be {label}: "
                    + ("; ".join(shown) + more if shown else "there is nobody in data/people/"),
                    "add the tag or team the role needs to someone in data/people/",
                )
            listed = "; ".join(f"{p} {why}" for p, (_, why) in sorted(eligible.items()))
            return PlanError(
                day,
                "unavailable",
                f"nobody who may be {label} is free in the period {day}: {listed}",
                "move someone's time off, or fill this period by hand with an override",
            )
        for constraint in ("max-consecutive", "one-role-per-period", "cycle-role-split", "team-mix"):
            if next(self.solutions(problem, history, frozenset({constraint})), None) is not None:
                return PlanError(day, constraint, self._why(constraint, problem, history), _HINTS[constraint])
        return PlanError(
            day,
            "combination",
            f"the period {day} cannot be filled: the people who are free and eligible "
            "cannot meet one-role-per-period, cycle-role-split and team-mix together",
            "add people to the roles' eligibility or move someone's time off",
        )

    def _why(self, constraint: str, problem: PeriodProblem, history: History) -> str:
        day = problem.day
        free = sorted({c.person for slot in problem.slots for c in problem.candidates[slot]})
        if constraint == "max-consecutive":
            tired = sorted(p for p in free if history.runs.get(p, 0) >= (self.rules.max_consecutive or 0))
            return (
                f"the period {day} can only be filled by someone on duty more than "
                f"{self.rules.max_consecutive} periods in a row ({', '.join(tired)})"
            )
        if constraint == "one-role-per-period":
            return (
                f"the period {day} needs {len(problem.slots)} places filled at once but too few people "
                f"are free and eligible ({', '.join(free)})"
            )
        if constraint == "cycle-role-split":
            return (
                f"the period {day} cannot give each engineer one segment as each of "
                f"{', '.join(self.rules.split_roles)} with the people free ({', '.join(free)})"
            )
        teams = sorted(
            {
                self.teams[p]
                for slot in problem.slots
                if slot.role in self.rules.mix_roles
                for p in (c.person for c in problem.candidates[slot])
            }
        )
        return (
            f"the period {day} needs people from {self.rules.mix_min} teams, but those free come from "
            f"{len(teams)} ({', '.join(teams)})"
        )


_HINTS = {
    "max-consecutive": "move someone's time off, add people to the roster, or raise the rule's `max`",
    "one-role-per-period": "add people who may hold these roles, or move someone's time off",
    "cycle-role-split": "add engineers who may hold both roles, or move someone's time off",
    "team-mix": "add eligible people from other teams, or lower the rule's `min_teams`",
}


def plan_rotation(
    project: Project,
    rotation_id: str,
    count: int,
    now: dt.datetime,
    *,
    start: dt.date | None = None,
    budget: int = DEFAULT_BUDGET,
) -> Plan:
    """The next `count` periods of the rotation; raises `PlanError` when no valid plan exists."""
    return Planner(project, rotation_id, now, budget=budget).plan(count, start)
