"""Filling one period of a plan: backtracking over its slots, candidates in order of preference.

The planner (`planner.py`) hands each period to a `PeriodSearch` at each level of soft constraints it may
give up; the search yields the ways to fill the period, best first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from macros.model.types import Rotation
from macros.roster.plan_format import Slot
from macros.roster.plan_state import CONSECUTIVE, Candidate, History, PeriodProblem, PlanRules, SearchBudget


class SearchContext(Protocol):
    """What a period's search reads of the whole plan (the planner provides it)."""

    @property
    def rotation(self) -> Rotation: ...
    @property
    def rules(self) -> PlanRules: ...
    @property
    def teams(self) -> Mapping[str, str]: ...
    @property
    def budget(self) -> SearchBudget: ...


@dataclass
class PeriodSearch:
    """Backtracking over the slots of one period, candidates in order of preference."""

    context: SearchContext
    problem: PeriodProblem
    history: History
    allowed: frozenset[str]  # soft constraints that may be broken at this level
    relax: frozenset[str]
    successors: Mapping[str, frozenset[str]]  # role → who takes it after holding the pair's first role
    holders: dict[Slot, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rules = self.context.rules
        self.rotation = self.context.rotation
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
            self.context.budget.spend()
            if not self._fits(slot, candidate.person):
                continue
            self._place(slot, candidate.person)
            if self._promising():
                yield from self._fill(depth + 1)
            self._unplace(slot, candidate.person)

    def _ranked(self, slot: Slot) -> list[Candidate]:
        history = self.history
        pending = self._pending(slot.role)
        counted = self.context.rules.mix_roles
        teams_so_far = {self.context.teams[p] for s, p in self.holders.items() if s.role in counted}
        need_teams = self.mix_min > len(teams_so_far) and slot.role in counted
        successors = self.successors.get(slot.role, frozenset())
        allowed = []
        for candidate in self.problem.candidates[slot]:
            soft = set(candidate.soft)
            if candidate.person in history.previous and candidate.person not in successors:
                soft.add(CONSECUTIVE)
            if soft - self.allowed:
                continue
            allowed.append((candidate, len(soft)))

        def rank(item: tuple[Candidate, int]) -> tuple[object, ...]:
            candidate, penalties = item
            person = candidate.person
            return (
                person not in pending,  # someone who still owes this role of the cycle goes first
                penalties,
                len(candidate.holidays),
                need_teams and self.context.teams[person] in teams_so_far,
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
            counted = self.context.rules.mix_roles
            teams = {self.context.teams[p] for s, p in self.holders.items() if s.role in counted}
            counted_open = [s for s in open_slots if s.role in counted]
            reachable = {self.context.teams[c.person] for s in counted_open for c in self.problem.candidates[s]}
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
            counted = self.context.rules.mix_roles
            teams = {self.context.teams[p] for s, p in self.holders.items() if s.role in counted}
            if teams and len(teams) < self.mix_min:
                return False
        return True
