"""What every rule shares: it runs on the rotations that enable it, and its settings may change its severity."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fixture_project import NOW, load
from macros.model.findings import Finding, Severity
from macros.model.types import RuleSettings
from macros.rules.base import Context, Rule
from macros.schedule.expansion import Expansion, expand_all


class EveryRotation(Rule):
    """A rule that reports each rotation it is run on, to see which ones the base class hands it."""

    id = "every-rotation"
    description = "reports every rotation"
    settings_field = "roster"

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        yield self.finding(context, expansion.rotation_id, ("name",), "seen", settings=settings)


def run(tmp_path: Path, rules_yaml: str) -> list[Finding]:
    rotation = f"""\
        name: Duty
        period: {{weeks: 1}}
        handoff: {{weekday: monday, time: "09:00", timezone: Europe/Berlin}}
        roles:
          - {{id: duty, title: Duty}}
        rules:
          coverage: {{horizon_days: 0}}
          {rules_yaml}
        schedule:
          - start: 2026-11-16
            duty: ana
        """
    project = load(tmp_path, {"data/rotations/duty.yml": rotation})
    return list(EveryRotation().check(Context(project, expand_all(project), NOW)))


def test_a_rule_runs_with_its_default_severity_where_enabled(tmp_path: Path) -> None:
    found = run(tmp_path, "")
    assert [(f.severity, f.rule, str(f.location)) for f in found] == [
        (Severity.ERROR, "every-rotation", "data/rotations/duty.yml:1:7")
    ]


def test_a_rule_switched_off_does_not_run(tmp_path: Path) -> None:
    assert run(tmp_path, "roster: {enabled: false}") == []


def test_settings_may_lower_the_severity(tmp_path: Path) -> None:
    assert [f.severity for f in run(tmp_path, "roster: {severity: warning}")] == [Severity.WARNING]
