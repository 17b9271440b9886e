"""Schedule expansion: periods as instants across DST, segments, daily shifts and overrides."""

import datetime as dt
from pathlib import Path

from fixture_project import findings, load
from macros.schedule.expansion import expand_rotation

UTC = dt.timezone.utc


def rotation(handoff: str, schedule: str, extra: str = "") -> dict[str, str | None]:
    text = (
        "name: Duty\nperiod: {weeks: 1}\n"
        f"handoff: {handoff}\n"
        "roles:\n  - {id: duty, title: Duty}\n"
        f"{extra}"
        "schedule:\n" + schedule
    )
    return {"data/rotations/duty.yml": text}


def test_weekly_periods_tile_across_the_european_spring_change(tmp_path: Path) -> None:
    files = rotation(
        '{weekday: monday, time: "09:00", timezone: Europe/Berlin}',
        "  - {start: 2026-03-23, duty: ana}\n  - {start: 2026-03-30, duty: ben}\n",
    )
    spans = expand_rotation(load(tmp_path, files), "duty").periods
    assert [(p.start, p.end) for p in spans] == [
        (dt.datetime(2026, 3, 23, 8, tzinfo=UTC), dt.datetime(2026, 3, 30, 7, tzinfo=UTC)),
        (dt.datetime(2026, 3, 30, 7, tzinfo=UTC), dt.datetime(2026, 4, 6, 7, tzinfo=UTC)),
    ]
    # The week with the clock change is an hour shorter, and the next one starts where it ends.
    assert spans[0].end - spans[0].start == dt.timedelta(hours=167)


def test_nonexistent_local_time_moves_forward_by_the_gap(tmp_path: Path) -> None:
    # 2026-03-08 02:30 does not exist in New York: the hand-off happens at 03:30 EDT (07:30 UTC).
    files = rotation(
        '{weekday: sunday, time: "02:30", timezone: America/New_York}',
        "  - {start: 2026-03-01, duty: ana}\n  - {start: 2026-03-08, duty: ben}\n",
    )
    spans = expand_rotation(load(tmp_path, files), "duty").periods
    assert spans[0].end == spans[1].start == dt.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_ambiguous_local_time_means_the_first_occurrence(tmp_path: Path) -> None:
    # 2026-10-25 02:30 happens twice in Berlin; the first time is 00:30 UTC (still CEST).
    files = rotation(
        '{weekday: sunday, time: "02:30", timezone: Europe/Berlin}',
        "  - {start: 2026-10-18, duty: ana}\n  - {start: 2026-10-25, duty: ben}\n",
    )
    spans = expand_rotation(load(tmp_path, files), "duty").periods
    assert spans[1].start == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_iso_week_53_and_the_year_boundary(tmp_path: Path) -> None:
    files = rotation(
        '{weekday: monday, time: "09:00", timezone: UTC}',
        "  - {start: 2026-12-21, duty: ana}\n  - {start: 2026-12-28, duty: ben}\n  - {start: 2027-01-04, duty: ana}\n",
    )
    spans = expand_rotation(load(tmp_path, files), "duty").periods
    assert spans[1].day.isocalendar()[:2] == (2026, 53)
    assert spans[1].end == spans[2].start == dt.datetime(2027, 1, 4, 9, tzinfo=UTC)


def test_segments_and_daily_shifts_split_at_the_hand_off(tmp_path: Path) -> None:
    files = {
        "data/rotations/duty.yml": """\
            name: SE
            period: {weeks: 2}
            segment: {weeks: 1}
            handoff: {weekday: monday, time: "09:00", timezone: UTC}
            shifts:
              - {id: day, title: Day, start: "06:00", end: "18:00"}
              - {id: night, title: Night, start: "18:00", end: "06:00"}
            roles:
              - {id: primary, title: Primary, per_shift: true, per_segment: true}
            schedule:
              - start: 2026-11-02
                primary: {day: [ana, ben], night: ben}
            """
    }
    expansion = expand_rotation(load(tmp_path, files), "duty")
    assert expansion.findings == []
    day = [s for s in expansion.shifts if s.shift == "day"]
    # The first day's window starts at the hand-off, not at 06:00; the last ends at the next hand-off.
    assert (day[0].start, day[0].end) == (
        dt.datetime(2026, 11, 2, 9, tzinfo=UTC),
        dt.datetime(2026, 11, 2, 18, tzinfo=UTC),
    )
    assert (day[-1].start, day[-1].end) == (
        dt.datetime(2026, 11, 16, 6, tzinfo=UTC),
        dt.datetime(2026, 11, 16, 9, tzinfo=UTC),
    )
    assert {s.person for s in day if s.segment == 0} == {"ana"}
    assert {s.person for s in day if s.segment == 1} == {"ben"}
    # Together the two shifts cover the period with no gap and no overlap.
    pieces = sorted((s.start, s.end) for s in expansion.shifts)
    assert pieces[0][0] == dt.datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert pieces[-1][1] == dt.datetime(2026, 11, 16, 9, tzinfo=UTC)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))


