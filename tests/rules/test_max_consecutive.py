"""`max-consecutive`: never more than `max` periods in a row (default 2), across year ends and any role."""

from __future__ import annotations

from fixture_handbook import Handbook

HEADER = """\
    name: SRE duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
      - {id: shadow, title: Shadow, required: false}
    """


def test_two_in_a_row_are_allowed(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - {start: 2026-09-21, duty: ben-ode}
      - {start: 2026-09-28, duty: ana-ruiz}
    """)
    assert handbook.findings("max-consecutive") == []


def test_three_in_a_row_across_the_year_boundary(handbook: Handbook) -> None:
    # 2026-12-28 is in ISO week 53 of 2026; the streak runs on into 2027.
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-12-14, duty: ben-ode}
      - {start: 2026-12-21, duty: ana-ruiz}
      - {start: 2026-12-28, duty: ana-ruiz}
      - {start: 2027-01-04, duty: ana-ruiz}
      - {start: 2027-01-11, duty: ben-ode}
    """)
    assert handbook.findings("max-consecutive") == [
        "data/rotations/sre.yml:11:31: error[max-consecutive]: ana-ruiz is on duty 3 periods in a row "
        "(2026-12-21, 2026-12-28, 2027-01-04); at most 2 allowed (give the period 2027-01-04 to someone else)"
    ]


def test_any_role_counts_and_one_finding_per_streak(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-12-28, duty: ana-ruiz}
      - {start: 2027-01-04, duty: ben-ode, shadow: ana-ruiz}
      - {start: 2027-01-11, duty: ana-ruiz}
      - {start: 2027-01-18, duty: ana-ruiz}
      - {start: 2027-01-25, duty: ana-ruiz}
      - {start: 2027-02-01, duty: ana-ruiz}
    """)
    assert handbook.findings("max-consecutive") == [
        "data/rotations/sre.yml:10:31: error[max-consecutive]: ana-ruiz is on duty 6 periods in a row "
        "(2026-12-28 to 2027-02-01); at most 2 allowed (give the period 2027-01-11 to someone else)"
    ]


def test_a_gap_of_one_day_breaks_the_streak(handbook: Handbook) -> None:
    # Six-day periods leave Sunday uncovered: the periods do not touch, so they are not "in a row".
    handbook.people("ana-ruiz").rotation("sre", """\
    name: SRE duty
    period: {days: 6}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - {start: 2026-09-21, duty: ana-ruiz}
    """)
    assert handbook.findings("max-consecutive") == []


def test_the_limit_is_a_setting_and_so_is_the_severity(handbook: Handbook) -> None:
    handbook.people("ana-ruiz").rotation("sre", HEADER, """\
    rules:
      max-consecutive: {max: 3, severity: warning}
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - {start: 2026-09-21, duty: ana-ruiz}
      - {start: 2026-09-28, duty: ana-ruiz}
    """)
    assert handbook.findings("max-consecutive") == [
        "data/rotations/sre.yml:13:31: warning[max-consecutive]: ana-ruiz is on duty 4 periods in a row "
        "(2026-09-07, 2026-09-14, 2026-09-21, 2026-09-28); at most 3 allowed "
        "(give the period 2026-09-28 to someone else)"
    ]


def test_disabled_rule_reports_nothing(handbook: Handbook) -> None:
    handbook.people("ana-ruiz").rotation("sre", HEADER, """\
    rules:
      max-consecutive: {enabled: false}
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - {start: 2026-09-21, duty: ana-ruiz}
    """)
    assert handbook.findings("max-consecutive") == []


def test_two_week_cycles_across_the_new_york_autumn_change(handbook: Handbook) -> None:
    # The cycle containing 2026-11-01 is an hour longer; the next one still starts where it ends.
    handbook.people("ana-ruiz").rotation("sre", """\
    name: SRE duty
    period: {weeks: 2}
    handoff: {weekday: wednesday, time: "10:00", timezone: America/New_York}
    roles:
      - {id: duty, title: Duty}
    schedule:
      - {start: 2026-10-14, duty: ana-ruiz}
      - {start: 2026-10-28, duty: ana-ruiz}
      - {start: 2026-11-11, duty: ana-ruiz}
    """)
    assert handbook.findings("max-consecutive") == [
        "data/rotations/sre.yml:9:31: error[max-consecutive]: ana-ruiz is on duty 3 periods in a row "
        "(2026-10-14, 2026-10-28, 2026-11-11); at most 2 allowed (give the period 2026-11-11 to someone else)"
    ]


TOLD_HEADER = """\
    name: SRE duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    rules:
      max-consecutive: {max: 2, one_more_when_told: true}
      consecutive-needs-reason: {enabled: false}
    """


def test_a_third_period_with_reason_and_team_told_is_a_warning_when_the_rotation_allows_it(
    handbook: Handbook,
) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", TOLD_HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - start: 2026-09-21
        duty: {person: ana-ruiz, reason: nobody else took the week, told: posted in ~sre on 2026-09-15}
      - {start: 2026-09-28, duty: ben-ode}
    """)
    assert handbook.findings("max-consecutive") == [
        "data/rotations/sre.yml:13:11: warning[max-consecutive]: ana-ruiz is on duty 3 periods in a row "
        "(2026-09-07, 2026-09-14, 2026-09-21), one over 2: nobody else took the week "
        "(team told: posted in ~sre on 2026-09-15) (allowed once: hand the next period to someone else)"
    ]


def test_a_third_period_stays_an_error_without_told_or_beyond_one_over(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", TOLD_HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - {start: 2026-09-21, duty: {person: ana-ruiz, reason: nobody else took the week}}
      - {start: 2026-09-28, duty: ben-ode}
      - {start: 2026-10-05, duty: ben-ode}
      - {start: 2026-10-12, duty: {person: ben-ode, reason: again vacant, told: ~sre}}
      - {start: 2026-10-19, duty: {person: ben-ode, reason: again vacant, told: ~sre}}
    """)
    assert [" ".join(line.split(": ")[1:3]).split(" is ")[0] for line in handbook.findings("max-consecutive")] == [
        "error[max-consecutive] ana-ruiz",
        "error[max-consecutive] ben-ode",
    ]


def test_told_does_nothing_unless_the_rotation_allows_one_more(handbook: Handbook) -> None:
    handbook.people("ana-ruiz").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: {person: ana-ruiz, reason: cover}}
      - {start: 2026-09-21, duty: {person: ana-ruiz, reason: nobody else, told: ~sre}}
    """)
    assert [line.split(": ")[1] for line in handbook.findings("max-consecutive")] == ["error[max-consecutive]"]


def test_a_third_period_that_was_otherwise_vacant_says_why_on_the_period(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", TOLD_HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - start: 2026-09-21
        vacant: nobody else was free
        duty: {person: ana-ruiz, told: ~sre on 2026-09-15}
    """)
    assert handbook.findings("max-consecutive", "coverage") == [
        "data/rotations/sre.yml:14:11: warning[max-consecutive]: ana-ruiz is on duty 3 periods in a row "
        "(2026-09-07, 2026-09-14, 2026-09-21), one over 2: nobody else was free (team told: ~sre on 2026-09-15) "
        "(allowed once: hand the next period to someone else)"
    ]
