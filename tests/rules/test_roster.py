"""`roster`: everyone scheduled, or covering in an override, has a file in data/people/."""

from __future__ import annotations

from fixture_handbook import Handbook

ROTATION = """\
    name: Support rota
    period: {weeks: 2}
    segment: {weeks: 1}
    handoff: {weekday: wednesday, time: "10:00", timezone: Europe/Berlin}
    roles:
      - {id: captain, title: Captain, per_segment: true}
    schedule:
      - start: 2026-09-09
        captain: %s
        overrides:
          - {role: captain, person: %s, from: "2026-09-10 10:00", until: "2026-09-11 10:00"}
    """


def test_everyone_in_the_roster(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("support", ROTATION % ("ana-ruiz", "ben-ode"))
    assert handbook.findings() == []


def test_unknown_people_with_the_closest_spelling(handbook: Handbook) -> None:
    # One name for both segments is one place to fix, so one finding.
    handbook.people("ana-ruiz", "ben-ode").rotation("support", ROTATION % ("ana-ruis", "zed"))
    assert handbook.findings() == [
        "data/rotations/support.yml:9:14: error[roster]: unknown person 'ana-ruis': "
        "there is no data/people/ana-ruis.yml (did you mean 'ana-ruiz'?)",
        "data/rotations/support.yml:11:33: error[roster]: unknown person 'zed': "
        "there is no data/people/zed.yml (expected one of: ana-ruiz, ben-ode)",
    ]


def test_the_rule_can_be_turned_off(handbook: Handbook) -> None:
    handbook.people("ana-ruiz").rotation("support", ROTATION % ("ana-ruiz", "nobody"), """\
    rules:
      roster: {enabled: false}
    """)
    assert handbook.findings() == []
