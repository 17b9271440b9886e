"""`team-mix` (opt-in): the people of one period come from at least `min_teams` different teams.

Sustained engineering draws its engineers from several product teams, so that each cycle knows more
of the product. Only the holders of `roles` count (every role when the list is empty).
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.model.findings import Finding
from macros.model.types import Rotation, RuleSettings, TeamMix
from macros.rules.base import Context, Rule, period_noun
from macros.rules.slots import join_words, people_in_order, plural, readable_periods
from macros.schedule.expansion import Expansion


class TeamMixRule(Rule):
    id = "team-mix"
    description = "The holders of a period come from at least `min_teams` different teams."
    settings_field = "team_mix"

    def in_words(self, rotation: Rotation, settings: RuleSettings) -> str:
        assert isinstance(settings, TeamMix)
        holders = f"the holders of {', '.join(settings.roles)}" if settings.roles else "the people on duty"
        return f"In each {period_noun(rotation)}, {holders} come from at least {settings.min_teams} different teams."

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        assert isinstance(settings, TeamMix)
        rotation = expansion.rotation
        people = context.project.people
        counted = set(settings.roles) or {role.id for role in rotation.roles}
        titles = [rotation.role_title(role_id) for role_id in settings.roles]
        whose = f"{join_words(titles)} holders" if titles else "holders"
        for span, assignments in readable_periods(expansion):
            holders = people_in_order(a for a in assignments if a.role in counted and a.person in people)
            if not holders:
                continue  # nobody to mix: the coverage rule reports the empty period
            teams = sorted({people[person].team for person in holders})
            if len(teams) >= settings.min_teams:
                continue
            yield self.finding(
                context,
                expansion.rotation_id,
                ("schedule", span.index, "start"),
                f"the period {span.day} draws its {whose} from {plural(len(teams), 'team')} ({', '.join(teams)}); "
                f"at least {settings.min_teams} required",
                "swap someone for a person from another team",
                settings=settings,
            )