def test_override_replaces_part_of_a_shift(tmp_path: Path) -> None:
    files = rotation(
        '{weekday: monday, time: "09:00", timezone: Europe/Berlin}',
        "  - start: 2026-11-16\n    duty: ana\n    overrides:\n"
        "      - {role: duty, person: ben, from: 2026-11-17 09:00, until: 2026-11-18 09:00, reason: dentist}\n",
    )
    shifts = expand_rotation(load(tmp_path, files), "duty").shifts
    assert [(s.person, s.start.isoformat(), s.end.isoformat(), s.override) for s in shifts] == [
        ("ana", "2026-11-16T08:00:00+00:00", "2026-11-17T08:00:00+00:00", False),
        ("ben", "2026-11-17T08:00:00+00:00", "2026-11-18T08:00:00+00:00", True),
        ("ana", "2026-11-18T08:00:00+00:00", "2026-11-23T08:00:00+00:00", False),
    ]


def test_structural_problems_are_findings(tmp_path: Path) -> None:
    files = rotation(
        '{weekday: monday, time: "09:00", timezone: Europe/Berlin}',
        "  - {start: 2026-11-17, duty: ana}\n"
        "  - {start: 2026-11-09, duty: [ana, ben]}\n"
        "  - start: 2026-11-23\n    duty: ana\n    overrides:\n"
        "      - {role: duty, person: ben, from: 2026-12-01 09:00, until: 2026-12-02 09:00}\n",
    )
    lines = [line for line in findings(tmp_path, files) if "[schedule]" in line]
    assert lines == [
        "data/rotations/duty.yml:7:13: error[schedule]: period starts on Tuesday 2026-11-17, not on the hand-off"
        " weekday (start it on a monday)",
        "data/rotations/duty.yml:8:13: error[schedule]: period 2026-11-09 is not after the one before it"
        " (keep the schedule in date order)",
        "data/rotations/duty.yml:8:31: error[schedule]: 'duty' lists 2 people (give one person)",
        "data/rotations/duty.yml:12:9: error[schedule]: override lies outside its period"
        " (2026-11-23 09:00 – 2026-11-30 09:00 Europe/Berlin) (move it to the period it belongs to)",
    ]


def test_a_daily_shift_on_chosen_weekdays_runs_only_on_those_days(tmp_path: Path) -> None:
    files = {
        "data/rotations/duty.yml": """\
            name: SE
            period: {weeks: 1}
            handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
            shifts:
              - {id: emea, title: EMEA, start: "09:00", end: "18:00", days: [monday, tuesday, wednesday, thursday,
                 friday]}
              - {id: americas, title: Americas, start: "18:00", end: "09:00", days: [monday, tuesday, wednesday,
                 thursday, friday]}
            roles:
              - {id: primary, title: Primary, per_shift: true}
            schedule:
              - start: 2026-11-02
                primary: {emea: ana, americas: ben}
            """
    }
    expansion = expand_rotation(load(tmp_path, files), "duty")
    assert expansion.findings == []
    emea = [s.start for s in expansion.shifts if s.shift == "emea"]
    americas = [(s.start, s.end) for s in expansion.shifts if s.shift == "americas"]
    assert [start.date().isoformat() for start in emea] == [f"2026-11-0{d}" for d in range(2, 7)]
    # Friday's night shift still runs into Saturday morning; nothing starts on Saturday or Sunday.
    assert americas[-1] == (dt.datetime(2026, 11, 6, 17, tzinfo=UTC), dt.datetime(2026, 11, 7, 8, tzinfo=UTC))
    assert len(americas) == 5


def test_expanding_again_reuses_the_rotations_whose_model_is_unchanged() -> None:
    from calendar_fixture import load_fixture
    from macros.schedule.expansion import expand_all

    project, report = load_fixture()
    again = expand_all(project, report.expansions)
    assert all(again[r] is report.expansions[r] for r in project.rotations)
    fresh = expand_all(project)
    assert all(fresh[r] is not report.expansions[r] and fresh[r] == report.expansions[r] for r in project.rotations)
