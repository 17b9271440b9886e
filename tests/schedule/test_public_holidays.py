"""Public holidays come from the `holidays` package, by the person's country, in their own time zone."""

from __future__ import annotations

import datetime as dt

from macros.model.types import Person
from macros.schedule.public_holidays import holiday_spans, holidays_between

UTC = dt.timezone.utc


def _person(country: str | None, zone: str) -> Person:
    return Person.model_validate({"name": "A", "handle": "a", "team": "t", "timezone": zone, "country": country})


def test_national_holidays_in_english() -> None:
    assert holidays_between("DE", dt.date(2026, 12, 24), dt.date(2026, 12, 31)) == [
        (dt.date(2026, 12, 25), "Christmas Day"), (dt.date(2026, 12, 26), "Second Day of Christmas")]
    assert holidays_between(None, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == []
    assert holidays_between("ZZ", dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == []  # unknown: none, no crash


def test_a_holiday_is_the_persons_local_day() -> None:
    person = _person("NZ", "Pacific/Auckland")
    # Christmas Day in Auckland is 2026-12-24 11:00 UTC to 2026-12-25 11:00 UTC.
    spans = holiday_spans(person, dt.datetime(2026, 12, 24, 10, tzinfo=UTC), dt.datetime(2026, 12, 24, 12, tzinfo=UTC))
    assert [(s, e, day, name) for s, e, day, name in spans] == [
        (dt.datetime(2026, 12, 24, 11, tzinfo=UTC), dt.datetime(2026, 12, 25, 11, tzinfo=UTC), dt.date(2026, 12, 25),
         "Christmas Day")]
    before = dt.datetime(2026, 12, 24, 9, tzinfo=UTC), dt.datetime(2026, 12, 24, 11, tzinfo=UTC)
    assert holiday_spans(person, *before) == []
