"""An event as plain data: its fingerprint changes exactly when something written into the event changes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from macros.feeds.event_content import EventContent, Weekly

UTC = dt.timezone.utc
EVENT = EventContent(
    uid="duty-p3@duty-handbook",
    summary="Duty · On duty: Ana",
    description="Hand-off on Monday at 09:00.",
    start=dt.datetime(2026, 11, 16, 8, 0, tzinfo=UTC),
    end=dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC),
    zone="Europe/Berlin",
)


@pytest.mark.parametrize(
    "change",
    [
        {"summary": "Duty · On duty: Ben"},
        {"description": "Hand-off on Tuesday at 09:00."},
        {"start": dt.datetime(2026, 11, 16, 9, 0, tzinfo=UTC)},
        {"end": dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC)},
        {"zone": "Europe/London"},
        {"url": "https://handbook.example.com/rotations/duty/"},
        {"free": False},
        {"weekly": Weekly(1, "MO")},
        {"uid": "duty-p4@duty-handbook"},
    ],
)
def test_everything_written_into_the_event_changes_the_fingerprint(change: dict[str, object]) -> None:
    assert dataclasses.replace(EVENT, **change).fingerprint != EVENT.fingerprint  # type: ignore[arg-type]


def test_what_only_selects_feeds_does_not_change_it() -> None:
    assert dataclasses.replace(EVENT, team="core").fingerprint == EVENT.fingerprint


def test_a_recurrence_end_changes_it() -> None:
    weekly = dataclasses.replace(EVENT, weekly=Weekly(2, "TU"))
    ending = dataclasses.replace(EVENT, weekly=Weekly(2, "TU", until=dt.datetime(2027, 1, 1, tzinfo=UTC)))
    assert weekly.fingerprint != ending.fingerprint
