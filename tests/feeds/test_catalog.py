"""Which feeds exist, where they live, and which events each one holds."""

from __future__ import annotations

from calendar_fixture import NOW, TRICKY_NAME, load_fixture
from macros.feeds.calendar_files import all_events
from macros.feeds.catalog import plan_feeds, select_all
from macros.feeds.settings import FeedSettings


def test_every_rotation_role_person_and_meeting_team_has_a_feed() -> None:
    project, _ = load_fixture()
    assert [(f.path, f.kind, f.title) for f in plan_feeds(project)] == [
        ("calendars/rotation/follow.ics", "rotation", "Follow the Sun"),
        ("calendars/rotation/follow/oncall.ics", "role", "Follow the Sun · On call"),
        ("calendars/rotation/sustained.ics", "rotation", "Sustained Engineering"),
        ("calendars/rotation/sustained/lead.ics", "role", "Sustained Engineering · Lead"),
        ("calendars/rotation/sustained/primary.ics", "role", "Sustained Engineering · Primary"),
        ("calendars/rotation/sustained/backup.ics", "role", "Sustained Engineering · Backup"),
        # A rotation has daily shifts: each person also gets the compact feed, right after the exact one.
        ("calendars/person/ana.ics", "person", "Duty: Ana Ruiz"),
        ("calendars/person-compact/ana.ics", "compact", "Duty: Ana Ruiz (compact)"),
        ("calendars/person/ben.ics", "person", "Duty: Ben Okafor"),
        ("calendars/person-compact/ben.ics", "compact", "Duty: Ben Okafor (compact)"),
        ("calendars/person/chloe.ics", "person", "Duty: Chloé Martin"),
        ("calendars/person-compact/chloe.ics", "compact", "Duty: Chloé Martin (compact)"),
        ("calendars/person/dev.ics", "person", "Duty: Dev Patel"),
        ("calendars/person-compact/dev.ics", "compact", "Duty: Dev Patel (compact)"),
        ("calendars/person/idle.ics", "person", "Duty: Ida Lund"),
        ("calendars/person-compact/idle.ics", "compact", "Duty: Ida Lund (compact)"),
        ("calendars/person/zoe.ics", "person", f"Duty: {TRICKY_NAME}"),
        ("calendars/person-compact/zoe.ics", "compact", f"Duty: {TRICKY_NAME} (compact)"),
        # The ops team has no meetings, so no feed.
        ("calendars/team/core.ics", "team", "Core meetings"),
    ]


def test_feeds_select_their_events() -> None:
    project, report = load_fixture()
    settings = FeedSettings()
    events = all_events(project, report.expansions, settings.window(NOW), settings)
    feeds = {f.path: f for f in plan_feeds(project)}
    rotation = feeds["calendars/rotation/sustained.ics"].select(events)
    primary = feeds["calendars/rotation/sustained/primary.ics"].select(events)
    dev = feeds["calendars/person/dev.ics"].select(events)
    assert {e.shift.rotation for e in rotation if e.shift} == {"sustained"} and len(rotation) == 62
    assert {(e.shift.rotation, e.shift.role) for e in primary if e.shift} == {("sustained", "primary")}
    assert {e.shift.rotation for e in dev if e.shift} == {"sustained", "follow"}
    assert all(e.shift is not None and e.shift.person == "dev" for e in dev)
    assert feeds["calendars/person/idle.ics"].select(events) == []
    assert [e.uid for e in feeds["calendars/team/core.ics"].select(events)] == [
        "core.meeting.planning@duty-handbook",
        "core.meeting.review@duty-handbook",
    ]


def test_selecting_for_all_feeds_at_once_is_each_feed_selecting_its_own() -> None:
    project, report = load_fixture()
    settings = FeedSettings()
    events = all_events(project, report.expansions, settings.window(NOW), settings)
    feeds = plan_feeds(project)
    together = select_all(feeds, events)
    assert list(together) == [feed.path for feed in feeds]
    assert all(together[feed.path] == feed.select(events) for feed in feeds)
    assert sum(map(len, together.values())) > len(events)  # an event is in several feeds
