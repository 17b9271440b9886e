"""A rotation page's data sections: facts, roles, schedule table; the whole generated page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from content_fixture import elements, to_html
from fixture_project import load
from macros.pages.rotation import (
    escalation_section,
    roles_section,
    rotation_facts,
    rotation_page,
    rotation_purpose,
    schedule_table,
    team_contacts,
    team_meetings,
    team_ownership,
    visible_periods,
)
from macros.schedule.expansion import expand_rotation
from pages_fixture import BUILD_NOW, JUDGED, assert_golden, at, links, pages

PAGE = "rotations/sustain.md"


def test_facts_roles_and_team_match_their_golden_file() -> None:
    project, _ = pages()
    text = "\n".join(
        [
            rotation_purpose(project, "sustain"),
            rotation_facts(project, "sustain", links(PAGE)),
            roles_section(project, "sustain"),
            team_contacts(project, "ops"),
            team_ownership(project, "ops"),
            team_meetings(project, "ops", links(PAGE)),
        ]
    )
    assert_golden("sustain-sections.md", text)


def test_schedule_and_escalation_match_their_golden_file() -> None:
    project, expansions = pages()
    text = schedule_table(project, expansions["sustain"], BUILD_NOW, links(PAGE))
    text += "\n" + escalation_section(project, expansions["sustain"], BUILD_NOW, links(PAGE))
    assert_golden("sustain-schedule.md", text)


def test_desk_schedule_lists_daily_shifts() -> None:
    project, expansions = pages()
    table = schedule_table(project, expansions["desk"], BUILD_NOW, links("rotations/desk.md"))
    assert_golden("desk-schedule.md", table)


def test_the_current_period_is_marked_once_and_names_link_to_people() -> None:
    project, expansions = pages()
    html = to_html(schedule_table(project, expansions["sustain"], BUILD_NOW, links(PAGE)))
    rows = elements(html, "tr")[1:]
    current = [row for row in rows if "Now" in row.text]
    assert len(current) == 1 and "9 Nov – 23 Nov 2026" in current[0].text
    hrefs = {a.attrs["href"] for a in elements(html, "a")}
    assert hrefs == {f"../people/{p}.md" for p in ["ana", "dee", "ben", "cy", "fay", "gus"]}


def test_notes_list_the_period_note_and_the_override() -> None:
    project, expansions = pages()
    html = to_html(schedule_table(project, expansions["sustain"], BUILD_NOW, links(PAGE)))
    notes = [[cell for cell in row.children if cell.tag == "td"][-1].text for row in elements(html, "tr")[1:]]
    assert "Release week" in notes[2]
    assert "Gus Engineer covers Primary 11 Nov 09:00 – 12 Nov 17:00: Ben at a conference" in notes[2]


def test_four_past_the_current_and_twelve_upcoming_periods(tmp_path: Path) -> None:
    weeks = "".join(
        f"  - {{start: {dt.date(2026, 1, 5) + dt.timedelta(weeks=n)}, duty: {'ana' if n % 2 else 'ben'}}}\n"
        for n in range(30)
    )
    project = load(
        tmp_path,
        {
            "data/rotations/duty.yml": (
                "name: Duty\nperiod: {weeks: 1}\n"
                'handoff: {weekday: monday, time: "09:00", timezone: UTC}\n'
                "roles:\n  - {id: duty, title: Duty}\nschedule:\n" + weeks
            )
        },
    )
    expansion = expand_rotation(project, "duty")
    shown = visible_periods(expansion, at(2026, 3, 4))  # a Wednesday in the tenth week
    assert [p.index for p in shown] == list(range(4, 9)) + list(range(9, 21))
    assert shown[4].start <= at(2026, 3, 4) < shown[4].end
    assert [p.index for p in visible_periods(expansion, at(2025, 1, 1))] == list(range(12))
    assert [p.index for p in visible_periods(expansion, at(2027, 1, 1))] == list(range(26, 30))


def test_the_schedule_ends_with_the_channel_header_to_copy() -> None:
    project, expansions = pages()
    html = to_html(schedule_table(project, expansions["sustain"], BUILD_NOW, links(PAGE)))
    (button,) = elements(html, "button", "duty-copy")
    assert button.attrs["data-clipboard-text"] == (
        "Sustain: Lead @ana · Primary @cy · Backup @ben, until Mon 23 Nov 09:00 Europe/Berlin"
    )


def test_a_generated_page_strings_the_sections_together() -> None:
    project, expansions = pages()
    assert_golden("desk-page.md", rotation_page(project, expansions["desk"], BUILD_NOW, links("rotations/desk.md")))


def test_a_role_per_daily_shift_and_per_week_lists_each_shift_then_each_week(tmp_path: Path) -> None:
    project = load(
        tmp_path,
        {
            "data/people/cy.yml": "name: Cy\nhandle: cy\nteam: core\ntimezone: UTC\n",
            "data/rotations/duty.yml": """\
                name: Duty
                period: {weeks: 2}
                segment: {weeks: 1}
                handoff: {weekday: monday, time: "09:00", timezone: UTC}
                shifts:
                  - {id: day, title: Day, start: "09:00", end: "21:00"}
                  - {id: night, title: Night, start: "21:00", end: "09:00"}
                roles:
                  - {id: duty, title: Duty, per_shift: true, per_segment: true}
                schedule:
                  - start: 2026-11-16
                    duty: {day: [ana, ben], night: cy}
                """,
        },
    )
    table = schedule_table(project, expand_rotation(project, "duty"), at(2026, 11, 20), links("rotations/duty.md"))
    row = [line for line in table.splitlines() if line.startswith("|")][-1]
    assert row.split(" | ")[1] == (
        "*Day*<br>Week 1: [Ana](../people/ana.md)<br>Week 2: [Ben](../people/ben.md)<br>Night: [Cy](../people/cy.md) |"
    )


def test_facts_show_the_hand_over_deadline_and_the_one_more_period_rule(tmp_path: Path) -> None:
    rotation = JUDGED.replace(
        "roles:",
        'handover_deadline: {weekday: friday, time: "17:00"}\n'
        "    rules:\n      max-consecutive: {max: 2, one_more_when_told: true}\n    roles:",
    )
    project = load(tmp_path, {"data/rotations/oncall.yml": rotation})
    facts = rotation_facts(project, "oncall", links("rotations/oncall.md")).splitlines()
    assert "- **Hand-over deadline:** Friday, 17:00 (Europe/Lisbon), before each hand-off" in facts
    assert any(line.startswith("- **Periods in a row:** at most 2; one more only when") for line in facts)
    plain = load(tmp_path / "plain", {"data/rotations/oncall.yml": JUDGED})
    assert "deadline" not in rotation_facts(plain, "oncall", links("rotations/oncall.md"))


def test_the_schedule_notes_a_vacant_period_and_who_told_the_team(tmp_path: Path) -> None:
    rotation = JUDGED.replace(
        "      - {start: 2026-11-18, captain: ana, mate: ben}",
        "      - {start: 2026-11-18, captain: ana, mate: ben}\n"
        "      - {start: 2026-11-25, vacant: nobody free}\n"
        "      - {start: 2026-12-02, vacant: all away, captain: {person: ana, told: '~web'}, mate: ben}",
    )
    project = load(tmp_path, {"data/rotations/oncall.yml": rotation})
    table = schedule_table(project, expand_rotation(project, "oncall"), at(2026, 11, 20), links("rotations/x.md"))
    rows = [line for line in table.splitlines() if line.startswith("| ")][2:]  # after header and rule
    assert rows[1].endswith("| Vacant: nobody free |")
    assert rows[2].endswith("| Vacant: all away<br>Ana: team told: &#126;web |")  # ~ escaped for Markdown
