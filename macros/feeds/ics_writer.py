"""Writing a feed as iCalendar bytes with the icalendar library.

icalendar writes the calendars, the zones and every event that is not a plain shift (meetings and their
recurrence). Plain shifts, most of a build's events, are written by `plain_vevent`: the same bytes, proved
by a property test against icalendar's, with icalendar's own value types, but without its slow folding.

Calendar level: `NAME` and `X-WR-CALNAME`, `DESCRIPTION` and `X-WR-CALDESC`, `REFRESH-INTERVAL;VALUE=DURATION`
and `X-PUBLISHED-TTL` of one hour, `METHOD:PUBLISH`, and deliberately no calendar `UID` (with one, vdirsyncer
0.19's http storage drops an event). Event level: start and end with the zone's `TZID` and a `VTIMEZONE`
of yearly rules from before the build's first date on, without end (`vtimezone`), `TRANSP:TRANSPARENT` and
`X-MICROSOFT-CDO-BUSYSTATUS:FREE` so a week of duty does not show as busy (meetings are `OPAQUE`/`BUSY`), and
`SEQUENCE`/`LAST-MODIFIED`/`DTSTAMP` from `event_revisions`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

import icalendar
from icalendar import TRANSP, Calendar, Component, Event, Timezone, vDuration, vText
from icalendar.parser import Contentlines

from macros.feeds.catalog import Feed
from macros.feeds.event_content import EventContent
from macros.feeds.plain_vevent import SerialisedEvent, is_plain, plain_vevent
from macros.feeds.revisions import Revision
from macros.feeds.settings import PRODID, Window
from macros.feeds.vtimezone import vtimezone
from macros.model.reuse import same
from macros.schedule.localtime import to_local

REFRESH = dt.timedelta(hours=1)
C_co = TypeVar("C_co", bound=Component, covariant=True)


class FeedError(RuntimeError):
    """A feed would come out wrong (a bug, not a data problem)."""


def _moment(instant: dt.datetime, zone_name: str) -> dt.datetime:
    """The instant in the zone, or in UTC when its wall time is ambiguous (the hour the clock goes back).

    RFC 5545 says an ambiguous wall time means its first occurrence, but ical.js and libical both read the
    second (the engine tests showed it): a wall time there names no single instant across clients, UTC does.
    """
    local = to_local(instant, zone_name)
    # The two readings of the wall time differ only in a repeated hour (`to_local` never gives a skipped one).
    if local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset():
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


class _Shared(Generic[C_co]):
    """One event or zone component of a build, serialised once by icalendar however many feeds show it.

    `Component.to_ical` folds each content line on its own and ends every line with CRLF, so a calendar's
    bytes are its own lines up to `END:VCALENDAR`, then each subcomponent's `to_ical()`, in order, then
    `END:VCALENDAR`: splicing these cached bytes gives exactly what `to_ical` of the whole calendar gives.
    The component must not change after it is shared.
    """

    def __init__(self, component: C_co) -> None:
        self.component = component
        self.ical: bytes = component.to_ical()
        # The TZIDs the component's properties name, found as `Calendar.get_used_tzids` finds them.
        holder = Calendar()
        holder.add_component(component)
        self.tzids: frozenset[str] = frozenset(holder.get_used_tzids())
        # The zones its start and end are written in (each needs a VTIMEZONE in the feed).
        self.time_tzids: frozenset[str] = frozenset(
            str(component[name].params["TZID"])
            for name in ("DTSTART", "DTEND")
            if name in component and "TZID" in component[name].params
        )


class EventStore:
    """Serialised events kept between builds in one file, by a digest of everything written into them.

    Serialising is the slow part of writing feeds (icalendar folds each line character by character, and
    even the fast path for plain shifts escapes every text); an event that did not change since the last
    build, in content or in stamps, is spliced from here instead. The file holds the events of
    the last build only, so it never grows beyond one build's events. Its name carries the version of
    icalendar and of our code, so an upgrade starts afresh; a file that cannot be read is ignored.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[str, _Shared[Event] | SerialisedEvent] | None = None

    @property
    def known(self) -> dict[str, _Shared[Event] | SerialisedEvent]:
        """The events in the file, read on first use; after `save`, what was saved (not read again)."""
        if self._known is None:
            try:
                stored = json.loads(self.path.read_bytes())
                self._known = {
                    key: SerialisedEvent(text.encode("utf-8"), frozenset(tzids), frozenset(time_tzids))
                    for key, (text, tzids, time_tzids) in stored.items()
                }
            except (OSError, ValueError, TypeError):
                self._known = {}
        return self._known

    def save(self, events: Mapping[str, _Shared[Event] | SerialisedEvent]) -> bool:
        """Replace the file's events by `events`; whether that worked."""
        table = {
            key: [made.ical.decode("utf-8"), sorted(made.tzids), sorted(made.time_tzids)]
            for key, made in events.items()
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, suffix=".tmp", delete=False) as out:
                json.dump(table, out, separators=(",", ":"), sort_keys=True)
            os.replace(out.name, self.path)
        except OSError:
            return False
        self._known = dict(events)
        return True


