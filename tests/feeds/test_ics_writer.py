"""The iCalendar files themselves: calendar-level properties, zones, escaping, and four independent parsers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from calendar_fixture import NOW, TRICKY_NAME, load_fixture
from ical_parsers import PARSERS, by_uid, property_names
from macros.feeds import ics_writer
from macros.feeds.calendar_files import all_events, feed_files
from macros.feeds.catalog import Feed
from macros.feeds.event_content import EventContent, Weekly
from macros.feeds.ics_writer import render_feed
from macros.feeds.revisions import Revision
from macros.feeds.settings import FeedSettings

UTC = dt.UTC


@pytest.fixture(scope="module")
def feeds() -> dict[str, bytes]:
    project, report = load_fixture()
    return feed_files(project, report.expansions, NOW, FeedSettings())


@pytest.fixture(scope="module")
def expected() -> dict[str, EventContent]:
    project, report = load_fixture()
    settings = FeedSettings()
    return {e.uid: e for e in all_events(project, report.expansions, settings.window(NOW), settings)}


def lines(data: bytes) -> list[str]:
    """The content lines, unfolded."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def test_calendar_level_properties(feeds: dict[str, bytes]) -> None:
    head = lines(feeds["calendars/rotation/sustained.ics"])
    head = head[: head.index("BEGIN:VTIMEZONE")]
    assert head == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Duty Handbook//Calendar feeds//EN",
        "METHOD:PUBLISH",
        "DESCRIPTION:Every shift of Sustained Engineering\\, all roles. Published by the duty handbook.",
        "X-WR-CALDESC:Every shift of Sustained Engineering\\, all roles. Published by the duty handbook.",
        "NAME:Sustained Engineering",
        "X-WR-CALNAME:Sustained Engineering",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]


def test_no_feed_has_a_calendar_level_uid(feeds: dict[str, bytes]) -> None:
    for path, data in feeds.items():
        assert "UID" not in icalendar.Calendar.from_ical(data), path


def test_events_are_free_time_with_zoned_times(feeds: dict[str, bytes]) -> None:
    event = icalendar.Calendar.from_ical(feeds["calendars/rotation/sustained/lead.ics"]).events[0]
    assert event["TRANSP"] == "TRANSPARENT"
    assert event["X-MICROSOFT-CDO-BUSYSTATUS"] == "FREE"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    meeting = icalendar.Calendar.from_ical(feeds["calendars/team/core.ics"]).events[0]
    assert (meeting["TRANSP"], meeting["X-MICROSOFT-CDO-BUSYSTATUS"]) == ("OPAQUE", "BUSY")


def test_every_zone_in_use_has_a_vtimezone(feeds: dict[str, bytes]) -> None:
    for path, data in feeds.items():
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar.get_missing_tzids() == set(), path
        assert calendar.timezones, path  # even the empty feed carries its zone, so it has a component


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_every_feed_reads_the_same_in_each_parser(
    parser: str, feeds: dict[str, bytes], expected: dict[str, EventContent]
) -> None:
    for path, data in feeds.items():
        events = by_uid(PARSERS[parser](data))
        assert events or path in ("calendars/person/idle.ics", "calendars/person-compact/idle.ics"), (parser, path)
        for uid, parsed in events.items():
            model = expected[uid]
            assert (parsed.start, parsed.end) == (model.start, model.end), (parser, path, uid)
            assert parsed.summary == model.summary, (parser, path, uid)
            assert parsed.description == model.description, (parser, path, uid)


