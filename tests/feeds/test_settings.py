"""What feeds and JSON share: the window of time they cover."""

from __future__ import annotations

import datetime as dt

from macros.feeds.settings import FeedSettings, Window

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_the_window_runs_from_past_days_before_now_to_future_days_after() -> None:
    window = FeedSettings(past_days=30, future_days=365).window(NOW)
    assert window.start == NOW - dt.timedelta(days=30)
    assert window.end == NOW + dt.timedelta(days=365)


def test_an_event_is_in_when_any_part_falls_inside() -> None:
    window = Window(NOW, NOW + dt.timedelta(days=1))
    hour = dt.timedelta(hours=1)
    assert window.overlaps(NOW - hour, NOW + hour)  # starts before, ends inside
    assert window.overlaps(window.end - hour, window.end + hour)  # starts inside, ends after
    assert window.overlaps(NOW - hour, window.end + hour)  # covers the whole window


def test_touching_the_window_is_not_inside_it() -> None:
    window = Window(NOW, NOW + dt.timedelta(days=1))
    assert not window.overlaps(NOW - dt.timedelta(hours=1), NOW)  # ends as the window starts
    assert not window.overlaps(window.end, window.end + dt.timedelta(hours=1))  # starts as it ends
