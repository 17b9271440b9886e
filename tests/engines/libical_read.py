"""Reads iCalendar files with libical, as Evolution does, and prints every event's instants as JSON lines.

Run by Debian's own `/usr/bin/python3`, which has GObject introspection and `gir1.2-ical-3.0` (libical-glib),
not by the project's virtual environment: `libical_read.py YEARS FILE...`. Each line is
`{"file", "uid", "occurrences": [[start, end], ...]}` in Unix seconds; a recurring event is expanded for
YEARS years. `Component.get_dtstart` resolves a TZID through the VTIMEZONEs of the enclosing calendar (the
feed's own), and the recurrence iterator keeps that zone, as when Evolution shows a subscribed feed.
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as ICal  # noqa: E402

YEAR = 366 * 86400
VEVENT = ICal.ComponentKind.VEVENT_COMPONENT
RRULE = ICal.PropertyKind.RRULE_PROPERTY


def seconds(time):
    zone = time.get_timezone()
    if zone is None and not time.is_utc():
        raise SystemExit(f"a floating time: {time.as_ical_string()}")
    return time.as_timet_with_zone(zone if zone is not None else ICal.Timezone.get_utc_timezone())


def occurrences(event, years):
    start, end = event.get_dtstart(), event.get_dtend()
    length = seconds(end) - seconds(start)
    rule = event.get_first_property(RRULE)
    if rule is None:
        return [[seconds(start), seconds(end)]]
    horizon = seconds(start) + years * YEAR
    found = []
    iterator = ICal.RecurIterator.new(rule.get_rrule(), start)
    occurrence = iterator.next()
    while occurrence is not None and not occurrence.is_null_time():
        begin = seconds(occurrence)
        if begin > horizon:
            break
        found.append([begin, begin + length])
        occurrence = iterator.next()
    return found


def main():
    years = int(sys.argv[1])
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            calendar = ICal.Component.new_from_string(handle.read())
        event = calendar.get_first_component(VEVENT)
        while event is not None:
            print(json.dumps({"file": path, "uid": event.get_uid(), "occurrences": occurrences(event, years)}))
            event = calendar.get_next_component(VEVENT)


if __name__ == "__main__":
    main()
