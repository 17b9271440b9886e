"""Four independent iCalendar parsers behind one interface, for checking the feeds we write.

icalendar (which also writes the feeds), ical (Home Assistant's, pydantic-based), vobject (Radicale's and
many others') and ics (ics.py, a TatSu grammar). Each returns the events as `Parsed` with instants in UTC,
computed by that library from the feed's own TZID and VTIMEZONE, so a wrong VTIMEZONE or a mis-escaped
text shows up as a difference between parsers or from the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import icalendar
import ics  # type: ignore[import-untyped]
import vobject  # type: ignore[import-untyped]
from ical.calendar_stream import IcsCalendarStream

UTC = dt.UTC


@dataclass(frozen=True)
class Parsed:
    uid: str
    summary: str
    description: str
    start: dt.datetime
    end: dt.datetime


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise AssertionError(f"floating time {value}: every time in a feed must name its zone")
        return value.astimezone(UTC)
    raise AssertionError(f"not a date-time: {value!r}")


def with_icalendar(data: bytes) -> list[Parsed]:
    calendar = icalendar.Calendar.from_ical(data)
    return [
        Parsed(str(e["UID"]), str(e["SUMMARY"]), str(e.get("DESCRIPTION", "")), _utc(e.start), _utc(e.end))
        for e in calendar.events
    ]


def with_ical(data: bytes) -> list[Parsed]:
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return [
        Parsed(e.uid or "", e.summary or "", e.description or "", _utc(e.dtstart), _utc(e.dtend))
        for e in calendar.events
    ]


def _forget_vobject_zones() -> None:
    """vobject keeps the first VTIMEZONE it meets for a TZID, for the whole process: forget them all."""
    registry = vars(vobject.icalendar)["__tzidMap"]
    registry.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)


def with_vobject(data: bytes) -> list[Parsed]:
    _forget_vobject_zones()
    calendar = vobject.readOne(data.decode("utf-8"))
    events = getattr(calendar, "vevent_list", [])
    result = []
    for e in events:
        description = e.description.value if hasattr(e, "description") else ""
        result.append(Parsed(e.uid.value, e.summary.value, description, _utc(e.dtstart.value), _utc(e.dtend.value)))
    return result


def with_ics(data: bytes) -> list[Parsed]:
    calendar = ics.Calendar(data.decode("utf-8"))
    return [
        Parsed(e.uid, e.name or "", e.description or "", _utc(e.begin.datetime), _utc(e.end.datetime))
        for e in calendar.events
    ]


PARSERS: dict[str, Callable[[bytes], list[Parsed]]] = {
    "icalendar": with_icalendar,
    "ical": with_ical,
    "vobject": with_vobject,
    "ics": with_ics,
}


def by_uid(events: list[Parsed]) -> dict[str, Parsed]:
    found = {e.uid: e for e in events}
    assert len(found) == len(events), "two events share a UID"
    return found


def property_names(data: bytes, component: str = "VEVENT") -> list[list[str]]:
    """The property names of each `component`, as icalendar reads them (to prove nothing was injected)."""
    calendar = icalendar.Calendar.from_ical(data)
    return [sorted(c.keys()) for c in calendar.walk(component)]
