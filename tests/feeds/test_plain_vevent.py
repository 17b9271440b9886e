"""The fast path for plain shift events gives exactly icalendar's bytes (a property test over generated events).

The events carry every character TEXT escaping touches, line breaks of every kind, long lines, and 2-, 3- and
4-byte characters, combining marks and emoji pushed onto the fold points by ASCII runs of every length; their
times fall in several zones, in UTC and in the hour a clock goes back (written in UTC).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Event
from icalendar.parser import Contentline

from calendar_fixture import NOW, load_fixture
from macros.feeds import ics_writer
from macros.feeds.calendar_files import feed_files
from macros.feeds.event_content import EventContent, Weekly
from macros.feeds.ics_writer import _moment, _Shared, _vevent
from macros.feeds.plain_vevent import fold, is_plain, plain_vevent
from macros.feeds.revisions import Revision
from macros.feeds.settings import FeedSettings

UTC = dt.UTC
# Deterministic (the same examples in every run, so CI is stable), and quick: a few seconds in all.
PROPERTY = settings(
    max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Every character TEXT escaping or folding treats specially, alone and in the sequences that matter.
SPECIAL = [
    *',;\\:"^\n\r\t éß€中𝄞😀\u00a0\u2028\x85\x0b\x00',
    *["\r\n", "\n\r", "\\n", "\\N", "\\,", "\\;", "^n", "^'", "e\u0301", "👩\u200d💻", "🇩🇪"],
]
_piece = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers(0, 80).map(lambda n: "x" * n),  # moves what follows onto every offset of a fold
    st.builds(lambda text, n: text * n, st.sampled_from(SPECIAL), st.integers(2, 40)),  # runs across a fold
    st.text(max_size=12),  # any character hypothesis thinks of (it leaves surrogates out)
)
texts = st.lists(_piece, max_size=24).map("".join)
ZONES = [
    "UTC",
    "Etc/UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Argentina/Buenos_Aires",
    "Etc/GMT+5",
    "America/St_Johns",
]
# Around clock changes: Berlin and New York going back (ambiguous wall times), Berlin going forward.
_CHANGES = [
    dt.datetime(2026, 10, 25, 1, 0, tzinfo=UTC),
    dt.datetime(2026, 11, 1, 6, 0, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
]
instants = st.one_of(
    st.datetimes(dt.datetime(2019, 1, 1), dt.datetime(2036, 1, 1), timezones=st.just(UTC)),
    st.builds(lambda at, minutes: at + dt.timedelta(minutes=minutes), st.sampled_from(_CHANGES), st.integers(-90, 90)),
)


@st.composite
def plain_events(draw: st.DrawFn) -> tuple[EventContent, Revision]:
    start = draw(instants)
    event = EventContent(
        uid=draw(texts),
        summary=draw(texts),
        description=draw(texts),
        start=start,
        end=start + draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=35))),
        zone=draw(st.sampled_from(ZONES)),
        url=draw(st.none() | texts.map(lambda t: "https://handbook.example.com/" + t)),
        free=draw(st.booleans()),
    )
    stamp = draw(st.datetimes(dt.datetime(2018, 1, 1), dt.datetime(2036, 1, 1), timezones=st.just(UTC)))
    return event, Revision(stamp)


def _icalendar(event: EventContent, revision: Revision) -> _Shared[Event] | ValueError:
    try:
        return _Shared(_vevent(event, revision))
    except ValueError as error:  # a URL with a line break: icalendar refuses it
        return error


@PROPERTY
@given(plain_events())
@example(  # a backslash escape and a 4-byte character both on the first fold
    (
        EventContent(
            "u@x",
            "x" * 64 + "\\,😀" * 3,
            "é" * 80,
            dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
            "Europe/Berlin",
            "https://x/" + "^" * 70,
        ),
        Revision(dt.datetime(2026, 11, 23, 12, tzinfo=UTC)),
    )
)
def test_a_plain_event_is_written_byte_for_byte_as_icalendar_writes_it(case: tuple[EventContent, Revision]) -> None:
    event, revision = case
    start, end = _moment(event.start, event.zone), _moment(event.end, event.zone)
    assert is_plain(event, revision, start, end)
    reference = _icalendar(event, revision)
    if isinstance(reference, ValueError):
        with pytest.raises(type(reference)):
            plain_vevent(event, revision, start, end)
        return
    fast = plain_vevent(event, revision, start, end)
    assert fast.ical == reference.ical
    assert (fast.tzids, fast.time_tzids) == (reference.tzids, reference.time_tzids)


@PROPERTY
@given(texts.map(lambda t: t.replace("\n", "")))
def test_fold_is_icalendars_folding_over_octets(line: str) -> None:
    assert fold(line.encode("utf-8")) == Contentline(line).to_ical()


@pytest.mark.parametrize("prefix", range(60, 78))
@pytest.mark.parametrize("character", ["é", "€", "😀", "\\", "^", "e\u0301"])
def test_fold_at_every_offset_of_the_fold_point(prefix: int, character: str) -> None:
    line = "D" * prefix + character * 3 + "y" * 100
    assert fold(line.encode("utf-8")) == Contentline(line).to_ical()


def test_recurring_events_and_odd_stamps_are_left_to_icalendar() -> None:
    start = dt.datetime(2026, 10, 20, 7, 0, tzinfo=UTC)
    end = start + dt.timedelta(hours=1)
    plain = EventContent("u@x", "S", "D", start, end, "Europe/Berlin")
    stamp = Revision(dt.datetime(2026, 11, 23, 12, tzinfo=UTC))
    assert is_plain(plain, stamp, start, end)
    meeting = EventContent("m@x", "S", "D", start, end, "Europe/Berlin", weekly=Weekly(1, "TU"), free=False)
    assert not is_plain(meeting, stamp, start, end)
    local_stamp = Revision(dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    assert not is_plain(plain, local_stamp, start, end)
    assert not is_plain(plain, stamp, end, start)  # icalendar refuses an end before the start


def test_every_feed_of_a_build_is_the_same_without_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The calendar fixture's feeds (a name that tries to break out of its line, zones across DST changes,
    meetings beside the shifts), written with the fast path and by icalendar alone."""
    project, report = load_fixture()
    settings = FeedSettings(base_url="https://handbook.example.com/")
    ics_writer._latest = ics_writer._Made()  # nothing serialised in memory
    fast = feed_files(project, report.expansions, NOW, settings)
    monkeypatch.setattr(ics_writer, "is_plain", lambda *args: False)
    ics_writer._latest = ics_writer._Made()
    assert feed_files(project, report.expansions, NOW, settings) == fast
