"""People and teams: a person's file, time off, working hours; a team's meetings."""

from __future__ import annotations

import datetime as dt

import pydantic
import pytest

from macros.model.people_types import Absence, Meeting, Person, WorkingHours

PERSON = {"name": "Ana", "handle": "ana", "team": "core", "timezone": "Europe/Berlin"}
MEETING = {"id": "sync", "title": "Weekly sync", "weekday": "tuesday"}


def test_a_person_reads_and_is_immutable() -> None:
    person = Person.model_validate(PERSON)
    assert person.timezone == "Europe/Berlin"
    assert person.working_hours.start == dt.time(8, 0)
    with pytest.raises(pydantic.ValidationError):
        person.name = "Someone else"  # type: ignore[misc]


def test_an_unknown_key_is_an_error_not_ignored() -> None:
    with pytest.raises(pydantic.ValidationError, match="timzone"):
        Person.model_validate({**PERSON, "timzone": "UTC"})


@pytest.mark.parametrize("picture", ["https://tracker.example/p.png", "../secrets.png"])
def test_a_picture_must_be_a_file_of_the_handbook(picture: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="file of the handbook"):
        Person.model_validate({**PERSON, "picture": picture})


def test_time_off_must_end_after_it_starts() -> None:
    assert Absence.model_validate({"from": "2026-12-01", "until": "2026-12-01"}).end == dt.date(2026, 12, 1)
    with pytest.raises(pydantic.ValidationError, match="swap the two dates"):
        Absence.model_validate({"from": "2026-12-02", "until": "2026-12-01"})


def test_working_hours_default_to_weekdays_and_must_end_after_they_start() -> None:
    assert [day.value for day in WorkingHours().days] == ["monday", "tuesday", "wednesday", "thursday", "friday"]
    with pytest.raises(pydantic.ValidationError, match="ends before it starts"):
        WorkingHours.model_validate({"start": "18:00", "end": "08:00"})


def test_a_meeting_is_in_the_calendar_only_with_time_zone_duration_and_start() -> None:
    assert not Meeting.model_validate(MEETING).in_calendar
    timed = {**MEETING, "time": "10:00", "timezone": "Europe/Berlin", "duration_minutes": 30, "starts": "2026-12-01"}
    assert Meeting.model_validate(timed).in_calendar


def test_a_meeting_time_needs_its_zone_and_its_start_falls_on_its_weekday() -> None:
    with pytest.raises(pydantic.ValidationError, match="together"):
        Meeting.model_validate({**MEETING, "time": "10:00"})
    with pytest.raises(pydantic.ValidationError, match="is a Wednesday, not a tuesday"):
        Meeting.model_validate({**MEETING, "starts": "2026-12-02"})
