"""`validate`: references, schedule structure and every rule, in one sorted report without repeats."""

from __future__ import annotations

from pathlib import Path

from fixture_project import NOW, load
from macros.rules.validate import validate

THREE_IN_A_ROW = """\
    name: Duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    owners: [nobody]
    rules:
      coverage: {horizon_days: 0}
    schedule:
      - start: 2026-11-02
        duty: ana
      - start: 2026-11-09
        duty: ana
      - start: 2026-11-16
        duty: ana
    """


def test_clean_data_gives_an_empty_report_with_every_rotation_expanded(tmp_path: Path) -> None:
    report = validate(load(tmp_path, {}), NOW)
    assert report.findings == [] and report.errors == [] and report.warnings == []
    assert list(report.expansions) == ["duty"]


def test_references_and_rules_are_reported_together_sorted_by_line(tmp_path: Path) -> None:
    report = validate(load(tmp_path, {"data/rotations/duty.yml": THREE_IN_A_ROW}), NOW)
    rules = {f.rule for f in report.findings}
    assert {"reference", "max-consecutive"} <= rules
    lines = [(f.location.path, f.location.line) for f in report.findings]
    assert lines == sorted(lines)
    assert len({f.format() for f in report.findings}) == len(report.findings)  # no finding twice
    assert report.errors and all(f.severity.value == "error" for f in report.errors)
