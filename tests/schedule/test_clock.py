import datetime as dt

import pytest

from macros.schedule.clock import ClockError, build_time


def test_source_date_epoch_fixes_the_build_time() -> None:
    assert build_time({"SOURCE_DATE_EPOCH": "1795435200"}) == dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)


def test_without_it_the_clock_is_used() -> None:
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    assert before <= build_time({}) <= dt.datetime.now(dt.timezone.utc)


def test_garbage_is_a_clear_error() -> None:
    with pytest.raises(ClockError, match="whole seconds since 1970"):
        build_time({"SOURCE_DATE_EPOCH": "yesterday"})


@pytest.mark.parametrize("value", ["99999999999999", "253402300800", "9" * 400])
def test_out_of_range_is_a_clear_error(value: str) -> None:
    with pytest.raises(ClockError, match="past the year 9000"):
        build_time({"SOURCE_DATE_EPOCH": value})


@pytest.mark.parametrize("value", ["١٧٩٥٤٣٥٢٠٠", "²³", "-1", "1.5"])
def test_only_ascii_digits_are_read(value: str) -> None:
    with pytest.raises(ClockError, match="ASCII digits"):
        build_time({"SOURCE_DATE_EPOCH": value})
