"""`cycle-role-split` (opt-in): an engineer's two weeks of a cycle are one as Primary, one as Backup."""

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
    """


def test_off_unless_listed(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode", "cho-lin").rotation("se", CYCLE, """\
    schedule:
      - {start: 2026-09-07, lead: ana-ruiz, primary: ben-ode, backup: cho-lin}
    """)
    assert handbook.findings() == []


def test_each_engineer_swaps_roles_halfway(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode", "cho-lin").rotation("se", CYCLE, """\
    rules:
      cycle-role-split: {}
    schedule:
      - {start: 2026-09-07, lead: ana-ruiz, primary: [ben-ode, cho-lin], backup: [cho-lin, ben-ode]}
    """)
    assert handbook.findings() == []


def test_the_same_role_all_cycle_or_only_one_week(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode", "cho-lin", "dan-roe").rotation("se", CYCLE, """\
    rules:
      cycle-role-split: {roles: [primary, backup]}
    schedule:
      - start: 2026-09-07
        lead: ana-ruiz
        primary: ben-ode
        backup: [cho-lin, dan-roe]
    """)
    assert handbook.findings("cycle-role-split") == [
        "data/rotations/se.yml:14:14: error[cycle-role-split]: ben-ode should be Primary and Backup for one week "
        "each in the period 2026-09-07, but is Primary in weeks 1 and 2 and never Backup "
        "(give ben-ode a different week as each of Primary and Backup)",
        "data/rotations/se.yml:15:14: error[cycle-role-split]: cho-lin should be Primary and Backup for one week "
        "each in the period 2026-09-07, but is Backup in week 1 and never Primary "
        "(give cho-lin a different week as each of Primary and Backup)",
        "data/rotations/se.yml:15:23: error[cycle-role-split]: dan-roe should be Primary and Backup for one week "
        "each in the period 2026-09-07, but is Backup in week 2 and never Primary "
        "(give dan-roe a different week as each of Primary and Backup)",
    ]
