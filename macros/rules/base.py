"""What every rule shares: the context it reads, its settings, and how it reports a violation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from macros.model.findings import Finding, Severity
from macros.model.project import Project
from macros.model.types import Rotation, RuleSettings
from macros.model.yamldoc import PathKey
from macros.schedule.expansion import Expansion


@dataclass(frozen=True)
class Context:
    """What the rules see: the data, its expansion, and the instant the check is "as of"."""

    project: Project
    expansions: Mapping[str, Expansion]
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return self.now.date()


class Rule:
    """A rule checks every rotation that enables it; subclasses implement `check_rotation`."""

    id: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    # The attribute of `RuleConfig` holding this rule's settings.
    settings_field: ClassVar[str]

    def settings(self, rotation: Rotation) -> RuleSettings | None:
        """The rotation's settings for this rule, or None when the rule is off for it."""
        value = getattr(rotation.rules, self.settings_field)
        if value is None or not value.enabled:
            return None
        return value  # type: ignore[no-any-return]

    def in_words(self, rotation: Rotation, settings: RuleSettings) -> str:
        """The rule as it applies to `rotation`, in a plain sentence (Markdown) for its page.

        Rules with parameters say them; the others read their `description`.
        """
        return self.description

    def effective_severity(self, settings: RuleSettings) -> Severity:
        return Severity(settings.severity) if settings.severity else self.severity

    def check(self, context: Context) -> Iterable[Finding]:
        for expansion in context.expansions.values():
            settings = self.settings(expansion.rotation)
            if settings is not None:
                yield from self.check_rotation(context, expansion, settings)

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        context: Context,
        rotation_id: str,
        where: PathKey,
        message: str,
        hint: str = "",
        *,
        settings: RuleSettings | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding located in the rotation's file; settings may lower or raise its severity."""
        chosen = severity or self.severity
        if settings is not None and settings.severity:
            chosen = Severity(settings.severity)
        location = context.project.rotations.locate(rotation_id, where)
        return Finding(location, chosen, self.id, message, hint)


def period_noun(rotation: Rotation, count: int = 1) -> str:
    """What one period of the rotation is called in a sentence: week, day, or period; plural when count > 1."""
    noun = {7: "week", 1: "day"}.get(rotation.period.total_days, "period")
    return noun if count == 1 else f"{noun}s"
