"""`team-mix` (opt-in): the engineers of one cycle come from at least `min_teams` different teams."""

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


def people(handbook: Handbook) -> Handbook:
    handbook.person("ana-ruiz", team="leads")
    handbook.person("ben-ode", team="search")
    handbook.person("cho-lin", team="search")
    return handbook.person("dan-roe", team="billing")


def test_off_unless_listed(handbook: Handbook) -> None:
    people(handbook).rotation("se", CYCLE, """\
    schedule:
      - {start: 2026-09-07, lead: ana-ruiz, primary: [ben-ode, cho-lin], backup: [cho-lin, ben-ode]}
    """)
    assert handbook.findings() == []


def test_engineers_from_two_teams(handbook: Handbook) -> None:
    people(handbook).rotation("se", CYCLE, """\
    rules:
      team-mix: {roles: [primary, backup]}
    schedule:
      - {start: 2026-09-07, lead: ana-ruiz, primary: [ben-ode, dan-roe], backup: [dan-roe, ben-ode]}
    """)
    assert handbook.findings() == []


def test_engineers_from_one_team(handbook: Handbook) -> None:
    # Counting only the engineers, one team is too few; counting the lead too, two teams are not three.
    people(handbook).rotation("se", CYCLE, """\
    rules:
      team-mix: {roles: [primary, backup]}
    schedule:
      - {start: 2026-09-07, lead: ana-ruiz, primary: [ben-ode, cho-lin], backup: [cho-lin, ben-ode]}
    """)
    assert handbook.findings() == [
        "data/rotations/se.yml:12:13: error[team-mix]: the period 2026-09-07 draws its Primary and Backup holders "
        "from 1 team (search); at least 2 required (swap someone for a person from another team)"
    ]
    people(handbook).rotation("se", CYCLE, """\
    rules:
      team-mix: {min_teams: 3}
    schedule:
      - {start: 2026-09-07, lead: ana-ruiz, primary: [ben-ode, cho-lin], backup: [cho-lin, ben-ode]}
    """)
    assert handbook.findings() == [
        "data/rotations/se.yml:12:13: error[team-mix]: the period 2026-09-07 draws its holders "
        "from 2 teams (leads, search); at least 3 required (swap someone for a person from another team)"
    ]