def test_each_feed_holds_exactly_its_events(feeds: dict[str, bytes]) -> None:
    counts = {path: len(icalendar.Calendar.from_ical(data).events) for path, data in feeds.items()}
    assert counts == {
        "calendars/rotation/follow.ics": 77,
        "calendars/rotation/follow/oncall.ics": 77,
        "calendars/rotation/sustained.ics": 62,
        "calendars/rotation/sustained/lead.ics": 12,
        "calendars/rotation/sustained/primary.ics": 26,
        "calendars/rotation/sustained/backup.ics": 24,
        "calendars/person/ana.ics": 12,
        "calendars/person/ben.ics": 13,
        "calendars/person/chloe.ics": 51,
        "calendars/person/dev.ics": 50,
        "calendars/person/idle.ics": 0,
        "calendars/person/zoe.ics": 13,
        # One event per run of consecutive shifts of one role: a week of daily windows is one event, and
        # Ana's twelve lead periods in a row are one.
        "calendars/person-compact/ana.ics": 1,
        "calendars/person-compact/ben.ics": 13,
        "calendars/person-compact/chloe.ics": 17,
        "calendars/person-compact/dev.ics": 18,
        "calendars/person-compact/idle.ics": 0,
        "calendars/person-compact/zoe.ics": 13,
        "calendars/team/core.ics": 2,
    }


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_a_hostile_name_survives_and_adds_nothing(parser: str, feeds: dict[str, bytes]) -> None:
    data = feeds["calendars/person/zoe.ics"]
    events = PARSERS[parser](data)
    assert len(events) == 13
    assert "injected@evil" not in {e.uid for e in events}
    assert {e.summary.split(": ", 1)[1] for e in events} == {TRICKY_NAME}
    assert all(TRICKY_NAME in e.description for e in events)


def test_a_hostile_name_adds_no_property(feeds: dict[str, bytes]) -> None:
    data = feeds["calendars/person/zoe.ics"]
    names = property_names(data)
    assert len(names) == 13
    assert all(n == names[0] for n in names)
    assert names[0] == [
        "DESCRIPTION",
        "DTEND",
        "DTSTAMP",
        "DTSTART",
        "LAST-MODIFIED",
        "SEQUENCE",
        "SUMMARY",
        "TRANSP",
        "UID",
        "X-MICROSOFT-CDO-BUSYSTATUS",
    ]
    # The calendar's name is escaped like any TEXT value (icalendar leaves X- properties escaped when reading).
    escaped = "Zoë\\, Jr.\\; back\\\\slash 🚀\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:injected@evil"
    assert f"X-WR-CALNAME:Duty: {escaped}" in lines(data)
    assert f"NAME:Duty: {escaped}" in lines(data)
    calendar = icalendar.Calendar.from_ical(data)
    assert [c.name for c in calendar.subcomponents].count("VEVENT") == 13


@pytest.mark.parametrize("hour", [0, 1])
def test_an_instant_in_the_repeated_hour_is_written_in_utc(hour: int) -> None:
    # 2026-10-25 00:30 and 01:30 UTC are both 02:30 in Berlin (summer, then winter time). ical.js and libical
    # read a repeated wall time as its second occurrence, RFC 5545 as its first: only UTC is unambiguous.
    second = dt.datetime(2026, 10, 25, hour, 30, tzinfo=UTC)
    event = EventContent("u@x", "Duty · Duty: Ana", "", second, second + dt.timedelta(hours=2), "Europe/Berlin")
    feed = Feed("calendars/x.ics", "rotation", "X", "", "Europe/Berlin")
    data = render_feed(feed, [event], {"u@x": Revision(NOW)}, (dt.date(2026, 10, 1), dt.date(2026, 11, 1)))
    assert f"DTSTART:20261025T0{hour}3000Z" in lines(data)
    assert f"DTEND;TZID=Europe/Berlin:20261025T0{hour + 3}3000" in lines(data)  # an unambiguous wall time
    for parse in PARSERS.values():
        assert [(e.start, e.end) for e in parse(data)] == [(second, second + dt.timedelta(hours=2))]


