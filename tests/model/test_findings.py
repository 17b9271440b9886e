"""Findings: one line each, pinned to a place, sorted by file and line.

Suggestions for a misspelt word: the closest candidate by a similarity measure, case ignored."""

from __future__ import annotations

import zoneinfo

from macros.model.findings import DataError, Finding, Location, Severity, closest, did_you_mean


def test_a_location_reads_as_editors_count() -> None:
    assert str(Location("data/people/ana.yml", 3, 7)) == "data/people/ana.yml:3:7"
    assert str(Location("data/people/ana.yml")) == "data/people/ana.yml"


def test_a_finding_is_one_line_even_when_the_data_holds_line_breaks() -> None:
    finding = Finding(Location("data/teams/x.yml", 2, 1), Severity.ERROR, "schema", "bad 'a\nb\u2028c'", "fix it")
    text = finding.format()
    assert text == "data/teams/x.yml:2:1: error[schema]: bad 'a\\nb\\u2028c' (fix it)"
    assert len(text.splitlines()) == 1


def test_no_hint_means_no_parentheses() -> None:
    finding = Finding(Location("data/x.yml", 1, 1), Severity.WARNING, "coverage", "thin")
    assert finding.format() == "data/x.yml:1:1: warning[coverage]: thin"


def test_a_data_error_lists_its_findings_in_file_and_line_order() -> None:
    late = Finding(Location("data/b.yml", 9, 1), Severity.ERROR, "schema", "late")
    early = Finding(Location("data/b.yml", 2, 5), Severity.ERROR, "schema", "early")
    other = Finding(Location("data/a.yml", 30, 1), Severity.ERROR, "schema", "other file")
    error = DataError([late, early, other])
    assert [f.message for f in error.findings] == ["other file", "early", "late"]
    assert str(error).splitlines()[0].startswith("data/a.yml:30:1")


def test_as_dict_carries_every_part() -> None:
    finding = Finding(Location("data/x.yml", 4, 2), Severity.ERROR, "roster", "m", "h")
    assert finding.as_dict() == {
        "path": "data/x.yml", "line": 4, "column": 2, "severity": "error", "rule": "roster", "message": "m", "hint": "h"
    }


def test_did_you_mean_names_a_close_spelling() -> None:
    assert "'primary'" in did_you_mean("primery", ["primary", "backup", "lead"])


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def test_capitalised_misspelling_finds_the_right_weekday() -> None:
    assert did_you_mean("Munday", WEEKDAYS) == "did you mean 'monday'?"
    assert did_you_mean("wendsday", WEEKDAYS) == "did you mean 'wednesday'?"


def test_time_zone_with_a_missing_letter_is_found_among_all_zones() -> None:
    zones = zoneinfo.available_timezones()
    assert closest("Europe/Lisbn", zones) == "Europe/Lisbon"
    assert closest("america/new_york", zones) == "America/New_York"


def test_nothing_close_lists_the_candidates() -> None:
    assert closest("zzz", WEEKDAYS) is None
    assert did_you_mean("zzz", ["b", "a"]) == "expected one of: a, b"
    assert did_you_mean("zzz", []) == "none are defined"
