"""`one-role-per-period`: one slot per person at a time, and a warning for duty in two rotations at once."""

from __future__ import annotations

from fixture_handbook import Handbook

CYCLE = """\
    name: Sustained engineering
    period: {weeks: 2}
    segment: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: lead, title: Lead}
      - {id: primary, title: Primary, per_segment: true}
      - {id: backup, title: Backup, per_segment: true}
    schedule:
      - start: 2026-09-07
        lead: ana-ruiz
    """


def test_one_week_primary_and_one_week_backup_is_fine(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode", "cho-lin").rotation("se", CYCLE, """\
        primary: [ben-ode, cho-lin]
        backup: [cho-lin, ben-ode]
    """)
    assert handbook.findings() == []


def test_two_roles_in_the_same_segment(handbook: Handbook) -> None:
    # The lead holds the whole period, so being Backup in week 2 clashes there only.
    handbook.people("ana-ruiz", "ben-ode", "cho-lin").rotation("se", CYCLE, """\
        primary: [ben-ode, ben-ode]
        backup: [ben-ode, ana-ruiz]
    """)
    assert handbook.findings("one-role-per-period") == [
        "data/rotations/se.yml:13:14: error[one-role-per-period]: ben-ode is both Primary and Backup "
        "in the period 2026-09-07 (week 1) (give one of them to someone else)",
        "data/rotations/se.yml:13:23: error[one-role-per-period]: ana-ruiz is both Lead and Backup "
        "in the period 2026-09-07 (week 2) (give one of them to someone else)",
    ]


def test_a_whole_period_role_and_a_name_for_every_segment(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("se", CYCLE, """\
        primary: ana-ruiz
        backup: ben-ode
    """)
    assert handbook.findings("one-role-per-period") == [
        "data/rotations/se.yml:12:14: error[one-role-per-period]: ana-ruiz is both Lead and Primary "
        "in the period 2026-09-07 (give one of them to someone else)",
    ]


def test_two_daily_shifts_of_one_role(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("fts", """\
    name: Follow the sun
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    shifts:
      - {id: emea, title: EMEA, start: "08:00", end: "16:00"}
      - {id: amer, title: Americas, start: "16:00", end: "00:00"}
    roles:
      - {id: primary, title: Primary, per_shift: true}
    schedule:
      - {start: 2026-09-07, primary: {emea: ana-ruiz, amer: ben-ode}}
      - {start: 2026-09-14, primary: {emea: ben-ode, amer: ben-ode}}
    """)
    assert handbook.findings("one-role-per-period") == [
        "data/rotations/fts.yml:11:56: error[one-role-per-period]: ben-ode is both Primary (emea) and "
        "Primary (amer) in the period 2026-09-14 (give one of them to someone else)",
    ]


def test_an_override_while_holding_another_role(handbook: Handbook) -> None:
    # Ben covers Ana's lead duty for a day in the week he is Backup: he would hold both at once.
    # Eve covers a day and holds nothing else: fine.
    handbook.people("ana-ruiz", "ben-ode", "cho-lin", "dan-roe", "eve-sol").rotation("se", CYCLE, """\
        primary: [cho-lin, dan-roe]
        backup: [ben-ode, cho-lin]
        overrides:
          - {role: lead, person: ben-ode, from: "2026-09-08 09:00", until: "2026-09-09 09:00"}
          - {role: lead, person: eve-sol, from: "2026-09-15 09:00", until: "2026-09-16 09:00"}
    """)
    assert handbook.findings("one-role-per-period") == [
        "data/rotations/se.yml:15:30: error[one-role-per-period]: ben-ode covers Lead in the period 2026-09-07 "
        "while being Backup at the same time (let someone who is free cover, or hand over the other slot too)",
    ]


SRE = """\
    name: SRE duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ben-ode}
      - {start: 2026-09-21, duty: ana-ruiz}
    """

SUPPORT = """\
    name: Support rota
    period: {weeks: 1}
    handoff: {weekday: wednesday, time: "10:00", timezone: America/New_York}
    roles:
      - {id: captain, title: Captain}
    rules:
      consecutive-needs-reason: {enabled: false}
    schedule:
      - {start: 2026-09-09, captain: ana-ruiz}
      - {start: 2026-09-16, captain: ana-ruiz}
    """


def test_on_duty_in_two_rotations_at_once_is_a_warning(handbook: Handbook) -> None:
    # Ana's support weeks (Wednesday to Wednesday, New York) overlap both of her SRE weeks (Monday to Monday,
    # Berlin): one warning per pair of periods, in the file of the period that starts later.
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", SRE).rotation("support", SUPPORT)
    assert handbook.findings() == [
        "data/rotations/sre.yml:9:31: warning[one-role-per-period]: ana-ruiz holds Duty in the period 2026-09-21 "
        "while on duty in the rotation 'support' (period 2026-09-16) at the same time "
        "(make sure one person can do both, or pick someone else for one of them)",
        "data/rotations/support.yml:9:34: warning[one-role-per-period]: ana-ruiz holds Captain in the period "
        "2026-09-09 while on duty in the rotation 'sre' (period 2026-09-07) at the same time "
        "(make sure one person can do both, or pick someone else for one of them)",
    ]


def test_the_warning_goes_where_the_rule_is_enabled(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("support", SUPPORT)
    handbook.rotation("sre", SRE, """\
    rules:
      one-role-per-period: {enabled: false}
    """)
    assert handbook.findings() == [
        "data/rotations/support.yml:9:34: warning[one-role-per-period]: ana-ruiz holds Captain in the period "
        "2026-09-09 while on duty in the rotation 'sre' (period 2026-09-07) at the same time "
        "(make sure one person can do both, or pick someone else for one of them)",
        "data/rotations/support.yml:10:34: warning[one-role-per-period]: ana-ruiz holds Captain in the period "
        "2026-09-16 while on duty in the rotation 'sre' (period 2026-09-21) at the same time "
        "(make sure one person can do both, or pick someone else for one of them)",
    ]
