"""Who is on duty at an instant, the next hand-off, and a person's upcoming shifts."""

from __future__ import annotations

from pathlib import Path

from fixture_project import load
from macros.schedule.expansion import expand_all, expand_rotation
from macros.schedule.onduty import duty_at, next_handoff, upcoming_shifts
from pages_fixture import at, pages


def holders(moment_args: tuple[int, ...], rotation: str = "sustain", *, upcoming: bool = False) -> list[str]:
    _, expansions = pages()
    duty = duty_at(expansions[rotation], at(*moment_args))
    return [f"{s.role}:{s.person}" for s in (duty.next if upcoming else duty.now)]


def test_mid_period_in_role_order_and_the_next_team() -> None:
    _, expansions = pages()
    duty = duty_at(expansions["sustain"], at(2026, 11, 20, 12))
    assert [f"{s.role}:{s.person}" for s in duty.now] == ["lead:ana", "primary:cy", "backup:ben"]
    # Monday 23 Nov 09:00 in Berlin (CET) is 08:00 UTC.
    assert duty.handoff == at(2026, 11, 23, 8)
    assert [f"{s.role}:{s.person}" for s in duty.next] == ["lead:dee", "primary:fay", "backup:gus"]
    assert duty.period is not None and duty.period.day.isoformat() == "2026-11-09"
    assert not duty.past_the_end


def test_one_minute_either_side_of_a_handoff() -> None:
    assert holders((2026, 11, 23, 7, 59)) == ["lead:ana", "primary:cy", "backup:ben"]
    assert holders((2026, 11, 23, 8, 0)) == ["lead:dee", "primary:fay", "backup:gus"]
    assert holders((2026, 11, 23, 8, 1)) == ["lead:dee", "primary:fay", "backup:gus"]


def test_the_segment_boundary_is_a_handoff_where_primary_and_backup_swap() -> None:
    _, expansions = pages()
    duty = duty_at(expansions["sustain"], at(2026, 11, 2, 7, 59))
    assert [f"{s.role}:{s.person}" for s in duty.now] == ["lead:dee", "primary:fay", "backup:gus"]
    assert duty.handoff == at(2026, 11, 2, 8)
    assert [f"{s.role}:{s.person}" for s in duty.next] == ["lead:dee", "primary:gus", "backup:fay"]


def test_an_override_starts_and_ends_a_stretch() -> None:
    _, expansions = pages()
    duty = duty_at(expansions["sustain"], at(2026, 11, 11, 12))
    assert [f"{s.role}:{s.person}" for s in duty.now] == ["lead:ana", "primary:gus", "backup:cy"]
    assert duty.now[1].override and duty.now[1].reason == "Ben at a conference"
    assert duty.handoff == at(2026, 11, 12, 16)  # 17:00 CET
    assert [s.person for s in duty.next] == ["ana", "ben", "cy"]


def test_across_the_dst_weekend_the_handoff_is_at_the_new_offset() -> None:
    _, expansions = pages()
    # Saturday before the change: CEST (UTC+2). The Monday hand-off is at 09:00 CET, 08:00 UTC.
    duty = duty_at(expansions["sustain"], at(2026, 10, 24, 12))
    assert [s.person for s in duty.now] == ["ana", "cy", "ben"]
    assert duty.handoff == at(2026, 10, 26, 8)


def test_daily_shifts_hand_over_each_day_and_leave_gaps() -> None:
    _, expansions = pages()
    desk = expansions["desk"]
    # 07:00 in New York: the early shift.
    morning = duty_at(desk, at(2026, 11, 20, 12))
    assert [(s.shift, s.person) for s in morning.now] == [("early", "eve")]
    assert morning.handoff == at(2026, 11, 20, 19)
    assert [(s.shift, s.person) for s in morning.next] == [("late", "mallory")]
    # 23:00 the evening before: nobody until 06:00.
    night = duty_at(desk, at(2026, 11, 20, 4))
    assert night.now == () and not night.past_the_end
    assert night.handoff == at(2026, 11, 20, 11)


def test_past_the_end_of_the_schedule() -> None:
    _, expansions = pages()
    last = duty_at(expansions["desk"], at(2026, 12, 2, 12))
    assert [s.person for s in last.now] == ["hal"]
    assert last.handoff == last.scheduled_until == at(2026, 12, 2, 15)
    assert last.next == ()
    after = duty_at(expansions["desk"], at(2026, 12, 10))
    assert after.now == () and after.handoff is None and after.past_the_end


def test_before_the_schedule_starts_the_first_period_is_next() -> None:
    _, expansions = pages()
    duty = duty_at(expansions["sustain"], at(2026, 1, 1))
    assert duty.now == () and not duty.past_the_end
    assert duty.handoff == at(2026, 10, 12, 7)
    assert [s.person for s in duty.next] == ["ana", "ben", "cy"]


def test_the_same_person_two_periods_running_is_no_handoff(tmp_path: Path) -> None:
    project = load(
        tmp_path,
        {
            "data/rotations/duty.yml": """\
                name: Duty
                period: {weeks: 1}
                handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
                roles:
                  - {id: duty, title: Duty}
                schedule:
                  - {start: 2026-11-16, duty: ana}
                  - {start: 2026-11-23, duty: {person: ana, reason: cover}}
                  - {start: 2026-11-30, duty: ben}
                """
        },
    )
    shifts = expand_rotation(project, "duty").shifts
    assert next_handoff(shifts, at(2026, 11, 20)) == at(2026, 11, 30, 8)


def test_upcoming_shifts_join_stretches_and_skip_the_past() -> None:
    _, expansions = pages()
    shifts = upcoming_shifts(expansions, "ben", at(2026, 11, 20, 12))
    # Backup for the rest of the week, then primary and backup in the December cycle.
    assert [(s.role, s.start, s.end) for s in shifts] == [
        ("backup", at(2026, 11, 16, 8), at(2026, 11, 23, 8)),
        ("primary", at(2026, 12, 7, 8), at(2026, 12, 14, 8)),
        ("backup", at(2026, 12, 14, 8), at(2026, 12, 21, 8)),
    ]


def test_upcoming_shifts_join_a_role_held_for_both_segments(tmp_path: Path) -> None:
    project = load(
        tmp_path,
        {
            "data/rotations/duty.yml": """\
                name: Duty
                period: {weeks: 2}
                segment: {weeks: 1}
                handoff: {weekday: monday, time: "09:00", timezone: UTC}
                roles:
                  - {id: duty, title: Duty, per_segment: true}
                schedule:
                  - {start: 2026-11-23, duty: ana}
                """
        },
    )
    shifts = upcoming_shifts(expand_all(project), "ana", at(2026, 11, 1))
    assert [(s.start, s.end) for s in shifts] == [(at(2026, 11, 23, 9), at(2026, 12, 7, 9))]
