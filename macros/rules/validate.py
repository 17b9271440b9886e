"""Running every check on loaded data: references, schedule structure, then the rotation rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from macros.model.findings import Finding, Severity
from macros.model.gc_pause import gc_paused
from macros.model.project import Project
from macros.model.references import check_references
from macros.rules import ALL_RULES, Context
from macros.schedule.expansion import Expansion, expand_all


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    expansions: dict[str, Expansion]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]


def validate(project: Project, now: dt.datetime, earlier: Mapping[str, Expansion] | None = None) -> Report:
    """All findings for `project` as of `now`, sorted by file and line (`earlier`: see `expand_all`)."""
    with gc_paused():
        expansions = expand_all(project, earlier)
        findings = list(project.load_warnings) + check_references(project)
        for expansion in expansions.values():
            findings += expansion.findings
        context = Context(project, expansions, now)
        for rule in ALL_RULES:
            findings += rule.check(context)
    unique = {(f.format()): f for f in findings}
    return Report(sorted(unique.values(), key=Finding.sort_key), expansions)
