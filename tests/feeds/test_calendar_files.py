"""Model to feed: for random schedules across zones and DST days, the parsed feeds are exactly the model's shifts."""

from __future__ import annotations

import datetime as dt
import tempfile
import zoneinfo
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_fixture import NOW, copy_fixture, load_fixture
from fixture_project import write_project
from ical_parsers import with_ical, with_icalendar, with_vobject
from macros.feeds.calendar_files import all_events, feed_files
from macros.feeds.meetings import meeting_uid
from macros.feeds.plain_text import plain
from macros.feeds.settings import FeedSettings
from macros.model.loader import load_project
from macros.rules.validate import validate
from macros.schedule.clock import build_time
from macros.schedule.expansion import Shift, expand_rotation

UTC = dt.UTC
ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Pacific/Auckland",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PEOPLE = {"ana": "Ana", "ben": "Ben", "cai": "Cai"}
# Hand-off times that fall into (or next to) a DST gap or the repeated hour in these zones.
TRICKY_TIMES = (dt.time(2, 0), dt.time(2, 30), dt.time(3, 0), dt.time(1, 30), dt.time(0, 0))


@cache
def dst_days(zone_name: str, year: int) -> tuple[dt.date, ...]:
    """Local dates on which the zone's UTC offset changes (an independent scan, not the code under test)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    days = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        before = dt.datetime.combine(day, dt.time(0), zone).utcoffset()
        after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone).utcoffset()
        if before != after:
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


def rotation_files(
    zone: str,
    weekday: int,
    time: dt.time,
    first: dt.date,
    weeks: int,
    holders: list[tuple[str, str, str]],
    cover: tuple[int, dt.datetime, dt.datetime, str] | None = None,
) -> dict[str, str | None]:
    """A handbook with one rotation `rota`: `holders` gives (primary, backup week 1, backup week 2) per period."""
    lines = [
        "name: Rota",
        f"period: {{weeks: {weeks}}}",
        *(["segment: {weeks: 1}"] if weeks == 2 else []),
        f'handoff: {{weekday: {WEEKDAYS[weekday]}, time: "{time:%H:%M}", timezone: {zone}}}',
        "roles:",
        "  - {id: primary, title: Primary}",
        *(["  - {id: backup, title: Backup, per_segment: true}"] if weeks == 2 else []),
        "schedule:",
    ]
    for index, (primary, backup1, backup2) in enumerate(holders):
        day = first + dt.timedelta(days=7 * weeks * index)
        lines += [f"  - start: {day}", f"    primary: {primary}"]
        if weeks == 2:
            lines.append(f"    backup: [{backup1}, {backup2}]")
        if cover is not None and cover[0] == index:
            _, start, end, person = cover
            lines += [
                "    overrides:",
                f"      - {{role: primary, person: {person}, "
                f"from: {start:%Y-%m-%d %H:%M}, until: {end:%Y-%m-%d %H:%M}}}",
            ]
    files: dict[str, str | None] = {
        "data/teams/core.yml": "name: Core\n",
        "data/rotations/rota.yml": "\n".join(lines) + "\n",
    }
    for person_id, name in PEOPLE.items():
        files[f"data/people/{person_id}.yml"] = f"name: {name}\nhandle: {person_id}\nteam: core\ntimezone: UTC\n"
    return files


@st.composite
def rotations(draw: st.DrawFn) -> dict[str, str | None]:
    zone = draw(st.sampled_from(ZONES))
    year = draw(st.integers(2026, 2030))
    transitions = dst_days(zone, year)
    weeks = draw(st.sampled_from([1, 2]))
    aim_at_dst_day = draw(st.booleans())
    if transitions and aim_at_dst_day:
        # Aim a hand-off at the DST day itself, at a time in or near the gap or the repeated hour.
        dst_day = draw(st.sampled_from(transitions))
        weekday = dst_day.weekday()
        time = draw(st.sampled_from(TRICKY_TIMES))
        first = dst_day - dt.timedelta(days=7 * weeks * draw(st.integers(0, 2)))
    else:
        weekday = draw(st.integers(0, 6))
        time = dt.time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30])))
        anchor = dt.date(year, 1, 1) + dt.timedelta(days=draw(st.integers(0, 360)))
        first = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)
    count = draw(st.integers(3, 5))
    person = st.sampled_from(sorted(PEOPLE))
    holders = [(draw(person), draw(person), draw(person)) for _ in range(count)]
    cover = None
    if draw(st.booleans()):
        index = draw(st.integers(0, count - 1))
        day = first + dt.timedelta(days=7 * weeks * index)
        start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(draw(st.integers(0, 23))))
        cover = (index, start, start + dt.timedelta(hours=draw(st.integers(1, 48))), draw(person))
    return rotation_files(zone, weekday, time, first, weeks, holders, cover)


def as_rows(shifts: list[Shift]) -> Counter[tuple[dt.datetime, dt.datetime, str, str]]:
    titles = {"primary": "Primary", "backup": "Backup"}
    return Counter((s.start, s.end, titles[s.role], PEOPLE[s.person]) for s in shifts)


def parsed_rows(data: bytes, parse: object) -> Counter[tuple[dt.datetime, dt.datetime, str, str]]:
    assert callable(parse)
    rows: Counter[tuple[dt.datetime, dt.datetime, str, str]] = Counter()
    for event in parse(data):
        rotation_and_role, person = event.summary.split(": ")
        rotation, role = rotation_and_role.split(" · ")
        assert rotation == "Rota"
        rows[(event.start, event.end, role, person)] += 1
    return rows


def expected_local_start(day: dt.date, time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The hand-off as a wall time, by the documented policy: a time in a gap moves forward by the gap."""
    wall = dt.datetime.combine(day, time)
    if wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall:
        return wall
    before = dt.datetime.combine(day, dt.time(0), zone).utcoffset()
    after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), zone).utcoffset()
    assert before is not None and after is not None
    return wall + (after - before)


