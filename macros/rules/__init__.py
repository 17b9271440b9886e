"""The rotation rules. `ALL_RULES` is the registry the validator runs, in this order."""

from __future__ import annotations

from macros.rules.base import Context, Rule

ALL_RULES: list[Rule] = []

__all__ = ["ALL_RULES", "Context", "Rule"]
