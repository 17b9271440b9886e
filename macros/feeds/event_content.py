"""One calendar event as plain data, before it is written as iCalendar.

`EventContent` holds everything a feed shows about an event except its revision stamps (`SEQUENCE`,
`LAST-MODIFIED`, `DTSTAMP`): those come from `event_revisions`, which compares `fingerprint`s across the
data's history to find when an event last changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from macros.schedule.expansion import Shift


@dataclass(frozen=True)
class Weekly:
    """A weekly recurrence: every `interval` weeks on `weekday` (two-letter iCalendar code), until a UTC instant."""

    interval: int
    weekday: str
    until: dt.datetime | None = None


@dataclass(frozen=True)
class EventContent:
    uid: str
    summary: str
    description: str
    start: dt.datetime  # UTC
    end: dt.datetime  # UTC
    zone: str  # written as the TZID of start and end
    url: str | None = None
    weekly: Weekly | None = None
    # Duty is "free" time (a week on call must not block the calendar); a meeting is busy.
    free: bool = True
    # What the event is about, to pick the feeds it belongs to. Not written into the event.
    shift: Shift | None = None
    team: str | None = None
    run_of: str | None = None  # the person whose compact feed shows this run of shifts (`runs`)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of everything written into the event: equal fingerprints mean an unchanged event.

        Computed once per event object (a `mkdocs serve` rebuild keeps the objects of unchanged events)."""
        shown = {
            "uid": self.uid,
            "summary": self.summary,
            "description": self.description,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "zone": self.zone,
            "url": self.url,
            "free": self.free,
            "weekly": None
            if self.weekly is None
            else [self.weekly.interval, self.weekly.weekday, self.weekly.until and self.weekly.until.isoformat()],
        }
        return hashlib.sha256(json.dumps(shown, sort_keys=True).encode("utf-8")).hexdigest()
