"""`eligibility`: a role restricted to tags or teams is held only by people who have one of each."""

from __future__ import annotations

from fixture_handbook import Handbook

ROTATION = """\
    name: Sustained engineering
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: lead, title: Lead, eligible: {tags: [eng-lead]}}
      - id: primary
        title: Primary
        eligible: {tags: [backend, frontend], teams: [core, web]}
    schedule:
    """


def people(handbook: Handbook) -> Handbook:
    handbook.person("ana-ruiz", extra="tags: [eng-lead]\n")
    handbook.person("ben-ode", team="web", extra="tags: [frontend]\n")
    handbook.person("dana-lee", team="ops", extra="tags: [ops]\n")
    return handbook


def test_eligible_holders(handbook: Handbook) -> None:
    people(handbook).rotation("se", ROTATION, """\
      - {start: 2026-09-07, lead: ana-ruiz, primary: ben-ode}
    """)
    assert handbook.findings() == []


def test_a_missing_tag_and_a_missing_team(handbook: Handbook) -> None:
    people(handbook).rotation("se", ROTATION, """\
      - {start: 2026-09-07, lead: dana-lee, primary: dana-lee}
      - start: 2026-09-14
        lead: ana-ruiz
        primary: ben-ode
        overrides:
          - {role: lead, person: ben-ode, from: "2026-09-15 09:00", until: "2026-09-16 09:00"}
    """)
    assert handbook.findings("eligibility") == [
        "data/rotations/se.yml:10:31: error[eligibility]: dana-lee cannot be Lead: needs the tag 'eng-lead' "
        "(pick someone who qualifies: ana-ruiz)",
        "data/rotations/se.yml:10:50: error[eligibility]: dana-lee cannot be Primary: needs one of the tags "
        "'backend' or 'frontend' and to be in one of the teams 'core' or 'web' (pick someone who qualifies: ben-ode)",
        "data/rotations/se.yml:15:30: error[eligibility]: ben-ode cannot be Lead: needs the tag 'eng-lead' "
        "(pick someone who qualifies: ana-ruiz)",
    ]


def test_nobody_qualifies(handbook: Handbook) -> None:
    handbook.person("ben-ode", extra="tags: [frontend]\n").rotation("se", """\
    name: Sustained engineering
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: lead, title: Lead, eligible: {teams: [leads]}}
    schedule:
      - {start: 2026-09-07, lead: ben-ode}
    """)
    assert handbook.findings("eligibility") == [
        "data/rotations/se.yml:7:31: error[eligibility]: ben-ode cannot be Lead: needs to be in the team 'leads' "
        "(nobody qualifies yet: add the tag or team to someone in data/people/)"
    ]