def check_feeds_match_model(files: dict[str, str | None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = load_project(write_project(Path(tmp), files, base=False))
    expansion = expand_rotation(project, "rota")
    assert expansion.findings == []
    rotation = project.rotations["rota"]
    first = expansion.periods[0].start
    feeds = feed_files(project, {"rota": expansion}, first, FeedSettings(past_days=1, future_days=800))
    by_role = {role: [s for s in expansion.shifts if s.role == role] for role in ("primary", "backup")}
    for parse in (with_icalendar, with_ical, with_vobject):
        assert parsed_rows(feeds["calendars/rotation/rota.ics"], parse) == as_rows(expansion.shifts)
        assert parsed_rows(feeds["calendars/rotation/rota/primary.ics"], parse) == as_rows(by_role["primary"])
        if rotation.segment:
            assert parsed_rows(feeds["calendars/rotation/rota/backup.ics"], parse) == as_rows(by_role["backup"])
    zone = zoneinfo.ZoneInfo(rotation.handoff.timezone)
    for role, shifts in by_role.items():
        ordered = sorted(shifts, key=lambda s: s.start)
        # One role's shifts tile the schedule: no gap, no overlap, DST day or not.
        for before, after in zip(ordered, ordered[1:], strict=False):
            assert before.end == after.start, (role, before, after)
    for period in expansion.periods:
        local = period.start.astimezone(zone).replace(tzinfo=None)
        assert local == expected_local_start(period.day, rotation.handoff.time, zone)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rotations())
def test_parsed_feeds_are_exactly_the_models_shifts(files: dict[str, str | None]) -> None:
    check_feeds_match_model(files)


# Hand-offs exactly on DST days, so every run covers them whatever the random draw: (zone, DST day, time).
DST_HANDOFFS = [
    ("Europe/Berlin", dt.date(2026, 3, 29), dt.time(2, 30)),  # in the gap: happens at 03:30
    ("Europe/Berlin", dt.date(2027, 10, 31), dt.time(2, 30)),  # twice: the first one
    ("America/New_York", dt.date(2026, 3, 8), dt.time(2, 0)),
    ("America/New_York", dt.date(2028, 11, 5), dt.time(1, 30)),
    ("Australia/Sydney", dt.date(2026, 10, 4), dt.time(2, 30)),
    ("Australia/Sydney", dt.date(2029, 4, 1), dt.time(2, 0)),
    ("Pacific/Auckland", dt.date(2026, 9, 27), dt.time(2, 0)),
    ("Pacific/Auckland", dt.date(2030, 4, 7), dt.time(2, 30)),
    ("America/Sao_Paulo", dt.date(2026, 11, 1), dt.time(0, 0)),  # no DST any more: a plain Sunday
    ("Asia/Kolkata", dt.date(2027, 3, 28), dt.time(2, 30)),  # no DST
]


@pytest.mark.parametrize(("zone", "day", "time"), DST_HANDOFFS)
@pytest.mark.parametrize("weeks", [1, 2])
def test_handoffs_on_dst_days(zone: str, day: dt.date, time: dt.time, weeks: int) -> None:
    if zone not in ("America/Sao_Paulo", "Asia/Kolkata"):
        assert day in dst_days(zone, day.year)
    first = day - dt.timedelta(days=7 * weeks)
    holders = [("ana", "ben", "cai"), ("ben", "cai", "ana"), ("cai", "ana", "ben")]
    # Someone covers from the DST-day hand-off to 04:00 the next day (the cover starts in the gap or the repeat too).
    cover = (1, dt.datetime.combine(day, time), dt.datetime.combine(day + dt.timedelta(days=1), dt.time(4)), "ana")
    check_feeds_match_model(rotation_files(zone, day.weekday(), time, first, weeks, holders, cover))


def swap_in_fixture(root: Path) -> None:
    """Ben and Chloé swap both their roles in the cycle starting 2026-12-14."""
    path = root / "data/rotations/sustained.yml"
    text = path.read_text(encoding="utf-8")
    before = "  - start: 2026-12-14\n    lead: ana\n    primary: [ben, chloe]\n    backup: [chloe, ben]\n"
    after = "  - start: 2026-12-14\n    lead: ana\n    primary: [chloe, ben]\n    backup: [ben, chloe]\n"
    assert before in text
    path.write_text(text.replace(before, after), encoding="utf-8")


def test_a_swap_replaces_the_swapped_peoples_events_and_changes_the_ones_that_name_them(tmp_path: Path) -> None:
    settings_ = FeedSettings()
    project, report = load_fixture()
    # The exact events (the compact feeds' runs are tested in test_runs).
    events = all_events(project, report.expansions, settings_.window(NOW), settings_)
    old = {e.uid: e.fingerprint for e in events if e.run_of is None}
    root = copy_fixture(tmp_path)
    swap_in_fixture(root)
    project, report = load_fixture(root)
    events = all_events(project, report.expansions, settings_.window(NOW), settings_)
    new = {e.uid: e.fingerprint for e in events if e.run_of is None}
    # A UID names a person's piece of a slot: Ben's and Chloé's swapped weeks leave their feeds and come back
    # as the other's events; no UID moves from one person to the other.
    assert sorted(set(old) - set(new)) == sorted(SWAP_REMOVED)
    assert sorted(set(new) - set(old)) == sorted(SWAP_ADDED)
    assert sorted(uid for uid in set(new) & set(old) if new[uid] != old[uid]) == [
        "sustained.lead.2026-12-14.all.s0.ana@duty-handbook",  # its escalation order names them
    ]


SWAP_REMOVED = {
    "sustained.backup.2026-12-14.all.s0.chloe@duty-handbook",
    "sustained.backup.2026-12-14.all.s1.ben@duty-handbook",
    "sustained.primary.2026-12-14.all.s0.ben@duty-handbook",
    "sustained.primary.2026-12-14.all.s1.chloe@duty-handbook",
}
SWAP_ADDED = {
    "sustained.backup.2026-12-14.all.s0.ben@duty-handbook",
    "sustained.backup.2026-12-14.all.s1.chloe@duty-handbook",
    "sustained.primary.2026-12-14.all.s0.chloe@duty-handbook",
    "sustained.primary.2026-12-14.all.s1.ben@duty-handbook",
}


def test_two_builds_are_byte_identical() -> None:
    project, report = load_fixture()
    first = feed_files(project, report.expansions, NOW, FeedSettings())
    project, report = load_fixture()
    assert feed_files(project, report.expansions, NOW, FeedSettings()) == first


def test_the_example_events_read_as_plain_text_with_their_own_hours_and_an_absolute_link() -> None:
    """Generic over the shipped example: whatever its rotations and meetings, every event's wording holds."""
    repo = Path(__file__).resolve().parents[2]
    project = load_project(repo)
    now = build_time()
    report = validate(project, now)
    if report.errors or not project.rotations:
        pytest.skip("the shipped data has no valid rotations to look at")
    settings_ = FeedSettings(base_url="https://handbook.example.com/")
    events = all_events(project, report.expansions, settings_.window(now), settings_)
    assert events
    for event in events:
        assert event.url is not None and event.url.startswith("https://handbook.example.com/"), event.uid
        assert event.description.endswith(f"\n\nHandbook: {event.url}"), event.uid
        assert "`" not in event.description, event.uid
        shift = event.shift
        if shift is not None and shift.shift is not None:
            daily = next(d for d in project.rotations[shift.rotation].shifts if d.id == shift.shift)
            assert f"runs {daily.runs_on()}, {daily.start:%H:%M}–{daily.end:%H:%M}" in event.description, event.uid
    for team_id, team in project.teams.items():
        for meeting in team.meetings:
            if not meeting.description:
                continue
            event = next((e for e in events if e.uid == meeting_uid(team_id, meeting)), None)
            if event is None:  # a meeting without a time is listed on its team's page, not in a feed
                assert not meeting.in_calendar, meeting.id
                continue
            for paragraph in plain(meeting.description).split("\n\n"):
                assert f"\n{paragraph}\n" in event.description, (event.uid, paragraph)