def event_store_path(folder: Path, code_version: str) -> Path:
    return folder / "events" / f"icalendar-{icalendar.__version__}-{code_version}.json"


def _splice(calendar: Calendar, shared: Sequence[_Shared[Component] | SerialisedEvent]) -> bytes:
    """`calendar.to_ical()` as if `shared` were its subcomponents (see `_Shared`); `calendar` has none."""
    lines = calendar.content_lines()  # BEGIN:VCALENDAR, properties, END:VCALENDAR, "" (the final CRLF)
    head = Contentlines(lines[:-2]).to_ical()  # each line folded, each ending in CRLF
    tail = Contentlines(lines[-2:]).to_ical()
    return b"".join([head, *(s.ical for s in shared), tail])


@dataclass
class _Made:
    """The shared components one writer made, by everything written into them."""

    events: dict[str, _Shared[Event] | SerialisedEvent] = field(default_factory=dict)
    zones: dict[tuple[str, tuple[dt.date, dt.date]], _Shared[Timezone]] = field(default_factory=dict)
    # id(event) → (the event, its revision, its key): an event object kept by the next build is not hashed again.
    keys: dict[int, tuple[EventContent, Revision, str]] = field(default_factory=dict)
    # Feed path → (what the feed shows, its bytes): a feed showing the very same components is not spliced again.
    feeds: dict[str, tuple[tuple[object, ...], bytes]] = field(default_factory=dict)
    # The writer's store: the next writer with the same file uses it, and reads the file at most once.
    store: EventStore | None = None


# What the latest writer made: the next one (a `mkdocs serve` rebuild in the same process) serialises again
# only the events and zones that changed, and splices again only the feeds whose components changed. Each
# writer replaces it, so it holds one build's components at most.
_latest = _Made()
# Events a writer kept in memory instead of saving them (`save(defer=True)`), for `flush()`.
_unsaved: tuple[EventStore, dict[str, _Shared[Event] | SerialisedEvent]] | None = None


def flush() -> None:
    """Save the events the last writer deferred saving (see `FeedWriter.save`), if any."""
    global _unsaved
    if _unsaved is not None:
        store, events = _unsaved
        _unsaved = None
        store.save(events)


