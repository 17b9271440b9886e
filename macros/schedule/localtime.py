"""Turning local wall-clock times of a rotation's zone into instants, with one documented DST policy.

Policy (the same everywhere: schedule, calendars, the now page):
- a local time that does not exist (the clock jumps from 02:00 to 03:00) is moved forward by the
  length of the gap: a 02:30 hand-off on that day happens at 03:30;
- a local time that happens twice (the clock goes back) means its first occurrence.
This is what `zoneinfo` does with `fold=0`, and what most calendar clients do with a TZID time.
All instants leave this module in UTC, because Python compares two datetimes that share a tzinfo
by wall time alone, which is wrong across a DST change.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache, lru_cache

UTC = dt.timezone.utc


@cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


# Schedules ask for the same few hand-off and shift times on the same days over and over (every
# segment, daily window and absence): caching the conversion makes expansion several times faster.
@lru_cache(maxsize=1 << 16)
def instant(day: dt.date, time: dt.time, zone_name: str) -> dt.datetime:
    """The UTC instant of local `day` `time` in `zone_name` (see the module's DST policy)."""
    local = dt.datetime.combine(day, time.replace(tzinfo=None), tzinfo=zone(zone_name))
    return local.astimezone(UTC)


def local_instant(moment: dt.datetime, zone_name: str) -> dt.datetime:
    """A naive local datetime (as written in data files) as a UTC instant; aware ones are just converted."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    return instant(moment.date(), moment.time(), zone_name)


def to_local(moment: dt.datetime, zone_name: str) -> dt.datetime:
    return moment.astimezone(zone(zone_name))


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)
