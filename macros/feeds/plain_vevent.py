"""Plain shift events written straight to bytes, exactly as icalendar writes them: the feeds' fast path.

icalendar stays the reference and writes every event that is not plain (`ics_writer._vevent`): meetings with
their recurrence rule, and anything unusual. A cold build spends most of its feed time in icalendar's
`Component.to_ical` for the plain shifts: it builds a property object per value, then folds every content
line character by character (encoding each character to count its octets). A plain shift always has the
same properties, so here each value is still written by icalendar's own types (`vText` escapes the text,
`vDDDTypes` writes the times and their `TZID`, `vUri`, `vInt`), in the order icalendar sorts them, and only
the folding is done differently: over the line's octets at once, with the same result (`fold`).

`tests/feeds/test_plain_vevent.py` checks the bytes against icalendar's over generated events (every
character TEXT escapes, line breaks, long lines, multi-byte characters at the fold points, several zones
and UTC). `ics_writer.EventStore` keys its file by icalendar's version, so an upgrade starts afresh, and the
property test says whether the fast path still matches it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from icalendar import Event, vDDDTypes, vInt, vText, vUri
from icalendar.caselessdict import canonsort_keys

from macros.feeds.event_content import EventContent
from macros.feeds.revisions import Revision

# icalendar folds a content line before the character that would bring it to 75 octets, so every line is at
# most 74 octets (a continuation line 75 with its leading space) and no UTF-8 character is split.
_LIMIT = 75
_FOLD = b"\r\n "
# A folded line does not end in a backslash or a caret (the first character of a TEXT escape or of an
# RFC 6868 parameter escape): icalendar moves it to the next line (its `_foldline`, issue #1501).
_ESCAPE_STARTS = frozenset(b"\\^")


@dataclass(frozen=True)
class SerialisedEvent:
    """One VEVENT's bytes (each content line folded, ending in CRLF) and the TZIDs it names.

    `tzids`: every TZID its properties name (as `Calendar.get_used_tzids` finds them); `time_tzids`: the
    zones its start and end are written in, each needing a VTIMEZONE in the feed.
    """

    ical: bytes
    tzids: frozenset[str]
    time_tzids: frozenset[str]


def fold(line: bytes) -> bytes:
    """The UTF-8 content line folded as icalendar's `_foldline` folds it (which works on characters).

    The same rule over octets: each piece is the longest run of whole characters under 75 octets; a piece
    that would end in `\\` or `^` gives that character to the next piece. (icalendar keeps it when the piece
    holds only that one character, which cannot happen: a piece is at least 71 octets, as a character has
    at most 4.) Both bytes are ASCII, so they never occur inside a multi-byte character.
    """
    if len(line) < _LIMIT:  # most lines: nothing to fold
        return line
    pieces: list[bytes] = []
    start = 0
    while len(line) - start >= _LIMIT:
        end = start + _LIMIT - 1
        while line[end] & 0xC0 == 0x80:  # a continuation octet: the character starts earlier
            end -= 1
        if line[end - 1] in _ESCAPE_STARTS:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return _FOLD.join(pieces)


# The properties of a plain shift event, in the order icalendar writes them (`Component.sorted_keys`:
# its canonical order first, the rest alphabetically). URL is left out when the event has none.
_ORDER = tuple(
    canonsort_keys(
        [
            "UID",
            "DTSTAMP",
            "LAST-MODIFIED",
            "SEQUENCE",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "TRANSP",
            "URL",
            "X-MICROSOFT-CDO-BUSYSTATUS",
        ],
        Event.canonical_order,
    )
)
# Values that are tokens: no escaping, no folding.
_TRANSP = {True: b"TRANSPARENT", False: b"OPAQUE"}
_BUSY = {True: b"FREE", False: b"BUSY"}


def is_plain(event: EventContent, revision: Revision, start: dt.datetime, end: dt.datetime) -> bool:
    """Whether the fast path writes this event: no recurrence, stamps in UTC, start not after end.

    icalendar converts a stamp to UTC and refuses an end before the start: such events, however unlikely,
    go to icalendar, which does or says exactly that.
    """
    return event.weekly is None and revision.last_modified.tzinfo is dt.UTC and start <= end


@functools.lru_cache(maxsize=4096)
def _stamp(last_modified: dt.datetime) -> bytes:
    """DTSTAMP and LAST-MODIFIED's value: most events of a build share a few stamps."""
    return bytes(vDDDTypes(last_modified).to_ical())


@functools.lru_cache(maxsize=256)
def _sequence(sequence: int) -> bytes:
    return bytes(vInt(sequence).to_ical())


@functools.lru_cache(maxsize=256)
def _time_prefix(name: str, params: bytes) -> bytes:
    return f"{name};".encode() + params + b":" if params else f"{name}:".encode()


def _time(name: str, moment: dt.datetime) -> tuple[bytes, str | None]:
    """A DTSTART or DTEND line, and the TZID it names (None for UTC)."""
    return _time_in(name, moment, moment.tzinfo)


# Keyed by the zone too: aware datetimes in different zones are equal when they name the same instant, and
# then one's line is not the other's. One zone's equal datetimes have the same wall time, so the same line.
# Shifts share their bounds (one ends as the next starts, several roles change hands together).
@functools.lru_cache(maxsize=4096)
def _time_in(name: str, moment: dt.datetime, zone: dt.tzinfo | None) -> tuple[bytes, str | None]:
    value = vDDDTypes(moment)
    tzid = value.params.get("TZID")
    params = bytes(value.params.to_ical()) if value.params else b""
    return _time_prefix(name, params) + bytes(value.to_ical()), None if tzid is None else str(tzid)


def _text(name: bytes, value: str) -> bytes:
    return name + bytes(vText(value).to_ical())


def plain_vevent(event: EventContent, revision: Revision, start: dt.datetime, end: dt.datetime) -> SerialisedEvent:
    """The event's VEVENT as icalendar writes it, for a plain event (`is_plain`), with `start` and `end`
    the moments to write (in the event's zone or in UTC, as `ics_writer` chooses them)."""
    stamp = _stamp(revision.last_modified)
    start_line, start_tzid = _time("DTSTART", start)
    end_line, end_tzid = _time("DTEND", end)
    lines = {
        "UID": _text(b"UID:", event.uid),
        "DTSTAMP": b"DTSTAMP:" + stamp,
        "LAST-MODIFIED": b"LAST-MODIFIED:" + stamp,
        "SEQUENCE": b"SEQUENCE:" + _sequence(revision.sequence),
        "DTSTART": start_line,
        "DTEND": end_line,
        "SUMMARY": _text(b"SUMMARY:", event.summary),
        "DESCRIPTION": _text(b"DESCRIPTION:", event.description),
        "TRANSP": b"TRANSP:" + _TRANSP[event.free],
        "X-MICROSOFT-CDO-BUSYSTATUS": b"X-MICROSOFT-CDO-BUSYSTATUS:" + _BUSY[event.free],
    }
    if event.url is not None:
        lines["URL"] = b"URL:" + bytes(vUri(event.url).to_ical())
    body = b"".join(fold(lines[name]) + b"\r\n" for name in _ORDER if name in lines)
    tzids = frozenset(tzid for tzid in (start_tzid, end_tzid) if tzid is not None)
    return SerialisedEvent(b"BEGIN:VEVENT\r\n" + body + b"END:VEVENT\r\n", tzids, tzids)
