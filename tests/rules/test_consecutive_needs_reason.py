"""`consecutive-needs-reason`: a second period in a row is a warning unless the schedule says why."""

from __future__ import annotations

from fixture_handbook import Handbook

HEADER = """\
    name: SRE duty
    period: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: duty, title: Duty}
      - {id: backup, title: Backup, required: false}
    """


def test_two_in_a_row_without_a_reason_is_a_warning(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ana-ruiz}
      - {start: 2026-09-21, duty: ben-ode}
    """)
    assert handbook.findings() == [
        "data/rotations/sre.yml:9:31: warning[consecutive-needs-reason]: ana-ruiz is on duty 2 periods in a row "
        "(2026-09-07, 2026-09-14) with no reason given "
        "(say why with `{person: ana-ruiz, reason: ...}`, or pick someone else)"
    ]


def test_a_reason_on_any_of_their_assignments_is_enough(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - start: 2026-09-14
        duty: ben-ode
        backup: {person: ana-ruiz, reason: ben-ode's first week}
    """)
    assert handbook.findings() == []


def test_not_in_a_row_when_another_period_lies_between(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - {start: 2026-09-14, duty: ben-ode}
      - {start: 2026-09-21, duty: ana-ruiz}
    """)
    assert handbook.findings() == []


def test_every_later_period_of_a_streak_needs_its_own_reason(handbook: Handbook) -> None:
    # The third week also breaks max-consecutive; the reason given for the second does not carry over.
    handbook.people("ana-ruiz").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-12-21, duty: ana-ruiz}
      - {start: 2026-12-28, duty: {person: ana-ruiz, reason: holidays}}
      - {start: 2027-01-04, duty: ana-ruiz}
    """)
    assert handbook.findings("consecutive-needs-reason") == [
        "data/rotations/sre.yml:10:31: warning[consecutive-needs-reason]: ana-ruiz is on duty 3 periods in a row "
        "(2026-12-21, 2026-12-28, 2027-01-04) with no reason given "
        "(say why with `{person: ana-ruiz, reason: ...}`, or pick someone else)"
    ]


def test_overrides_do_not_make_a_streak(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("sre", HEADER, """\
    schedule:
      - {start: 2026-09-07, duty: ana-ruiz}
      - start: 2026-09-14
        duty: ben-ode
        overrides:
          - {role: duty, person: ana-ruiz, from: "2026-09-15 09:00", until: "2026-09-16 09:00"}
    """)
    assert handbook.findings() == []
