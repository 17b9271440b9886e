"""`max-consecutive`: nobody holds the rotation for more than `max` periods in a row.

Any role counts; periods are in a row when they are next to each other in the schedule and touch.
One finding per streak that is too long, at the first period over the limit. With `one_more_when_told`,
one period over the limit is a warning when the period says why (`vacant:` on the period, or the
holder's `reason`) and the holder says how the team was told (`told`): the rule of teams that let
someone take an otherwise vacant week if they tell everyone at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.model.findings import Finding, Severity
from macros.model.types import MaxConsecutive, Rotation, RuleSettings
from macros.rules.base import Context, Rule, period_noun
from macros.rules.slots import people_in_order, period_days, scheduled_by_period, streaks
from macros.schedule.expansion import Expansion


class MaxConsecutiveRule(Rule):
    id = "max-consecutive"
    description = "Nobody is on duty for more than `max` periods in a row (default 2)."
    settings_field = "max_consecutive"

    def in_words(self, rotation: Rotation, settings: RuleSettings) -> str:
        assert isinstance(settings, MaxConsecutive)
        return f"Nobody is on duty more than {settings.max} {period_noun(rotation, settings.max)} in a row."

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        assert isinstance(settings, MaxConsecutive)
        longest: dict[tuple[str, int], int] = {}  # (person, first period of the streak) → its last period
        for index, person, began in streaks(expansion):
            longest[(person, began)] = index
        by_period = scheduled_by_period(expansion)
        for (person, began), last in longest.items():
            count = last - began + 1
            if count <= settings.max:
                continue
            over = began + settings.max
            assignment = people_in_order(by_period[over])[person]
            vacant = expansion.rotation.schedule[over].vacant
            told = [a for a in by_period[over] if a.person == person and (a.reason or vacant) and a.told]
            if settings.one_more_when_told and count == settings.max + 1 and told:
                yield self.finding(
                    context,
                    expansion.rotation_id,
                    told[0].where,
                    f"{person} is on duty {count} periods in a row ({period_days(expansion, began, last)}), "
                    f"one over {settings.max}: {told[0].reason or vacant} (team told: {told[0].told})",
                    "allowed once: hand the next period to someone else",
                    severity=Severity.WARNING,
                )
                continue
            yield self.finding(
                context,
                expansion.rotation_id,
                assignment.where,
                f"{person} is on duty {count} periods in a row ({period_days(expansion, began, last)}); "
                f"at most {settings.max} allowed",
                f"give the period {expansion.periods[over].day} to someone else",
                settings=settings,
            )