def test_a_meeting_series_is_one_rule_that_keeps_its_local_time(feeds: dict[str, bytes]) -> None:
    data = feeds["calendars/team/core.ics"]
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270625T035959Z;INTERVAL=2;BYDAY=TH" in lines(data)
    assert "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU" in lines(data)
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    starts = [e.dtstart for e in calendar.timeline_tz(UTC) if e.uid == "core.meeting.review@duty-handbook"]
    review = [start for start in starts if isinstance(start, dt.datetime)]
    assert len(review) == len(starts) == 22
    assert {(start.hour, start.minute) for start in review} == {(16, 30)}  # in New York, summer and winter alike
    assert {start.astimezone(UTC).hour for start in review} == {20, 21}
    assert review[-1].date() == dt.date(2027, 6, 24)


def _whole_calendar(feed: Feed, events: list[EventContent], revisions: dict[str, Revision]) -> bytes:
    """The feed as `Calendar.to_ical()` writes it with every component added: what the splicing must match."""
    dates = (dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    calendar = icalendar.Calendar.from_ical(render_feed(feed, events, revisions, dates))
    return bytes(calendar.to_ical())


def test_spliced_events_are_the_bytes_icalendar_writes_for_the_whole_calendar() -> None:
    # Long, folded, escaped and multi-byte text, a zoned and a UTC event, and a weekly series.
    first = dt.datetime(2026, 10, 20, 7, 0, tzinfo=UTC)
    second = dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    long_text = "Zoë; back\\slash, " + "🚀 folded line " * 12
    series = Weekly(2, "TH", dt.datetime(2027, 6, 25, 3, 59, 59, tzinfo=UTC))
    events = [
        EventContent(
            "a@x", long_text, long_text + "\nsecond line", first, first + dt.timedelta(hours=8), "Europe/Berlin"
        ),
        EventContent("b@x", "UTC start", "", second, second + dt.timedelta(hours=2), "Europe/Berlin", weekly=series),
    ]
    feed = Feed("calendars/x.ics", "rotation", "X, Y", "Long; " * 20, "Europe/Berlin")
    revisions = {"a@x": Revision(NOW), "b@x": Revision(NOW - dt.timedelta(days=3))}
    dates = (dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    assert render_feed(feed, events, revisions, dates) == _whole_calendar(feed, events, revisions)


def test_a_later_writer_reuses_unchanged_events_and_rewrites_changed_ones() -> None:
    start = dt.datetime(2026, 10, 20, 7, 0, tzinfo=UTC)
    event = EventContent("u@x", "Duty · Duty: Ana", "", start, start + dt.timedelta(hours=8), "Europe/Berlin")
    feed = Feed("calendars/x.ics", "rotation", "X", "", "Europe/Berlin")
    dates = (dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    first = ics_writer.FeedWriter({"u@x": Revision(NOW)}, dates)
    before = first.render(feed, [event])
    again = ics_writer.FeedWriter({"u@x": Revision(NOW)}, dates)
    assert again.render(feed, [event]) == before
    assert again.event(event) is first.event(event)  # serialised once, across builds of one process
    renamed = EventContent("u@x", "Duty · Duty: Bo", "", start, start + dt.timedelta(hours=8), "Europe/Berlin")
    changed = ics_writer.FeedWriter({"u@x": Revision(NOW)}, dates)
    assert "SUMMARY:Duty · Duty: Bo" in lines(changed.render(feed, [renamed]))
    revised = ics_writer.FeedWriter({"u@x": Revision(NOW + dt.timedelta(hours=1))}, dates)
    assert "LAST-MODIFIED:20261123T130000Z" in lines(revised.render(feed, [event]))


def test_events_stored_by_one_build_are_spliced_unchanged_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, report = load_fixture()
    path = ics_writer.event_store_path(tmp_path, "test")
    cold = feed_files(project, report.expansions, NOW, FeedSettings(), store=ics_writer.EventStore(path))
    assert path.is_file()
    ics_writer._latest = ics_writer._Made()  # a new process: nothing in memory
    for writer in ("_vevent", "plain_vevent"):  # icalendar, and the fast path for plain shifts
        monkeypatch.setattr(ics_writer, writer, lambda *args: pytest.fail("an unchanged event was serialised again"))
    warm = feed_files(project, report.expansions, NOW, FeedSettings(), store=ics_writer.EventStore(path))
    assert warm == cold
    later = NOW + dt.timedelta(days=1)  # another "now": other events in the window, the same bytes for the rest
    monkeypatch.undo()
    ics_writer._latest = ics_writer._Made()
    assert feed_files(project, report.expansions, later, FeedSettings(), store=ics_writer.EventStore(path)) == (
        feed_files(project, report.expansions, later, FeedSettings())
    )


def test_a_damaged_event_store_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text("{not json")
    assert ics_writer.EventStore(path).known == {}


def test_a_feed_showing_the_same_components_is_not_spliced_again(monkeypatch: pytest.MonkeyPatch) -> None:
    start = dt.datetime(2026, 10, 20, 7, 0, tzinfo=UTC)
    event = EventContent("u@x", "Duty · Duty: Ana", "", start, start + dt.timedelta(hours=8), "Europe/Berlin")
    feed = Feed("calendars/x.ics", "rotation", "X", "", "Europe/Berlin")
    dates = (dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    before = ics_writer.FeedWriter({"u@x": Revision(NOW)}, dates).render(feed, [event])
    with monkeypatch.context() as patched:
        patched.setattr(ics_writer, "_splice", lambda *args: pytest.fail("an unchanged feed was spliced again"))
        assert ics_writer.FeedWriter({"u@x": Revision(NOW)}, dates).render(feed, [event]) is before
    # Another title, other dates or another revision is another feed; each still reads like a fresh one.
    for writer, shown in (
        (ics_writer.FeedWriter({"u@x": Revision(NOW)}, dates), Feed("calendars/x.ics", "rotation", "Y", "", "UTC")),
        (ics_writer.FeedWriter({"u@x": Revision(NOW)}, (dates[0], dt.date(2026, 12, 1))), feed),
        (ics_writer.FeedWriter({"u@x": Revision(NOW + dt.timedelta(hours=1))}, dates), feed),
    ):
        made = writer.render(shown, [event])
        ics_writer._latest = ics_writer._Made()
        assert made == ics_writer.FeedWriter(writer.revisions, writer.dates).render(shown, [event])


def test_a_rebuild_finds_its_events_in_memory_without_reading_the_store(tmp_path: Path) -> None:
    project, report = load_fixture()
    path = ics_writer.event_store_path(tmp_path, "test")
    first = feed_files(project, report.expansions, NOW, FeedSettings(), store=ics_writer.EventStore(path))
    written = path.stat().st_mtime_ns
    store = ics_writer.EventStore(path)
    assert feed_files(project, report.expansions, NOW, FeedSettings(), store=store) == first
    assert store._known is None  # never read: the writer before it saved exactly these events
    assert path.stat().st_mtime_ns == written  # and not written again


def test_a_deferred_save_writes_the_events_only_when_flushed(tmp_path: Path) -> None:
    project, report = load_fixture()
    path = ics_writer.event_store_path(tmp_path, "test")
    ics_writer._latest = ics_writer._Made()
    first = feed_files(project, report.expansions, NOW, FeedSettings(), store=ics_writer.EventStore(path))
    saved = path.read_bytes()
    later = NOW + dt.timedelta(days=40)  # other events in the window: other events to keep
    feed_files(project, report.expansions, later, FeedSettings(), store=ics_writer.EventStore(path), defer_save=True)
    assert path.read_bytes() == saved
    ics_writer.flush()
    assert path.read_bytes() != saved
    ics_writer._latest = ics_writer._Made()  # a new process reads what was flushed
    assert feed_files(project, report.expansions, NOW, FeedSettings(), store=ics_writer.EventStore(path)) == first
    ics_writer.flush()  # nothing pending: nothing happens
