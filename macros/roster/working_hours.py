"""Whether a stretch of duty falls in a person's working hours, and which of it is at a weekend.

A daily shift is *in hours* for a person when their working hours (in their own zone) cover at least
half of it, or, for a shift longer than their working day, at least half of their working day. So a
Berlin engineer is in hours for 09:00–18:00 Berlin, a New York engineer for 18:00–09:00 Berlin (12:00
to 03:00 in New York: six of their ten working hours), and neither for the other one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from macros.model.types import Person
from macros.schedule.localtime import add_days, instant, to_local

Span = tuple[dt.datetime, dt.datetime]


def _working_spans(person: Person, start: dt.datetime, end: dt.datetime) -> list[Span]:
    """The person's working hours as UTC instants, on every local day that [start, end) touches."""
    hours = person.working_hours
    days = {day.number for day in hours.days}
    first = to_local(start, person.timezone).date() - dt.timedelta(days=1)
    last = to_local(end, person.timezone).date()
    spans = []
    day = first
    while day <= last:
        if day.weekday() in days:
            spans.append((instant(day, hours.start, person.timezone), instant(day, hours.end, person.timezone)))
        day = add_days(day, 1)
    return spans


def _overlap(a: Span, b: Span) -> float:
    return max(0.0, (min(a[1], b[1]) - max(a[0], b[0])).total_seconds())


def in_hours(person: Person, spans: Sequence[Span]) -> bool:
    """True when the person's working hours cover enough of every stretch in `spans` (see the module text)."""
    hours = person.working_hours
    workday = (dt.datetime.combine(dt.date.min, hours.end) - dt.datetime.combine(dt.date.min, hours.start))
    for span in spans:
        length = (span[1] - span[0]).total_seconds()
        covered = sum(_overlap(span, work) for work in _working_spans(person, *span))
        if 2 * covered < min(length, workday.total_seconds()):
            return False
    return True


def out_of_hours(person: Person, spans: Iterable[Span]) -> int:
    """How many of the stretches fall outside the person's working hours."""
    return sum(not in_hours(person, [span]) for span in spans)


def weekend_days(person: Person, spans: Iterable[Span]) -> set[dt.date]:
    """Local Saturdays and Sundays on which the person is on duty at noon or starts a stretch of duty."""
    found: set[dt.date] = set()
    for start, end in spans:
        first = to_local(start, person.timezone).date()
        if first.weekday() >= 5:
            found.add(first)
        day, last = first, to_local(end, person.timezone).date()
        while day <= last:
            noon = instant(day, dt.time(12, 0), person.timezone)
            if day.weekday() >= 5 and start <= noon < end:
                found.add(day)
            day = add_days(day, 1)
    return found
