"""Writing a feed as iCalendar bytes with the icalendar library (no hand-made ICS text anywhere).

Calendar level: `NAME` and `X-WR-CALNAME`, `DESCRIPTION` and `X-WR-CALDESC`, `REFRESH-INTERVAL;VALUE=DURATION`
and `X-PUBLISHED-TTL` of one hour, `METHOD:PUBLISH`, and deliberately no calendar `UID` (with one, vdirsyncer
0.19's http storage drops an event). Event level: start and end with the zone's `TZID` and a `VTIMEZONE`
covering just the build's dates, `TRANSP:TRANSPARENT` and `X-MICROSOFT-CDO-BUSYSTATUS:FREE` so a week of duty
does not show as busy (meetings are `OPAQUE`/`BUSY`), and `SEQUENCE`/`LAST-MODIFIED`/`DTSTAMP` from `event_revisions`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from icalendar import TRANSP, Calendar, Event, Timezone, vDuration, vText

from macros.calendar_feeds import Feed
from macros.event_content import EventContent
from macros.event_revisions import Revision
from macros.feed_settings import PRODID, Window
from macros.localtime import local_instant, to_local

REFRESH = dt.timedelta(hours=1)


class FeedError(RuntimeError):
    """A feed would come out wrong (a bug, not a data problem)."""


def _moment(instant: dt.datetime, zone_name: str) -> dt.datetime:
    """The instant in the zone, or in UTC when the zone's wall time would name another instant.

    A client reads an ambiguous wall time (the hour the clock goes back) as its first occurrence; an
    instant in the second occurrence would come out an hour early, so it is written in UTC instead.
    """
    local = to_local(instant, zone_name)
    if local_instant(local.replace(tzinfo=None, fold=0), zone_name) != instant:
        return instant.astimezone(dt.UTC)
    return local


def _vevent(event: EventContent, revision: Revision) -> Event:
    vevent = Event.new(
        uid=event.uid,
        stamp=revision.last_modified,
        last_modified=revision.last_modified,
        sequence=revision.sequence,
        start=_moment(event.start, event.zone),
        end=_moment(event.end, event.zone),
        summary=event.summary,
        description=event.description,
        transparency=TRANSP.TRANSPARENT if event.free else TRANSP.OPAQUE,
        url=event.url,
    )
    if event.weekly is not None:
        rule: dict[str, object] = {"FREQ": "WEEKLY", "INTERVAL": event.weekly.interval, "BYDAY": event.weekly.weekday}
        if event.weekly.until is not None:
            rule["UNTIL"] = event.weekly.until
        vevent.add("RRULE", rule)
    vevent.add("X-MICROSOFT-CDO-BUSYSTATUS", "FREE" if event.free else "BUSY")
    return vevent


def zone_range(events: Sequence[EventContent], window: Window) -> tuple[dt.date, dt.date]:
    """The dates the VTIMEZONEs must cover: every event, and open-ended series up to the window's end.

    A build passes one range, over all its events, to every feed, so each TZID has one definition across the
    feeds: some readers (vobject) keep the first definition of a TZID they meet and apply it to later feeds.
    """
    ends = [e.end for e in events] + [e.weekly.until or window.end for e in events if e.weekly is not None]
    starts = [e.start for e in events] or [window.start]
    day = dt.timedelta(days=1)
    return min(starts).date() - day, max([*ends, window.end]).date() + day


class FeedWriter:
    """Writes the feeds of one build. Each event and each zone becomes a component once, shared by every feed
    that shows it (a person's shift is in the rotation's, the role's and the person's feed).

    VTIMEZONEs are added in TZID order: `Calendar.add_missing_timezones` adds them in the order of a set of
    strings, which changes from one Python process to the next and would make two builds differ. They are
    made by the same `Timezone.from_tzid` it uses, over `dates` (see `zone_range`), and the calendar is then
    checked with `get_missing_tzids()`.
    """

    def __init__(self, revisions: Mapping[str, Revision], dates: tuple[dt.date, dt.date]) -> None:
        self.revisions = revisions
        self.dates = dates
        self._events: dict[str, Event] = {}
        self._zones: dict[str, Timezone] = {}

    def event(self, event: EventContent) -> Event:
        if event.uid not in self._events:
            self._events[event.uid] = _vevent(event, self.revisions[event.uid])
        return self._events[event.uid]

    def zone(self, tzid: str) -> Timezone:
        if tzid not in self._zones:
            first, last = self.dates
            self._zones[tzid] = Timezone.from_tzid(tzid, first_date=first, last_date=last)
        return self._zones[tzid]

    def render(self, feed: Feed, events: Sequence[EventContent]) -> bytes:
        """The feed as iCalendar bytes."""
        calendar = Calendar.new(refresh_interval=REFRESH, method="PUBLISH", prodid=PRODID)
        del calendar["UID"]
        # Calendar.new(name=…) writes NAME and the X-WR-* twins without TEXT escaping: a comma, semicolon or
        # line break in a person's name would corrupt the line. Written as vText they are escaped like SUMMARY.
        for name, value in (("NAME", feed.title), ("X-WR-CALNAME", feed.title)):
            calendar.add(name, vText(value))
        for name, value in (("DESCRIPTION", feed.description), ("X-WR-CALDESC", feed.description)):
            calendar.add(name, vText(value))
        calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
        components = [self.event(event) for event in events]
        tzids = {c[name].params.get("TZID") for c in components for name in ("DTSTART", "DTEND")} - {None}
        # RFC 5545 wants at least one component: an empty feed carries its own zone.
        for tzid in sorted(tzids or {feed.zone}):
            calendar.add_component(self.zone(tzid))
        for component in components:
            calendar.add_component(component)
        missing = calendar.get_missing_tzids()
        if missing:
            raise FeedError(f"{feed.path}: no VTIMEZONE for {', '.join(sorted(missing))}")
        written: bytes = calendar.to_ical()
        return written


def render_feed(
    feed: Feed, events: Sequence[EventContent], revisions: Mapping[str, Revision], dates: tuple[dt.date, dt.date]
) -> bytes:
    """One feed as iCalendar bytes (see `FeedWriter`, which a build uses to share work between feeds)."""
    return FeedWriter(revisions, dates).render(feed, events)
