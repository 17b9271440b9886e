"""The helpers the rules share: naming slots and following streaks through a schedule."""

from __future__ import annotations

from fixture_handbook import Handbook

from macros.model.loader import load_project
from macros.rules.slots import is_override, join_words, period_days, segment_label, slot_label, streaks
from macros.schedule.expansion import expand_rotation

ROTATION = """\
    name: Sustained engineering
    period: {weeks: 2}
    segment: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    shifts:
      - {id: emea, title: EMEA, start: "08:00", end: "16:00"}
    roles:
      - {id: lead, title: Lead}
      - {id: primary, title: Primary, per_segment: true, per_shift: true}
    schedule:
      - {start: 2026-09-07, lead: ana-ruiz, primary: {emea: ben-ode}}
      - {start: 2026-09-21, lead: ana-ruiz, primary: {emea: ben-ode}}
      - {start: 2026-10-12, lead: ana-ruiz, primary: {emea: ben-ode}}
      - start: 2026-10-26
        lead: ana-ruiz
        primary: {emea: ben-ode}
        overrides:
          - {role: lead, person: ben-ode, from: "2026-10-27 09:00", until: "2026-10-28 09:00"}
    """


def test_words() -> None:
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "b", "c"], "or") == "a, b or c"


def test_slot_names_and_streaks(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("se", ROTATION)
    expansion = expand_rotation(load_project(handbook.root), "se")
    rotation = expansion.rotation
    assert segment_label(rotation, 1) == "week 2"
    assert slot_label(rotation, "primary", "emea") == "Primary (emea)"
    assert slot_label(rotation, "lead", None) == "Lead"
    assert [a.person for a in expansion.assignments if is_override(a)] == ["ben-ode"]
    # The third cycle starts a week after the second ends: both streaks start again there.
    assert list(streaks(expansion)) == [
        (0, "ana-ruiz", 0), (0, "ben-ode", 0),
        (1, "ana-ruiz", 0), (1, "ben-ode", 0),
        (2, "ana-ruiz", 2), (2, "ben-ode", 2),
        (3, "ana-ruiz", 2), (3, "ben-ode", 2),
    ]
    assert period_days(expansion, 0, 3) == "2026-09-07, 2026-09-21, 2026-10-12, 2026-10-26"
    assert period_days(expansion, 0, 0) == "2026-09-07"


CYCLE = """\
    name: Sustained engineering
    period: {weeks: 2}
    segment: {weeks: 1}
    handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
    roles:
      - {id: primary, title: Primary, per_segment: true}
      - {id: backup, title: Backup, per_segment: true}
    rules:
      cycle-role-split: {roles: [primary, backup]}
      consecutive-needs-reason: {enabled: false}
    """


def test_a_misspelt_role_key_is_one_finding_not_a_cascade(handbook: Handbook) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("set", CYCLE, """\
    schedule:
      - {start: 2026-09-07, primery: [ana-ruiz, ben-ode], backup: [ben-ode, ana-ruiz]}
    """)
    assert handbook.findings() == [
        "data/rotations/set.yml:12:25: error[schedule]: 'primery' is not a role of this rotation "
        "(did you mean 'primary'?)"
    ]


def test_a_list_where_one_holder_fits_is_one_finding_and_other_periods_are_still_checked(
    handbook: Handbook,
) -> None:
    handbook.people("ana-ruiz", "ben-ode").rotation("set", CYCLE, """\
    schedule:
      - {start: 2026-09-07, primary: [ana-ruiz, ben-ode, ana-ruiz], backup: [ben-ode, ana-ruiz]}
      - {start: 2026-09-21, primary: [ana-ruiz, ben-ode], backup: [ana-ruiz, ben-ode]}
    """)
    assert handbook.findings() == [
        "data/rotations/set.yml:12:34: error[schedule]: 'primary' lists 3 people "
        "(give a list of 2 people, one per segment)",
        # The broken period gets no coverage or role-split finding; the next, readable one is still checked.
        "data/rotations/set.yml:13:64: error[one-role-per-period]: ana-ruiz is both Primary and Backup "
        "in the period 2026-09-21 (week 1) (give one of them to someone else)",
        "data/rotations/set.yml:13:74: error[one-role-per-period]: ben-ode is both Primary and Backup "
        "in the period 2026-09-21 (week 2) (give one of them to someone else)",
    ]
