"""VTIMEZONE components in the shape every client we test reads the same way: yearly rules, no RDATE lists.

Why not the library's: icalendar's `Timezone.from_tzid` writes one STANDARD and one DAYLIGHT block with a
list of `RDATE`s, which ical.js 2.2.1 (Thunderbird, Nextcloud) misreads by an hour and Outlook is documented
to misread; and it ends at a given date, after which libical (Evolution) gets open-ended meeting series
wrong. vobject's `TimezoneComponent` does write yearly `RRULE`s, but names the zone by its abbreviation
(`CET`), keeps a block per historical rule since 2000 and writes `BYMONTH` without `BYDAY` for zones without
DST. So the rules are derived here from the IANA data behind `zoneinfo` (the `tzdata` package), and the
component is still built and serialised by icalendar.

Shape, per zone:

- **Regular zones** (the usual case): exactly one STANDARD and, with DST, one DAYLIGHT block, each starting
  at its first change on or after `anchor` (before the first event) and repeating with
  `RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=…` without end. Zones without DST get a single STANDARD without rule.
  The yearly rule is the one the zone follows for `HORIZON_YEARS` after `anchor`, deep into tzdata's rule
  for all later years (the TZif footer): the same month, n-th (or last) weekday and wall time every year.
- **Fallback**, when the zone's rules change after `anchor` (a country starts or stops DST, moves the
  change day) or follow no weekday rule (dates set by a calendar other than the Gregorian): one block per
  change with its own `DTSTART` and no `RDATE`, up to the year the rule becomes regular again, then the
  regular blocks from there on (or, when the zone stops changing or never settles on a weekday rule, the
  last block holds from its change on). A block of the offset at the anchor comes first. Every client
  we test then gives every event the right UTC instant; Outlook, which wants one block of each kind, may
  show such a zone's name oddly but the instants are those of the blocks.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache

from icalendar import Component, Timezone, TimezoneDaylight, TimezoneStandard

from macros.schedule.localtime import zone as load_zone

# How many years after the anchor year the zone's changes are read. tzdata's table ends a few years after
# the present; its footer rule decides every later year, so this reaches well into the footer.
HORIZON_YEARS = 40
# A yearly rule counts only when it holds this long: weekdays fall on the same dates again after 28 years,
# so a rule such as "the Friday on or after the 23rd" cannot pass for "the fourth Friday" over 28 years.
PROOF_YEARS = 28
_DAY = dt.timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One change of a zone's UTC offset: the instant and the offsets before and after, with the new name."""

    instant: dt.datetime  # UTC
    before: dt.timedelta
    after: dt.timedelta
    name: str

    @property
    def wall(self) -> dt.datetime:
        """The local wall time at which it happens, on the clock before the change (RFC 5545's DTSTART)."""
        return (self.instant + self.before).replace(tzinfo=None)


def _offset(zone_name: str, moment: dt.datetime) -> dt.timedelta:
    offset = moment.astimezone(load_zone(zone_name)).utcoffset()
    assert offset is not None
    return offset


@cache
def changes(zone_name: str, first_year: int, last_year: int) -> tuple[Change, ...]:
    """Every offset change of the zone from 1 January `first_year` to the end of `last_year` (UTC).

    zoneinfo has no public list of transitions, so the offset is sampled daily and each change found to the
    second by bisection (changes are at least weeks apart in every zone of tzdata).
    """
    found = []
    day = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    offset = _offset(zone_name, day)
    while day < end:
        following = day + _DAY
        next_offset = _offset(zone_name, following)
        if next_offset != offset:
            low, high = day, following  # offset(low) is the old one, offset(high) the new one
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _offset(zone_name, middle) == offset:
                    low = middle
                else:
                    high = middle
            name = high.astimezone(load_zone(zone_name)).tzname() or zone_name
            found.append(Change(high, offset, next_offset, name))
        day, offset = following, next_offset
    return tuple(found)


def _weekday_rules(day: dt.date) -> set[str]:
    """The `BYDAY` values naming this date within its month: `2SU`, and `-1SU` when it is the month's last."""
    weekday = _WEEKDAYS[day.weekday()]
    rules = {f"{(day.day - 1) // 7 + 1}{weekday}"}
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        rules.add(f"-1{weekday}")
    return rules


