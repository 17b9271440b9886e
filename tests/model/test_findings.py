"""Suggestions for a misspelt word: the closest candidate by a similarity measure, case ignored."""

import zoneinfo

from macros.model.findings import closest, did_you_mean

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
