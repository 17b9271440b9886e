"""The compact person feed: one event per run of consecutive shifts of one role."""

from __future__ import annotations

import pytest

from calendar_fixture import load_fixture
from macros.feeds.calendar_files import all_events
from macros.feeds.catalog import compact_feed_path, plan_feeds
from macros.feeds.event_content import EventContent
from macros.feeds.settings import FeedSettings


@pytest.fixture(scope="module")
def events() -> list[EventContent]:
    project, report = load_fixture()
    settings = FeedSettings(base_url="https://duty.example.com/")
    return all_events(project, report.expansions, None, settings)


def test_every_shift_lies_in_exactly_one_run_of_its_person_rotation_and_role(events: list[EventContent]) -> None:
    runs = [e for e in events if e.run_of is not None]
    shifts = [e for e in events if e.shift is not None]
    assert 0 < len(runs) < len(shifts)
    for event in shifts:
        shift = event.shift
        assert shift is not None
        holding = [
            r for r in runs
            if r.run_of == shift.person and r.start <= event.start and event.end <= r.end
            and r.summary.startswith(event.summary)
        ]
        assert len(holding) == 1, event.uid


def test_a_run_starts_with_its_first_shift_and_ends_with_its_last(events: list[EventContent]) -> None:
    by_uid = {e.uid: e for e in events}
    for run in (e for e in events if e.run_of is not None):
        first = by_uid[run.uid.removeprefix("run.")]
        assert first.start == run.start and first.shift is not None and first.shift.person == run.run_of
        assert run.url == first.url and run.description.endswith(f"\nHandbook: {first.url}")


def test_daily_windows_of_a_week_are_one_event_with_the_daily_hours(events: list[EventContent]) -> None:
    daily = [e for e in events if e.run_of is not None and " shift runs " in e.description]
    assert daily
    longest = max(daily, key=lambda e: e.end - e.start)
    assert longest.summary.endswith(" days)")
    assert "runs every day, " in longest.description.splitlines()[2]


def test_a_cover_is_its_own_run(events: list[EventContent]) -> None:
    covers = [e for e in events if e.shift is not None and e.shift.override]
    assert covers
    for cover in covers:
        assert any(r.uid == "run." + cover.uid and r.end == cover.end for r in events)


def test_each_person_gets_a_compact_feed_when_a_rotation_has_daily_shifts(events: list[EventContent]) -> None:
    project, _ = load_fixture()
    compact = [f for f in plan_feeds(project) if f.kind == "compact"]
    assert [f.path for f in compact] == [compact_feed_path(p) for p in project.people]
    for feed in compact:
        assert feed.select(events) == [e for e in events if e.run_of == feed.person]
