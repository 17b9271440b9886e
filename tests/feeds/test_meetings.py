"""Team meetings as one recurring event per series, in the meeting's own zone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from calendar_fixture import load_fixture
from macros.feeds.event_content import Weekly
from macros.feeds.meetings import recurrence_text, team_meeting_events
from macros.feeds.settings import FeedSettings

UTC = dt.UTC


def test_each_meeting_is_one_weekly_series() -> None:
    project, _ = load_fixture()
    planning, review = team_meeting_events(project, "core", FeedSettings())
    assert planning.uid == "core.meeting.planning@duty-handbook"
    assert planning.summary == "Core: Planning"
    assert (planning.start, planning.end, planning.zone) == (
        dt.datetime(2026, 9, 1, 8, tzinfo=UTC),  # 10:00 Berlin summer time
        dt.datetime(2026, 9, 1, 9, tzinfo=UTC),
        "Europe/Berlin",
    )
    assert planning.weekly == Weekly(1, "TU", None)
    assert planning.free is False  # a meeting makes you busy, unlike a duty week
    assert review.uid == "core.meeting.review@duty-handbook"
    assert review.summary == "Core: Review, retro; and \\ demo"
    assert review.end - review.start == dt.timedelta(minutes=45)


def test_until_covers_the_whole_last_day_in_the_meetings_zone() -> None:
    project, _ = load_fixture()
    review = team_meeting_events(project, "core", FeedSettings())[1]
    # 2027-06-24 ends at midnight New York summer time: 2027-06-25 04:00 UTC, minus one second.
    assert review.weekly == Weekly(2, "TH", dt.datetime(2027, 6, 25, 3, 59, 59, tzinfo=UTC))


def test_the_description_says_when_and_links_the_page_of_the_rotation_the_team_runs() -> None:
    project, _ = load_fixture()
    review = team_meeting_events(project, "core", FeedSettings(base_url="https://duty.example.com"))[1]
    assert review.description == (
        "Review, retro; and \\ demo (Core).\n"
        "Every 2 weeks on Thursday at 16:30 (America/New_York), 45 minutes, from 2026-09-03 until 2027-06-24.\n"
        "\n"
        "Every other week, until the end of June.\n"
        "\n"
        "Handbook: https://duty.example.com/rotations/sustained/"
    )
    assert review.url == "https://duty.example.com/rotations/sustained/"


def test_recurrence_text_for_a_weekly_open_series() -> None:
    project, _ = load_fixture()
    planning = project.teams["core"].meetings[0]
    assert recurrence_text(planning) == "Every week on Tuesday at 10:00 (Europe/Berlin), 60 minutes, from 2026-09-01."


def test_a_meeting_without_a_time_or_first_date_is_not_in_the_feed(tmp_path: Path) -> None:
    from fixture_project import load

    team = """\
        name: Delivery
        meetings:
          - {id: planning, title: Planning, kind: planning, weekday: tuesday, attendees: [the whole team]}
          - id: sync
            title: Release sync
            weekday: thursday
            time: "16:00"
            timezone: Europe/London
            duration_minutes: 45
            starts: 2026-09-03
        """
    project = load(tmp_path, {"data/teams/delivery.yml": team})
    assert [event.uid for event in team_meeting_events(project, "delivery", FeedSettings())] == [
        "delivery.meeting.sync@duty-handbook"
    ]
    untimed = {"data/teams/delivery.yml": team.replace('time: "16:00"', "").replace("timezone: Europe/London", "")}
    assert team_meeting_events(load(tmp_path / "untimed", untimed), "delivery", FeedSettings()) == []
