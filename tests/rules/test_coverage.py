"""`coverage`: every required slot filled, periods that tile exactly (DST included), a schedule that lasts."""

from __future__ import annotations

import datetime as dt

from fixture_handbook import UTC, Handbook


def weekly(handoff: str, schedule: str, roles: str = "  - {id: duty, title: Duty}\n") -> str:
    return f"name: Duty\nperiod: {{weeks: 1}}\nhandoff: {handoff}\nroles:\n{roles}schedule:\n{schedule}"


def test_a_full_schedule_has_no_findings(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", weekly(
        '{weekday: monday, time: "09:00", timezone: Europe/Berlin}',
        "  - {start: 2026-09-07, duty: ana-ruiz}\n  - {start: 2026-09-14, duty: ben-ode}\n",
    ))
    assert handbook.findings() == []


def test_an_empty_schedule_is_an_error(handbook: Handbook) -> None:
    handbook.rotation("duty", """\
    name: Duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    schedule: []
    """)
    assert handbook.findings() == [
        "data/rotations/duty.yml:6:11: error[coverage]: the schedule is empty "
        "(add periods under `schedule:`, each with a `start:` and a holder for every role)"
    ]


def test_missing_roles_segments_and_daily_shifts(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode", "cho-lin").rotation("se", """\
    name: Sustained engineering
    period: {weeks: 2}
    segment: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    shifts:
      - {id: emea, title: EMEA, start: "08:00", end: "16:00"}
      - {id: amer, title: Americas, start: "16:00", end: "00:00"}
    roles:
      - {id: lead, title: Lead}
      - {id: primary, title: Primary, per_segment: true, per_shift: true}
      - {id: backup, title: Backup, per_segment: true}
      - {id: shadow, title: Shadow, required: false}
    schedule:
      - start: 2026-09-07
        primary:
          emea: [ana-ruiz, ben-ode]
          amer: [cho-lin, ~]
        backup: [ben-ode, ~]
      - start: 2026-09-21
        lead: ~
        primary: {emea: ana-ruiz}
        backup: cho-lin
    """)
    assert handbook.findings("coverage") == [
        "data/rotations/se.yml:14:12: error[coverage]: period 2026-09-07 has no Lead "
        "(add `lead:` to the period, or mark the role `required: false`)",
        "data/rotations/se.yml:17:23: error[coverage]: period 2026-09-07 has no Primary (amer, week 2) "
        "(name a holder there under `primary:`)",
        "data/rotations/se.yml:18:23: error[coverage]: period 2026-09-07 has no Backup (week 2) "
        "(name a holder there under `backup:`)",
        "data/rotations/se.yml:20:11: error[coverage]: period 2026-09-21 has no Lead "
        "(add `lead:` to the period, or mark the role `required: false`)",
        "data/rotations/se.yml:21:14: error[coverage]: period 2026-09-21 has no Primary (amer) "
        "(name a holder there under `primary:`)",
    ]


def test_a_gap_of_one_day(handbook: Handbook) -> None:
    # Six-day periods starting every Monday leave each Sunday uncovered.
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", """\
    name: Duty
    period: {days: 6}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ben-ode}
    """)
    assert handbook.findings() == [
        "data/rotations/duty.yml:8:13: error[coverage]: gap of 1 day between the period ending 2026-09-13 09:00 "
        "and the next one (start the next period on 2026-09-13, or add a period for the days between)"
    ]


def test_a_missing_week_and_an_overlap(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", """\
    name: Duty
    period: {days: 8}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ben-ode}
      - {start: 2026-09-28, duty: ana-ruiz}
    """)
    assert handbook.findings("coverage") == [
        "data/rotations/duty.yml:8:13: error[coverage]: overlap of 1 day between the period ending 2026-09-15 09:00 "
        "and the next one (start the next period on 2026-09-15)",
        "data/rotations/duty.yml:9:13: error[coverage]: gap of 6 days between the period ending 2026-09-22 09:00 "
        "and the next one (start the next period on 2026-09-22, or add a period for the days between)",
    ]


def test_sunday_0230_handoffs_tile_across_european_clock_changes(handbook: Handbook) -> None:
    # 2026-03-29 02:30 does not exist in Berlin (hand-off at 03:30) and 2026-10-25 02:30 happens twice.
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", weekly(
        '{weekday: sunday, time: "02:30", timezone: Europe/Berlin}',
        "  - {start: 2026-03-22, duty: ana-ruiz}\n  - {start: 2026-03-29, duty: ben-ode}\n"
        "  - {start: 2026-04-05, duty: ana-ruiz}\n  - {start: 2026-10-18, duty: ben-ode}\n"
        "  - {start: 2026-10-25, duty: ana-ruiz}\n  - {start: 2026-11-01, duty: ben-ode}\n",
    ))
    assert handbook.findings() == [
        "data/rotations/duty.yml:10:13: error[coverage]: gap of 189 days between the period ending 2026-04-12 02:30 "
        "and the next one (start the next period on 2026-04-12, or add a period for the days between)"
    ]


def test_sunday_0230_handoffs_tile_across_american_clock_changes(handbook: Handbook) -> None:
    # 2026-03-08 02:30 does not exist in New York; the period before it ends at 03:30 EDT, when the next starts.
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", weekly(
        '{weekday: sunday, time: "02:30", timezone: America/New_York}',
        "  - {start: 2026-03-01, duty: ana-ruiz}\n  - {start: 2026-03-08, duty: ben-ode}\n"
        "  - {start: 2026-03-15, duty: ana-ruiz}\n  - {start: 2026-10-25, duty: ben-ode}\n"
        "  - {start: 2026-11-01, duty: ana-ruiz}\n  - {start: 2026-11-08, duty: ben-ode}\n",
    ))
    assert handbook.findings("coverage") == [
        "data/rotations/duty.yml:10:13: error[coverage]: gap of 217 days between the period ending 2026-03-22 02:30 "
        "and the next one (start the next period on 2026-03-22, or add a period for the days between)"
    ]


def test_iso_week_53_is_an_ordinary_week(handbook: Handbook) -> None:
    # 2026 has 53 ISO weeks: 2026-12-28 is 2026-W53 and 2027-01-04 is 2027-W01.
    assert dt.date(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", weekly(
        '{weekday: monday, time: "09:00", timezone: UTC}',
        "  - {start: 2026-12-21, duty: ana-ruiz}\n  - {start: 2026-12-28, duty: ben-ode}\n"
        "  - {start: 2027-01-04, duty: ana-ruiz}\n",
    ))
    assert handbook.findings() == []


def test_warns_when_the_schedule_runs_out_within_the_horizon(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", weekly(
        '{weekday: monday, time: "09:00", timezone: Europe/Berlin}',
        "  - {start: 2026-11-23, duty: ana-ruiz}\n  - {start: 2026-11-30, duty: ben-ode}\n",
    ))
    now = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert handbook.findings(now=now) == [
        "data/rotations/duty.yml:8:13: warning[coverage]: the schedule runs out on 2026-12-07 "
        "(plan more periods: the schedule should reach 2027-01-04, 42 days ahead)"
    ]


def test_horizon_is_a_setting(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("duty", weekly(
        '{weekday: monday, time: "09:00", timezone: Europe/Berlin}',
        "  - {start: 2026-11-23, duty: ana-ruiz}\n  - {start: 2026-11-30, duty: ben-ode}\n",
        roles="  - {id: duty, title: Duty}\nrules:\n  coverage: {horizon_days: 14}\n",
    ))
    # The last period ends 2026-12-07 09:00 Berlin, exactly 14 days after this "now": still enough.
    assert handbook.findings(now=dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)) == []
    assert handbook.findings(now=dt.datetime(2026, 11, 23, 8, 1, tzinfo=UTC)) == [
        "data/rotations/duty.yml:10:13: warning[coverage]: the schedule runs out on 2026-12-07 "
        "(plan more periods: the schedule should reach 2026-12-07, 14 days ahead)"
    ]


VACANT_HEADER = """\
    name: SRE duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    """


def test_a_vacant_period_with_a_reason_is_a_warning_not_a_missing_holder(handbook: Handbook) -> None:
    handbook.people("ana-ruiz").rotation("sre", VACANT_HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, vacant: everyone is at the offsite}
      - {start: 2026-09-21}
    """)
    assert handbook.findings("coverage") == [
        "data/rotations/sre.yml:8:33: warning[coverage]: period 2026-09-14 is vacant: everyone is at the offsite "
        "(find someone to take it, then replace `vacant:` with the holders)",
        "data/rotations/sre.yml:9:13: error[coverage]: period 2026-09-21 has no Duty "
        "(add `duty:` to the period, or mark the role `required: false`)",
    ]


def test_a_vacant_period_that_someone_took_after_all_is_no_finding(handbook: Handbook) -> None:
    # `vacant` then says why nobody else took it; the holder fills it.
    handbook.people("ana-ruiz").rotation("sre", VACANT_HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz, vacant: nobody else was free}
    """)
    assert handbook.findings("coverage") == []
