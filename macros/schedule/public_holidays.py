"""Public holidays of a person's country (the `holidays` package), as stretches of their local time.

Only national holidays count: a person's data names a country (`country: DE`), not a region, so a
holiday of one German state is not known here. Names are in English where the package has them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from macros.model.types import Person
from macros.schedule.localtime import add_days, instant

_MIDNIGHT = dt.time(0, 0)


@cache
def _year(country: str, year: int) -> tuple[tuple[dt.date, str], ...]:
    import holidays  # noqa: PLC0415 - imported when a build first needs a holiday (a tenth of a second)

    try:
        calendar = holidays.country_holidays(country, years=year, language="en_US")
    except NotImplementedError:  # a country the package does not know: no holidays rather than a crash
        return ()
    return tuple(sorted((day, str(name)) for day, name in calendar.items()))


def holidays_between(country: str | None, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """The public holidays of `country` from `first` to `last` inclusive, by date."""
    if not country:
        return []
    found = []
    for year in range(first.year, last.year + 1):
        found += [(day, name) for day, name in _year(country, year) if first <= day <= last]
    return found


def holiday_spans(
    person: Person, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime, dt.date, str]]:
    """The person's public holidays that overlap [start, end) (UTC instants), as their local midnight-to-midnight."""
    zone_name = person.timezone
    first = start.astimezone(dt.timezone.utc).date() - dt.timedelta(days=1)
    last = end.astimezone(dt.timezone.utc).date() + dt.timedelta(days=1)
    spans = []
    for day, name in holidays_between(person.country, first, last):
        begins, ends = instant(day, _MIDNIGHT, zone_name), instant(add_days(day, 1), _MIDNIGHT, zone_name)
        if begins < end and start < ends:
            spans.append((begins, ends, day, name))
    return spans
