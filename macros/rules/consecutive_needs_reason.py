"""`consecutive-needs-reason`: a second (or later) period in a row needs a stated reason.

The team agreed that two periods in a row happen only when unavoidable, so the schedule says why:
`{person: ana-ruiz, reason: ...}` on any of the person's assignments in that period.
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.model.findings import Finding, Severity
from macros.model.types import Rotation, RuleSettings
from macros.rules.base import Context, Rule, period_noun
from macros.rules.slots import period_days, scheduled_by_period, streaks
from macros.schedule.expansion import Expansion


class ConsecutiveNeedsReasonRule(Rule):
    id = "consecutive-needs-reason"
    description = "Someone on duty in two periods in a row gives a `reason:` in the second one."
    severity = Severity.WARNING
    settings_field = "consecutive_needs_reason"

    def in_words(self, rotation: Rotation, settings: RuleSettings) -> str:
        return f"A second {period_noun(rotation)} in a row needs a reason, written in the schedule."

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        by_period = scheduled_by_period(expansion)
        for index, person, began in streaks(expansion):
            if index == began:
                continue
            theirs = [a for a in by_period[index] if a.person == person]
            if any(a.reason for a in theirs):
                continue
            yield self.finding(
                context,
                expansion.rotation_id,
                theirs[0].where,
                f"{person} is on duty {index - began + 1} periods in a row ({period_days(expansion, began, index)}) "
                "with no reason given",
                f"say why with `{{person: {person}, reason: ...}}`, or pick someone else",
                settings=settings,
            )
