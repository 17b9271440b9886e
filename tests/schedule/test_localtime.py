"""The DST policy: a local time that does not exist moves forward by the gap; one that happens twice means
its first occurrence; every instant leaves the module in UTC."""

from __future__ import annotations

import datetime as dt

from macros.schedule.localtime import UTC, add_days, instant, local_instant, to_local


def test_an_ordinary_local_time() -> None:
    assert instant(dt.date(2026, 7, 1), dt.time(9, 0), "Europe/Berlin") == dt.datetime(2026, 7, 1, 7, 0, tzinfo=UTC)


def test_a_time_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # Berlin jumps from 02:00 CET to 03:00 CEST on 2027-03-28: 02:30 happens at 03:30 CEST = 01:30 UTC.
    assert instant(dt.date(2027, 3, 28), dt.time(2, 30), "Europe/Berlin") == dt.datetime(
        2027, 3, 28, 1, 30, tzinfo=UTC
    )


def test_a_time_that_happens_twice_means_the_first_occurrence() -> None:
    # Berlin goes back from 03:00 CEST to 02:00 CET on 2026-10-25: 02:30 first happens in CEST (UTC+2).
    assert instant(dt.date(2026, 10, 25), dt.time(2, 30), "Europe/Berlin") == dt.datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )


def test_the_southern_hemisphere_changes_the_other_way() -> None:
    summer = instant(dt.date(2027, 1, 4), dt.time(9, 0), "Australia/Sydney")
    winter = instant(dt.date(2027, 7, 5), dt.time(9, 0), "Australia/Sydney")
    assert (summer.hour, winter.hour) == (22, 23)  # UTC+11 in January, UTC+10 in July


def test_local_instant_reads_naive_as_local_and_converts_aware() -> None:
    naive = dt.datetime(2026, 12, 1, 9, 0)
    assert local_instant(naive, "America/New_York") == dt.datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    aware = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert local_instant(aware, "America/New_York") == dt.datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert local_instant(aware, "America/New_York").tzinfo is UTC


def test_to_local_keeps_the_instant() -> None:
    moment = dt.datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    local = to_local(moment, "Asia/Kolkata")
    assert (local.hour, local.minute) == (19, 30) and local == moment


def test_add_days_crosses_months_and_years() -> None:
    assert add_days(dt.date(2026, 12, 30), 3) == dt.date(2027, 1, 2)
    assert add_days(dt.date(2028, 3, 1), -1) == dt.date(2028, 2, 29)
