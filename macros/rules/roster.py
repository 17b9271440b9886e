"""`roster`: everyone named in a schedule has a file in data/people/."""

from __future__ import annotations

from collections.abc import Iterable

from macros.model.findings import Finding, did_you_mean
from macros.model.types import RuleSettings
from macros.rules.base import Context, Rule
from macros.rules.slots import once_per_place
from macros.schedule.expansion import Expansion


class RosterRule(Rule):
    id = "roster"
    description = "Everyone scheduled (or covering in an override) is a person in data/people/."
    settings_field = "roster"

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        people = context.project.people
        for assignment in once_per_place(expansion.assignments):
            if assignment.person not in people:
                yield self.finding(
                    context,
                    expansion.rotation_id,
                    assignment.where,
                    f"unknown person '{assignment.person}': there is no data/people/{assignment.person}.yml",
                    did_you_mean(assignment.person, people),
                    settings=settings,
                )