class FeedWriter:
    """Writes the feeds of one build. Each event and each zone becomes a component once, shared by every feed
    that shows it (a person's shift is in the rotation's, the role's and the person's feed), and is
    serialised once (`_Shared`): most of a build's feed bytes are events repeated across feeds.

    VTIMEZONEs are added in TZID order, so two builds are byte-identical. They are made by `vtimezone` from
    the first of `dates` (see `zone_range`) on, not by `Calendar.add_missing_timezones` (its RDATE-list shape
    is misread by ical.js and Outlook), and the feed is then checked as `get_missing_tzids()` would check it.
    """

    def __init__(
        self, revisions: Mapping[str, Revision], dates: tuple[dt.date, dt.date], store: EventStore | None = None
    ) -> None:
        global _latest
        self.revisions = revisions
        self.dates = dates
        if store is not None and _latest.store is not None and _latest.store.path == store.path:
            store = _latest.store  # the same file: what it holds is known already
        self.store = store
        self._events: dict[str, _Shared[Event] | SerialisedEvent] = {}
        self._zones: dict[str, _Shared[Timezone]] = {}
        self._earlier, self._made = _latest, _Made(store=store)
        # The zones stay with the build's dates (a feed whose bytes are kept asks for none of them).
        self._made.zones = {key: zone for key, zone in self._earlier.zones.items() if key[1] == dates}
        _latest = self._made

    def _key(self, event: EventContent, revision: Revision) -> str:
        kept = self._earlier.keys.get(id(event))
        if kept is not None and kept[0] is event and kept[1] == revision:
            key = kept[2]
        else:
            # Everything `_vevent` writes, tzinfo included (`repr`, unlike `==`, tells UTC from a +00:00 zone).
            shown = f"{replace(event, shift=None, team=None, run_of=None)!r}\0{revision!r}"
            key = hashlib.sha256(shown.encode("utf-8")).hexdigest()
        self._made.keys[id(event)] = (event, revision, key)
        return key

    def event(self, event: EventContent) -> _Shared[Event] | SerialisedEvent:
        if event.uid not in self._events:
            revision = self.revisions[event.uid]
            key = self._key(event, revision)
            made = self._earlier.events.get(key)
            if made is None and self.store is not None:
                made = self.store.known.get(key)
            if made is None:
                start, end = _moment(event.start, event.zone), _moment(event.end, event.zone)
                # A plain shift is written by the fast path, byte for byte what icalendar writes; the rest by
                # icalendar itself.
                if is_plain(event, revision, start, end):
                    made = plain_vevent(event, revision, start, end)
                else:
                    made = _Shared(_vevent(event, revision))
            self._events[event.uid] = self._made.events[key] = made
        return self._events[event.uid]

    def save(self, defer: bool = False) -> None:
        """Keep this build's serialised events for the next process's build (when the writer has a store).

        With `defer`, they are only noted, and `flush()` saves them: a `mkdocs serve` rebuild finds its
        events in memory, and need not spend time writing a file only the next process reads."""
        global _unsaved
        if self.store is None:
            return
        _unsaved = None
        if self._made.events.keys() == self.store.known.keys():
            return
        if defer:
            _unsaved = (self.store, self._made.events)
        else:
            self.store.save(self._made.events)

    def zone(self, tzid: str) -> _Shared[Timezone]:
        if tzid not in self._zones:
            key = (tzid, self.dates)
            made = self._earlier.zones.get(key)
            if made is None:
                made = _Shared(vtimezone(tzid, anchor=self.dates[0]))
            self._zones[tzid] = self._made.zones[key] = made
        return self._zones[tzid]

    def render(self, feed: Feed, events: Sequence[EventContent]) -> bytes:
        """The feed as iCalendar bytes (the last build's bytes when it showed the very same components)."""
        shared = [self.event(event) for event in events]
        shown = (feed.title, feed.description, feed.zone, self.dates, *shared)
        kept = self._earlier.feeds.get(feed.path)
        made = kept[1] if kept is not None and same(kept[0], shown) else self._render(feed, shared)
        self._made.feeds[feed.path] = (shown, made)
        return made

    def _render(self, feed: Feed, shared: Sequence[_Shared[Event] | SerialisedEvent]) -> bytes:
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
        tzids = set().union(*(c.time_tzids for c in shared))
        # RFC 5545 wants at least one component: an empty feed carries its own zone.
        zones = [self.zone(tzid) for tzid in sorted(tzids or {feed.zone})]
        used = calendar.get_used_tzids().union(*(c.tzids for c in [*zones, *shared])) - {"UTC"}
        missing = used - {zone.component.tz_name for zone in zones}
        if missing:
            raise FeedError(f"{feed.path}: no VTIMEZONE for {', '.join(sorted(missing))}")
        return _splice(calendar, [*zones, *shared])


def render_feed(
    feed: Feed, events: Sequence[EventContent], revisions: Mapping[str, Revision], dates: tuple[dt.date, dt.date]
) -> bytes:
    """One feed as iCalendar bytes (see `FeedWriter`, which a build uses to share work between feeds)."""
    return FeedWriter(revisions, dates).render(feed, events)
