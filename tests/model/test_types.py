"""The typed model: immutable, no unknown keys, and the checks its field types carry."""

from __future__ import annotations

import pydantic
import pytest

from macros.model.types import DailyShift, Person, Span

PERSON = {"name": "Ana", "handle": "ana", "team": "core", "timezone": "Europe/Berlin"}


def test_a_person_reads_and_is_immutable() -> None:
    person = Person.model_validate(PERSON)
    assert person.timezone == "Europe/Berlin"
    with pytest.raises(pydantic.ValidationError):
        person.name = "Someone else"  # type: ignore[misc]


def test_an_unknown_key_is_an_error_not_ignored() -> None:
    with pytest.raises(pydantic.ValidationError, match="timzone"):
        Person.model_validate({**PERSON, "timzone": "UTC"})


@pytest.mark.parametrize("zone", ["Mars/Base", "CET1", "Berlin", "Europe/Lisbn"])
def test_a_time_zone_must_be_an_iana_name(zone: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=f"unknown time zone '{zone}'"):
        Person.model_validate({**PERSON, "timezone": zone})


def test_a_misspelt_time_zone_gets_the_closest_name() -> None:
    with pytest.raises(pydantic.ValidationError, match="did you mean 'Europe/Lisbon'"):
        Person.model_validate({**PERSON, "timezone": "Europe/Lisbn"})


def test_utc_is_accepted() -> None:
    assert Person.model_validate({**PERSON, "timezone": "UTC"}).timezone == "UTC"


@pytest.mark.parametrize(("handle", "says"), [("@ana", "without the @"), ("ana smith", "not a chat handle")])
def test_a_handle_is_written_without_at_and_without_spaces(handle: str, says: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=says):
        Person.model_validate({**PERSON, "handle": handle})


@pytest.mark.parametrize("picture", ["https://tracker.example/p.png", "/etc/passwd", "../secrets.png", "javascript:x"])
def test_a_picture_must_be_a_file_of_the_handbook(picture: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="file of the handbook"):
        Person.model_validate({**PERSON, "picture": picture})


def test_a_span_counts_weeks_as_seven_days_and_refuses_zero() -> None:
    assert Span(weeks=2, days=1).total_days == 15
    with pytest.raises(pydantic.ValidationError, match="zero"):
        Span(weeks=0, days=0)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        ([], "every day"),
        (["monday", "tuesday", "wednesday", "thursday", "friday"], "Monday to Friday"),
        (["friday", "monday", "wednesday"], "Monday, Wednesday and Friday"),
        (["saturday", "sunday"], "Saturday and Sunday"),
        (["tuesday"], "Tuesday"),
        (["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"], "every day"),
    ],
)
def test_a_daily_shift_says_its_days_in_words(days: list[str], words: str) -> None:
    shift = DailyShift.model_validate({"id": "emea", "title": "EMEA", "start": "09:00", "end": "17:00", "days": days})
    assert shift.runs_on() == words
