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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from macros.model.project import Collection, Project
from macros.model.types import CycleRoleSplit, MaxConsecutive, Person, Rotation, ScheduledPeriod, TeamMix
from macros.roster.plan_format import PlannedPeriod, Slot, period_value, slots_of
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

# Soft constraints in the order they are given up.
OTHER_ROTATION, HOLIDAY, CONSECUTIVE = "other-rotation", "public-holiday", "consecutive"
OUT_OF_HOURS = "out-of-hours"
_LEVELS: tuple[frozenset[str], ...] = (
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
class _Window:
    """The stretches of time one slot of one period covers (UTC instants)."""

    spans: tuple[tuple[dt.datetime, dt.datetime], ...]


@dataclass
class _History:
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

    def after(self, index: int, holders: Mapping[Slot, str]) -> _History:
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
        return _History(runs, last, counts, serving, previous_roles, planned, planned_roles)


@dataclass
class _Candidate:
    person: str
    soft: frozenset[str]  # soft constraints this person would break in this slot
    holidays: tuple[str, ...] = ()


@dataclass
class _PeriodProblem:
    """One period to fill: its slots and, for each, the people who may hold it before any interaction."""

    index: int  # position among all periods of the rotation (existing ones first)
    day: dt.date
    slots: list[Slot]
    candidates: dict[Slot, list[_Candidate]]
    excluded: dict[Slot, dict[str, tuple[str, str]]]  # slot → person → (constraint, why)
    windows: dict[Slot, _Window]


@dataclass
class _Rules:
    max_consecutive: int | None
    one_role: bool
    split_roles: tuple[str, ...]  # cycle-role-split roles (empty when off)
    mix_min: int  # team-mix minimum (0 when off)
    mix_roles: frozenset[str]


class _Budget:
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


def _rules_of(rotation: Rotation) -> _Rules:
    config = rotation.rules
    consecutive = config.max_consecutive
    split = config.cycle_role_split
    mix = config.team_mix
    return _Rules(
        max_consecutive=consecutive.max if isinstance(consecutive, MaxConsecutive) and consecutive.enabled else None,
        one_role=config.one_role_per_period.enabled,
        split_roles=tuple(split.roles) if isinstance(split, CycleRoleSplit) and split.enabled else (),
        mix_min=mix.min_teams if isinstance(mix, TeamMix) and mix.enabled else 0,
        mix_roles=frozenset(mix.roles if isinstance(mix, TeamMix) and mix.roles else (r.id for r in rotation.roles)),
    )


def _overlaps(spans: Sequence[tuple[dt.datetime, dt.datetime]], start: dt.datetime, end: dt.datetime) -> bool:
    return any(s < end and start < e for s, e in spans)


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
        self.rules = _rules_of(self.rotation)
        self.budget = _Budget(budget)
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

    def _history(self) -> _History:
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
        return _History(runs, last, counts, previous, previous_roles)

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

    def _windows(self, day: dt.date, slots: Sequence[Slot]) -> dict[Slot, _Window]:
        """Each slot's time spans, computed by the schedule expansion itself on a stand-in period."""
        stand_in = {slot: f"slot-{number}" for number, slot in enumerate(slots)}
        value = period_value(self.rotation, PlannedPeriod(day, stand_in))
        period = ScheduledPeriod.model_validate(value)
        rotation = self.rotation.model_copy(update={"schedule": [period]})
        stub = replace(self.project, rotations=Collection("rotations", {self.rotation_id: rotation}))
        spans: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
        for shift in expand_rotation(stub, self.rotation_id).shifts:
            spans.setdefault(shift.person, []).append((shift.start, shift.end))
        return {slot: _Window(tuple(spans.get(name, []))) for slot, name in stand_in.items()}

    def _problem(self, index: int, day: dt.date) -> _PeriodProblem:
        slots = slots_of(self.rotation)
        windows = self._windows(day, slots)
        candidates: dict[Slot, list[_Candidate]] = {}
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
                if any(_overlaps(self.elsewhere.get(person_id, []), s, e) for s, e in window.spans):
                    soft.add(OTHER_ROTATION)
                holidays = sorted(
                    {f"{date} {name}" for s, e in window.spans for _, _, date, name in holiday_spans(person, s, e)}
                )
                if holidays:
                    soft.add(HOLIDAY)
                if slot.shift is not None and not in_hours(person, window.spans):
                    soft.add(OUT_OF_HOURS)
                candidates[slot].append(_Candidate(person_id, frozenset(soft), tuple(holidays)))
        return _PeriodProblem(index, day, slots, candidates, excluded, windows)

    # --- filling one period ----------------------------------------------------------------------

    def solutions(
        self, problem: _PeriodProblem, history: _History, relax: frozenset[str] = frozenset()
    ) -> Iterator[dict[Slot, str]]:
        """The ways to fill one period, best first; `relax` names hard constraints to ignore (for diagnosis)."""
        seen: set[tuple[tuple[Slot, str], ...]] = set()
        for level in _LEVELS:
            for holders in _PeriodSearch(self, problem, history, level, relax).run():
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
            if next(self.solutions(problem, _History({}, {}, {})), None) is None:
                raise self._explain(problem, _History({}, {}, {}))
        history = self._history()
        failed: set[tuple[int, tuple[tuple[str, int], ...]]] = set()
        deepest: list[tuple[int, _History]] = [(0, history)]
        limit = self.rules.max_consecutive or MAX_PERIODS

        def search(k: int, state: _History) -> list[dict[Slot, str]] | None:
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

    def _result(self, problems: list[_PeriodProblem], found: list[dict[Slot, str]], history: _History) -> Plan:
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

    def _successors(self, history: _History) -> dict[str, frozenset[str]]:
        """role → who should take it now because they held the role before it in the staggered pair."""
        pair = self.rotation.planning.staggered
        if len(pair) != 2:
            return {}
        return {pair[1]: history.previous_roles.get(pair[0], frozenset())}

    def _stagger_reason(self) -> str:
        first = self.rotation.planning.staggered[0]
        return f"planned: staggered pair, {self.rotation.role_title(first)} of the period before"

    # --- saying why not -------------------------------------------------------------------------

    def _explain(self, problem: _PeriodProblem, history: _History) -> PlanError:
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

    def _why(self, constraint: str, problem: _PeriodProblem, history: _History) -> str:
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


@dataclass
class _PeriodSearch:
    """Backtracking over the slots of one period, candidates in order of preference."""

    planner: Planner
    problem: _PeriodProblem
    history: _History
    allowed: frozenset[str]  # soft constraints that may be broken at this level
    relax: frozenset[str]
    holders: dict[Slot, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rules = self.planner.rules
        self.rotation = self.planner.rotation
        self.segments = self.rotation.segments_per_period
        self.per_segment = {role.id for role in self.rotation.roles if role.per_segment}
        self.one_role = rules.one_role and "one-role-per-period" not in self.relax
        self.split = () if "cycle-role-split" in self.relax else rules.split_roles
        self.mix_min = 0 if "team-mix" in self.relax else rules.mix_min
        self.limit = None if "max-consecutive" in self.relax else rules.max_consecutive
        # Fewest candidates first: the tightest slot decides most, and failing early is cheap.
        order = {slot: n for n, slot in enumerate(self.problem.slots)}
        self.order = sorted(self.problem.slots, key=lambda s: (len(self.problem.candidates[s]), order[s]))
        self.busy: dict[tuple[str, int], Slot] = {}  # (person, segment) → slot held there
        self.split_held: dict[str, dict[str, list[int]]] = {}  # person → split role → segments held

    def segments_of(self, slot: Slot) -> range:
        return range(slot.segment, slot.segment + 1) if slot.role in self.per_segment else range(self.segments)

    def run(self) -> Iterator[dict[Slot, str]]:
        yield from self._fill(0)

    def _fill(self, depth: int) -> Iterator[dict[Slot, str]]:
        if depth == len(self.order):
            if self._complete():
                yield dict(sorted(self.holders.items()))
            return
        slot = self.order[depth]
        for candidate in self._ranked(slot):
            self.planner.budget.spend()
            if not self._fits(slot, candidate.person):
                continue
            self._place(slot, candidate.person)
            if self._promising():
                yield from self._fill(depth + 1)
            self._unplace(slot, candidate.person)

    def _ranked(self, slot: Slot) -> list[_Candidate]:
        history = self.history
        pending = self._pending(slot.role)
        counted = self.planner.rules.mix_roles
        teams_so_far = {self.planner.teams[p] for s, p in self.holders.items() if s.role in counted}
        need_teams = self.mix_min > len(teams_so_far) and slot.role in counted
        successors = self.planner._successors(history).get(slot.role, frozenset())
        allowed = []
        for candidate in self.problem.candidates[slot]:
            soft = set(candidate.soft)
            if candidate.person in history.previous and candidate.person not in successors:
                soft.add(CONSECUTIVE)
            if soft - self.allowed:
                continue
            allowed.append((candidate, len(soft)))

        def rank(item: tuple[_Candidate, int]) -> tuple[object, ...]:
            candidate, penalties = item
            person = candidate.person
            return (
                person not in pending,  # someone who still owes this role of the cycle goes first
                penalties,
                len(candidate.holidays),
                need_teams and self.planner.teams[person] in teams_so_far,
                person in self.holders.values(),
                person not in successors,  # the staggered pair: last period's first role takes the second
                history.planned_roles.get((person, slot.role), 0),  # fewest of this role in the plan: roles alternate
                history.planned.get(person, 0),  # then fewest slots in the plan: load is balanced
                history.last.get(person, -1),  # least recently served first
                history.counts.get(person, 0),  # then fewest slots so far
                person,
            )

        return [candidate for candidate, _ in sorted(allowed, key=rank)]

    def _pending(self, role: str) -> set[str]:
        """People who hold another cycle-role-split role this period but not yet `role`."""
        if role not in self.split:
            return set()
        return {p for p, held in self.split_held.items() if not held.get(role)}

    def _fits(self, slot: Slot, person: str) -> bool:
        if self.limit is not None and self.history.runs.get(person, 0) >= self.limit:
            return False
        if self.one_role and any(
            (person, n) in self.busy and self.busy[(person, n)] != slot for n in self.segments_of(slot)
        ):
            return False
        if slot.role in self.split:
            held = self.split_held.get(person, {}).get(slot.role, [])
            if len({*held, *self.segments_of(slot)}) > 1:
                return False
        return True

    def _place(self, slot: Slot, person: str) -> None:
        self.holders[slot] = person
        for n in self.segments_of(slot):
            self.busy.setdefault((person, n), slot)
        if slot.role in self.split:
            held = self.split_held.setdefault(person, {role: [] for role in self.split})
            held[slot.role] += self.segments_of(slot)

    def _unplace(self, slot: Slot, person: str) -> None:
        del self.holders[slot]
        for n in self.segments_of(slot):
            if self.busy.get((person, n)) == slot:
                del self.busy[(person, n)]
        if slot.role in self.split:
            held = self.split_held[person]
            for n in self.segments_of(slot):
                held[slot.role].remove(n)
            if not any(held.values()):
                del self.split_held[person]

    def _promising(self) -> bool:
        """Bounds that must still hold for the open slots to complete the period (cut the search early)."""
        open_slots = [s for s in self.order if s not in self.holders]
        for role in self.split:
            owing = self._pending(role)
            role_slots = [s for s in open_slots if s.role == role]
            if len(owing) > len(role_slots):
                return False
            for person in owing:  # each owes this role in a segment where they are still free
                if not any(self._could_take(slot, person) for slot in role_slots):
                    return False
        if self.mix_min:
            counted = self.planner.rules.mix_roles
            teams = {self.planner.teams[p] for s, p in self.holders.items() if s.role in counted}
            counted_open = [s for s in open_slots if s.role in counted]
            reachable = {self.planner.teams[c.person] for s in counted_open for c in self.problem.candidates[s]}
            if len(teams) + min(len(counted_open), len(reachable - teams)) < self.mix_min:
                return False
        return True

    def _could_take(self, slot: Slot, person: str) -> bool:
        return any(c.person == person for c in self.problem.candidates[slot]) and self._fits(slot, person)

    def _complete(self) -> bool:
        for held in self.split_held.values():
            if any(len(set(segments)) != 1 for segments in held.values()):
                return False
        if self.mix_min:
            counted = self.planner.rules.mix_roles
            teams = {self.planner.teams[p] for s, p in self.holders.items() if s.role in counted}
            if teams and len(teams) < self.mix_min:
                return False
        return True


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
