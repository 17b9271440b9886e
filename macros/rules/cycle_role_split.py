"""`cycle-role-split` (opt-in): within a period, an engineer holds each listed role in one segment.

The sustained-engineering cycle is two weeks with a primary and a backup per week: each engineer
spends one week as primary and the other as backup. With `roles: [primary, backup]` and weekly
segments, anyone holding either role must hold each of them in exactly one week of the cycle.
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.model.findings import Finding
from macros.model.types import CycleRoleSplit, Role, Rotation, RuleSettings
from macros.rules.base import Context, Rule, period_noun
from macros.rules.slots import join_words, readable_periods, segment_unit
from macros.schedule.expansion import Assignment, Expansion


class CycleRoleSplitRule(Rule):
    id = "cycle-role-split"
    description = "Anyone holding the listed roles holds each of them in exactly one segment of the period."
    settings_field = "cycle_role_split"

    def in_words(self, rotation: Rotation, settings: RuleSettings) -> str:
        assert isinstance(settings, CycleRoleSplit)
        return (f"Each engineer holds each of {', '.join(settings.roles)} in exactly one part of the "
                f"{period_noun(rotation)}.")

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        assert isinstance(settings, CycleRoleSplit)
        rotation = expansion.rotation
        roles = [role for role in (rotation.role(role_id) for role_id in settings.roles) if role is not None]
        if not roles:
            return  # the listed roles are unknown: the reference check says so
        unit = segment_unit(rotation)
        everywhere = set(range(rotation.segments_per_period))
        titles = join_words([role.title for role in roles])
        for span, assignments in readable_periods(expansion):
            # person → role → segments held, and where the person first appears in these roles
            held: dict[str, dict[str, set[int]]] = {}
            first: dict[str, Assignment] = {}
            for assignment in assignments:
                role = next((r for r in roles if r.id == assignment.role), None)
                if role is None:
                    continue
                first.setdefault(assignment.person, assignment)
                segments = held.setdefault(assignment.person, {r.id: set() for r in roles})[role.id]
                segments.update([assignment.segment] if role.per_segment else everywhere)
            for person, by_role in held.items():
                if all(len(segments) == 1 for segments in by_role.values()):
                    continue
                yield self.finding(
                    context,
                    expansion.rotation_id,
                    first[person].where,
                    f"{person} should be {titles} for one {unit} each in the period {span.day}, "
                    f"but is {_held(roles, by_role, unit)}",
                    f"give {person} a different {unit} as each of {titles}",
                    settings=settings,
                )


def _held(roles: list[Role], by_role: dict[str, set[int]], unit: str) -> str:
    """'Primary in weeks 1 and 2 and never Backup'."""
    parts = []
    for role in roles:
        numbers = [str(segment + 1) for segment in sorted(by_role[role.id])]
        if numbers:
            parts.append(f"{role.title} in {unit}{'s' if len(numbers) > 1 else ''} {join_words(numbers)}")
    never = [role.title for role in roles if not by_role[role.id]]
    if never:
        parts.append(f"never {join_words(never, 'or')}")
    return join_words(parts)
