"""Working hours: a daily shift is in hours for someone whose working day covers at least half of it."""

from __future__ import annotations

import datetime as dt

from macros.model.types import Person
from macros.roster.working_hours import in_hours, out_of_hours, weekend_days
from macros.schedule.localtime import instant

BERLIN = "Europe/Berlin"


def person(zone: str, **hours: object) -> Person:
    return Person.model_validate({"name": "P", "handle": "p", "team": "core", "timezone": zone,
                                  **({"working_hours": hours} if hours else {})})


def shift(day: dt.date, start: str, end: str) -> tuple[dt.datetime, dt.datetime]:
    """A daily shift in Berlin time; an end before the start is on the next day."""
    first, last = dt.time.fromisoformat(start), dt.time.fromisoformat(end)
    return instant(day, first, BERLIN), instant(day + dt.timedelta(days=last <= first), last, BERLIN)


MONDAY = dt.date(2027, 3, 1)
EMEA, AMERICAS = shift(MONDAY, "09:00", "18:00"), shift(MONDAY, "18:00", "09:00")


def test_the_emea_shift_is_in_hours_in_berlin_and_not_in_vancouver() -> None:
    assert in_hours(person("Europe/Berlin"), [EMEA])
    assert not in_hours(person("America/Vancouver"), [EMEA])  # 00:00 to 09:00 there
    assert not in_hours(person("America/New_York"), [EMEA])  # 03:00 to 12:00: four of nine hours


def test_the_americas_shift_is_in_hours_in_new_york_and_vancouver_and_not_in_berlin() -> None:
    # 12:00 to 03:00 in New York: six of their ten working hours, more than half a working day.
    assert in_hours(person("America/New_York"), [AMERICAS])
    assert in_hours(person("America/Vancouver"), [AMERICAS])
    assert not in_hours(person("Europe/Berlin"), [AMERICAS])


def test_working_hours_are_per_person_and_working_days_count() -> None:
    night_owl = person("Europe/Berlin", start="16:00", end="23:59")
    assert in_hours(night_owl, [AMERICAS]) and not in_hours(night_owl, [EMEA])
    saturday = shift(dt.date(2027, 3, 6), "09:00", "18:00")
    assert not in_hours(person("Europe/Berlin"), [saturday])
    assert in_hours(person("Europe/Berlin", days=["saturday"]), [saturday])
    assert out_of_hours(person("Europe/Berlin"), [EMEA, saturday, AMERICAS]) == 2


def test_weekend_days_are_the_local_saturdays_and_sundays_on_duty() -> None:
    week = (instant(MONDAY, dt.time(9), BERLIN), instant(MONDAY + dt.timedelta(days=7), dt.time(9), BERLIN))
    assert weekend_days(person(BERLIN), [week]) == {dt.date(2027, 3, 6), dt.date(2027, 3, 7)}
    assert weekend_days(person(BERLIN), [EMEA, AMERICAS]) == set()
