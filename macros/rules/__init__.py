"""The rotation rules (one module each) and `validate`, which runs references, schedule structure and rules.

`ALL_RULES` is the registry the validator runs, in this order.

Layer 2: may import `macros.model` and `macros.schedule`.
"""

from __future__ import annotations

from macros.rules.base import Context, Rule
from macros.rules.consecutive_needs_reason import ConsecutiveNeedsReasonRule
from macros.rules.coverage import CoverageRule
from macros.rules.cycle_role_split import CycleRoleSplitRule
from macros.rules.eligibility import EligibilityRule
from macros.rules.max_consecutive import MaxConsecutiveRule
from macros.rules.one_role_per_period import OneRolePerPeriodRule
from macros.rules.roster import RosterRule
from macros.rules.team_mix import TeamMixRule
from macros.rules.unavailable import UnavailableRule

ALL_RULES: list[Rule] = [
    RosterRule(),
    EligibilityRule(),
    UnavailableRule(),
    CoverageRule(),
    OneRolePerPeriodRule(),
    MaxConsecutiveRule(),
    ConsecutiveNeedsReasonRule(),
    CycleRoleSplitRule(),
    TeamMixRule(),
]

__all__ = ["ALL_RULES", "Context", "Rule"]