@dataclass(frozen=True)
class YearlyRule:
    """A change that happens every year in the same month, on the same weekday rule, at the same wall time."""

    month: int
    byday: str
    first: Change  # its first occurrence, which the block's DTSTART names


def _yearly(occurrences: list[Change]) -> YearlyRule | None:
    """The yearly rule all `occurrences` (one per consecutive year) follow, or None."""
    first = occurrences[0]
    keys = {(c.wall.month, c.wall.time(), c.before, c.after, c.name) for c in occurrences}
    years = [c.wall.year for c in occurrences]
    if len(keys) != 1 or years != list(range(years[0], years[0] + len(years))):
        return None
    common = set.intersection(*(_weekday_rules(c.wall.date()) for c in occurrences))
    if not common:
        return None
    # A positive rule reads the same in every client; `-1` only when the day is not a fixed n-th weekday.
    byday = sorted(common, key=lambda r: (r.startswith("-"), r))[0]
    return YearlyRule(first.wall.month, byday, first)


def _regular_tail(
    found: tuple[Change, ...], anchor_year: int, last_year: int
) -> tuple[int, list[YearlyRule]] | None:
    """The earliest year from which the changes follow one yearly rule each (or none at all), with the rules.

    None when even the last years follow no rule (then every change gets its own block).
    """
    if not found:
        return anchor_year, []
    last_change_year = found[-1].wall.year
    if last_change_year < last_year - 1:  # the zone stopped changing: no rule after its last change
        return last_change_year + 1, []
    for start in range(anchor_year, last_year - PROOF_YEARS + 1):
        tail = [c for c in found if c.wall.year >= start]
        groups: dict[bool, list[Change]] = {True: [], False: []}
        for change in tail:
            groups[change.after > change.before].append(change)
        if not groups[True] or len(groups[True]) != len(groups[False]):
            continue
        rules = [_yearly(groups[True]), _yearly(groups[False])]
        if all(rules) and (groups[True][0].wall.year == start or groups[False][0].wall.year == start):
            return start, [r for r in rules if r is not None]
    return None


def _block(change: Change, rule: YearlyRule | None, daylight: bool) -> Component:
    block: Component = TimezoneDaylight() if daylight else TimezoneStandard()
    block.add("DTSTART", change.wall)
    if rule is not None:
        block.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": rule.month, "BYDAY": rule.byday})
    block.add("TZNAME", change.name)
    block.add("TZOFFSETFROM", change.before)
    block.add("TZOFFSETTO", change.after)
    return block


def _steady_block(zone_name: str, since: dt.datetime) -> Component:
    """A single STANDARD block: the zone keeps the offset it has at `since` from then on."""
    offset = _offset(zone_name, since)
    name = since.astimezone(load_zone(zone_name)).tzname() or zone_name
    return _block(Change(since, offset, offset, name), None, daylight=False)


def vtimezone(zone_name: str, anchor: dt.date) -> Timezone:
    """The zone's VTIMEZONE, valid from `anchor` (a day before the feed's first event) without end."""
    anchor_year = anchor.year - 1  # a year's margin: the first block of each kind starts before `anchor`
    last_year = anchor_year + HORIZON_YEARS
    found = changes(zone_name, anchor_year, last_year)
    component = Timezone()
    component.add("TZID", zone_name)
    tail = _regular_tail(found, anchor_year, last_year)
    regular_from = last_year + 1 if tail is None else tail[0]
    one_off = [c for c in found if c.wall.year < regular_from]
    start = dt.datetime(anchor_year, 1, 1, tzinfo=dt.UTC)
    rules = [] if tail is None else sorted(tail[1], key=lambda r: r.first.instant)
    if one_off or not rules:
        # Before the first one-off change (or for ever, in a zone that does not change) the offset of the
        # anchor year's start holds; a client needs a block in force for every event.
        component.add_component(_steady_block(zone_name, start))
    for change in one_off:
        component.add_component(_block(change, None, daylight=change.after > change.before))
    for rule in rules:
        component.add_component(_block(rule.first, rule, daylight=rule.first.after > rule.first.before))
    return component
