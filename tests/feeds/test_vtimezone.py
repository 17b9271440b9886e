"""The VTIMEZONE shape: yearly rules where the zone has them, one block per change where it has not.

Whether clients read the shape right is `tests/site/test_calendar_engines.py` (ical.js, libical); here the
shape itself, and that the blocks name the zoneinfo offsets at every hour around each change.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from icalendar import Component, Timezone

from macros.feeds.vtimezone import changes, vtimezone

ANCHOR = dt.date(2026, 10, 20)
REGULAR = {  # zone → (BYDAY of DAYLIGHT, BYDAY of STANDARD)
    "Europe/Berlin": ("-1SU", "-1SU"),
    "Europe/London": ("-1SU", "-1SU"),
    "America/New_York": ("2SU", "1SU"),
    "Australia/Sydney": ("1SU", "1SU"),
}


def _blocks(zone: str) -> list[Component]:
    component = Timezone.from_ical(vtimezone(zone, ANCHOR).to_ical())  # as written
    assert component["TZID"] == zone
    assert all("RDATE" not in block for block in component.subcomponents)
    return list(component.subcomponents)


@pytest.mark.parametrize("zone", sorted(REGULAR))
def test_a_zone_with_yearly_rules_has_one_standard_and_one_daylight_block_without_end(zone: str) -> None:
    blocks = _blocks(zone)
    assert sorted(b.name for b in blocks) == ["DAYLIGHT", "STANDARD"]
    for block in blocks:
        rule = block["RRULE"]
        assert rule["FREQ"] == ["YEARLY"] and "UNTIL" not in rule and "COUNT" not in rule
        assert rule["BYDAY"] == [REGULAR[zone][0 if block.name == "DAYLIGHT" else 1]]
        assert rule["BYMONTH"] == [block.decoded("DTSTART").month]
        assert block.decoded("DTSTART").date() < ANCHOR  # in force before the first event
        assert block.decoded("DTSTART").year == ANCHOR.year - 1


@pytest.mark.parametrize("zone", ["Asia/Kolkata", "America/Sao_Paulo", "UTC"])
def test_a_zone_without_dst_has_a_single_standard_block(zone: str) -> None:
    (block,) = _blocks(zone)
    assert block.name == "STANDARD" and "RRULE" not in block
    assert block.decoded("TZOFFSETFROM") == block.decoded("TZOFFSETTO")
    expected = zoneinfo.ZoneInfo(zone).utcoffset(dt.datetime(2027, 7, 1))
    assert block.decoded("TZOFFSETTO") == expected


def test_a_zone_whose_changes_follow_no_weekday_rule_gets_one_block_per_change() -> None:
    # Israel's spring change is the Friday before the last Sunday of March: no `BYDAY` says that.
    blocks = _blocks("Asia/Jerusalem")
    assert all("RRULE" not in b for b in blocks)
    onsets = [b.decoded("DTSTART") for b in blocks[1:]]
    assert onsets == sorted(onsets) and len(onsets) == len(changes("Asia/Jerusalem", ANCHOR.year - 1, 2065))


def test_a_zone_that_stops_changing_ends_with_its_last_change() -> None:
    # Paraguay kept summer time for good in October 2024: from an anchor before that, one block per change.
    component = Timezone.from_ical(vtimezone("America/Asuncion", dt.date(2024, 6, 1)).to_ical())
    blocks = list(component.subcomponents)
    assert all("RRULE" not in b for b in blocks)
    assert blocks[-1].decoded("TZOFFSETTO") == dt.timedelta(hours=-3)
    assert blocks[-1].decoded("DTSTART").date() == dt.date(2024, 10, 6)


@pytest.mark.parametrize("zone", [*sorted(REGULAR), "Asia/Jerusalem", "America/Santiago", "Pacific/Chatham"])
def test_each_change_is_the_blocks_onset_at_the_old_offset(zone: str) -> None:
    """RFC 5545: an observance's DTSTART is the local time of the change on the clock before it."""
    found = changes(zone, 2026, 2030)
    assert found
    tz = zoneinfo.ZoneInfo(zone)
    for change in found:
        before = (change.instant - dt.timedelta(seconds=1)).astimezone(tz).utcoffset()
        after = change.instant.astimezone(tz).utcoffset()
        assert (change.before, change.after) == (before, after) and before != after
        assert change.wall == (change.instant + change.before).replace(tzinfo=None)
