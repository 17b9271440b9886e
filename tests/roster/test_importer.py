"""Reading an exported on-call calendar into a rotation's schedule (fixture: an export in the usual shapes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.model.loader import load_project
from macros.roster.edits import EditError
from macros.roster.importer import import_schedule, match_person, read_events, write_imported
from macros.roster.yamledit import load_roundtrip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPORT = FIXTURES / "import" / "oncall-export.ics"
PROJECT = FIXTURES / "site-minimal"


def test_summaries_match_by_name_handle_or_id_as_whole_words() -> None:
    project = load_project(PROJECT)
    assert match_person("On call: Ada Example", project) == "ada"
    assert match_person("bo - Primary", project) == "bo"
    assert match_person("Duty (@cy)", project) == "cy"
    assert match_person("Bob Smith", project) is None  # "bo" is not a word of it
    assert match_person("ada and bo swap", project) is None  # two people: ambiguous


def test_events_fill_the_periods_they_overlap_and_unmatched_ones_are_listed() -> None:
    project = load_project(PROJECT)
    events = read_events(EXPORT.read_bytes(), "Europe/Berlin")
    assert len(events) == 4
    imported = import_schedule(project, "ops-duty", "duty", events)
    assert imported.holders == {
        dt.date(2026, 10, 5): "ada",
        dt.date(2026, 10, 12): "bo",
        dt.date(2026, 10, 19): "bo",  # a two-week event fills both weeks
        dt.date(2026, 10, 26): "cy",  # an all-day event, read in the rotation's zone
    }
    assert [event.summary for event in imported.unmatched] == ["On call: Former Colleague"]


def test_imported_periods_are_written_in_date_order_and_replace_a_holder() -> None:
    project = load_project(PROJECT)
    path = PROJECT / "data" / "rotations" / "ops-duty.yml"
    document = load_roundtrip(path.read_text(encoding="utf-8"), "data/rotations/ops-duty.yml")
    events = read_events(EXPORT.read_bytes(), "Europe/Berlin")
    imported = import_schedule(project, "ops-duty", "duty", events)
    imported.holders[dt.date(2026, 11, 9)] = "cy"  # a period the file already has
    assert write_imported(document, "duty", imported) == 5
    starts = [str(period["start"]) for period in document.data["schedule"]]
    assert starts == sorted(starts) and starts[0] == "2026-10-05" and len(starts) == 9
    assert document.data["schedule"][5]["duty"] == "cy"


def test_a_file_that_is_not_a_calendar_is_refused() -> None:
    with pytest.raises(EditError, match="not an iCalendar file"):
        read_events(b"name: not a calendar\n", "UTC")
