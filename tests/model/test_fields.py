"""The shared building blocks: strict models, time zones, handles, picture paths, weekdays."""

from __future__ import annotations

import pydantic
import pytest

from macros.model.fields import Ident, Strict, TimeZoneName, Weekday, check_handle, check_local_path


class Sample(Strict):
    id: Ident
    zone: TimeZoneName


def test_a_strict_model_is_immutable_and_refuses_unknown_keys() -> None:
    sample = Sample.model_validate({"id": "a", "zone": "UTC"})
    with pytest.raises(pydantic.ValidationError):
        sample.id = "b"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError, match="zonee"):
        Sample.model_validate({"id": "a", "zone": "UTC", "zonee": "UTC"})


@pytest.mark.parametrize("ident", ["Upper", "-dash-first", "with space", "a" * 65])
def test_an_id_is_lowercase_letters_digits_and_dashes_of_bounded_length(ident: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        Sample.model_validate({"id": ident, "zone": "UTC"})


@pytest.mark.parametrize("zone", ["Mars/Base", "CET1", "Berlin", "Europe/Lisbn", "a/" + "b" * 300])
def test_a_time_zone_must_be_an_iana_name(zone: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="unknown time zone"):
        Sample.model_validate({"id": "a", "zone": zone})


def test_a_misspelt_time_zone_gets_the_closest_name() -> None:
    with pytest.raises(pydantic.ValidationError, match="did you mean 'Europe/Lisbon'"):
        Sample.model_validate({"id": "a", "zone": "Europe/Lisbn"})


def test_utc_is_accepted() -> None:
    assert Sample.model_validate({"id": "a", "zone": "UTC"}).zone == "UTC"


@pytest.mark.parametrize(("handle", "says"), [("@ana", "without the @"), ("ana smith", "not a chat handle")])
def test_a_handle_is_written_without_at_and_without_spaces(handle: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        check_handle(handle)
    assert check_handle("ana.smith_2") == "ana.smith_2"


@pytest.mark.parametrize("picture", ["https://tracker.example/p.png", "/etc/passwd", "../secrets.png", "javascript:x"])
def test_a_picture_must_be_a_file_of_the_handbook(picture: str) -> None:
    with pytest.raises(ValueError, match="file of the handbook"):
        check_local_path(picture)
    assert check_local_path("img/people/ana.png") == "img/people/ana.png"


def test_weekdays_count_from_monday_and_are_written_with_a_capital() -> None:
    assert [day.number for day in Weekday] == list(range(7))
    assert Weekday.monday.day_name == "Monday"
    assert Weekday("sunday").day_name == "Sunday"
