"""`unavailable`: nobody is on duty while away or outside their `joined`/`left` dates, in their own time zone."""

from __future__ import annotations

from fixture_handbook import Handbook

WEEKLY = """\
    name: Duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    schedule:
    """

FOLLOW_THE_SUN = """\
    name: Follow the sun
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    shifts:
      - {id: emea, title: EMEA, start: "08:00", end: "16:00"}
      - {id: amer, title: Americas, start: "16:00", end: "00:00"}
    roles:
      - {id: primary, title: Primary, per_shift: true}
    schedule:
      - start: 2026-09-07
        primary: {emea: ana-ruiz, amer: ben-ode}
    """

AWAY_UNTIL_SUNDAY = "unavailable:\n  - {from: 2026-09-01, until: 2026-09-06, note: hiking}\n"


def test_absence_days_are_counted_in_the_persons_own_time_zone(handbook: Handbook) -> None:
    # The week starts Monday 09:00 in Berlin, 07:00 UTC. Sunday ends at 07:00 UTC in Los Angeles (no clash),
    # but only at 10:00 UTC in Honolulu: three hours of that absence fall into the week.
    handbook.person("lee-ann", timezone="America/Los_Angeles", extra=AWAY_UNTIL_SUNDAY)
    handbook.person("kai-noa", timezone="Pacific/Honolulu", extra=AWAY_UNTIL_SUNDAY)
    handbook.rotation("duty", """\
    name: Duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
      - {id: backup, title: Backup}
    schedule:
      - {start: 2026-09-07, duty: lee-ann, backup: kai-noa}
    """)
    assert handbook.findings("unavailable") == [
        "data/rotations/duty.yml:8:48: error[unavailable]: kai-noa holds Backup in the period 2026-09-07 "
        "but is away from 2026-09-01 until 2026-09-06 (hiking) "
        "(pick someone else, or add an override for the days away)",
    ]


def test_away_until_the_day_before_the_handoff(handbook: Handbook) -> None:
    handbook.person("ana-ruiz", extra=AWAY_UNTIL_SUNDAY)
    handbook.rotation("duty", WEEKLY, """\
      - {start: 2026-08-24, duty: ana-ruiz}
      - {start: 2026-09-07, duty: ana-ruiz}
    """)
    assert handbook.findings("unavailable") == []


def test_one_finding_per_assignment_not_per_daily_window(handbook: Handbook) -> None:
    # Away Wednesday and Thursday: two EMEA windows clash, one line to fix. Ben's last Americas window ends
    # at midnight, when his absence starts; Ana's Monday EMEA window (08:00-09:00) falls into hers.
    handbook.person("ana-ruiz", extra="unavailable:\n  - {from: 2026-09-09, until: 2026-09-10}\n")
    handbook.person("ben-ode", extra="unavailable:\n  - {from: 2026-09-14, until: 2026-09-20}\n")
    handbook.rotation("fts", FOLLOW_THE_SUN)
    assert handbook.findings("unavailable") == [
        "data/rotations/fts.yml:11:21: error[unavailable]: ana-ruiz holds Primary (emea) in the period 2026-09-07 "
        "but is away from 2026-09-09 until 2026-09-10 (pick someone else, or add an override for the days away)",
    ]
    handbook.person("ana-ruiz", extra="unavailable:\n  - {from: 2026-09-14, until: 2026-09-20}\n")
    assert handbook.findings("unavailable") == [
        "data/rotations/fts.yml:11:21: error[unavailable]: ana-ruiz holds Primary (emea) in the period 2026-09-07 "
        "but is away from 2026-09-14 until 2026-09-20 (pick someone else, or add an override for the days away)",
    ]


def test_an_override_covers_the_days_away_but_the_cover_must_be_available(handbook: Handbook) -> None:
    handbook.person("ana-ruiz", extra="unavailable:\n  - {from: 2026-09-09, until: 2026-09-10}\n")
    handbook.person("ben-ode")
    handbook.person("cho-lin", extra="left: 2026-09-09\n")
    handbook.rotation("fts", FOLLOW_THE_SUN, """\
        overrides:
          - {role: primary, shift: emea, person: cho-lin, from: "2026-09-09 00:00", until: "2026-09-11 00:00"}
    """)
    assert handbook.findings("unavailable") == [
        "data/rotations/fts.yml:13:46: error[unavailable]: cho-lin covers Primary (emea) in the period 2026-09-07 "
        "but their last day is 2026-09-09 (pick someone else, or correct `left:`)",
    ]


def test_before_joining(handbook: Handbook) -> None:
    handbook.person("ana-ruiz", extra="joined: 2026-09-14\n")
    handbook.rotation("duty", WEEKLY, """\
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: {person: ana-ruiz, reason: new starter shadowed by the lead}}
    """)
    assert handbook.findings() == [
        "data/rotations/duty.yml:7:31: error[unavailable]: ana-ruiz holds Duty in the period 2026-09-07 "
        "but only joins on 2026-09-14 (pick someone else, or correct `joined:`)",
    ]
