"""A rotation page's data sections: facts, roles, schedule table, escalation policy, team contacts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from content_fixture import elements, to_html
from fixture_project import load
from macros.model.findings import DataError
from macros.pages.rotation import (
    escalation_section,
    mermaid_label,
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
from pages_fixture import BUILD_NOW, assert_golden, at, links, pages

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
    weeks = "".join(f"  - {{start: {dt.date(2026, 1, 5) + dt.timedelta(weeks=n)}, duty: {'ana' if n % 2 else 'ben'}}}\n"
                    for n in range(30))
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


def test_the_escalation_diagram_names_who_is_on_duty_at_the_build() -> None:
    project, expansions = pages()
    markdown = escalation_section(project, expansions["sustain"], BUILD_NOW, links(PAGE))
    diagram = markdown.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert diagram.splitlines() == [
        "flowchart TD",
        '  page(["A page goes out"])',
        '  page -->|"paged at once"| step1["Primary: Cy Engineer"]',
        '  step1 -->|"no acknowledgement: paged after 15 min"| step2["Backup: Ben Engineer"]',
        '  step2 -->|"no acknowledgement: paged after 30 min"| step3["Lead: Ana Lead"]',
    ]
    # The vendored Mermaid is loaded by this page itself: Material would fetch it from a CDN otherwise.
    assert markdown.startswith('<script src="../../assets/vendor/mermaid.min.js"></script>')


def test_mermaid_labels_cannot_break_out() -> None:
    hostile = 'x"] --> evil["<img src=x onerror=alert(1)>'
    label = mermaid_label(hostile)
    assert label.count('"') == 2 and "<" not in label and "]" not in label
    assert label == '"x#34;#93; --#62; evil#91;#34;#60;img src#61;x onerror#61;alert(1)#62;"'


def test_a_rotation_without_escalation_says_so() -> None:
    project, expansions = pages()
    assert "pages nobody" in escalation_section(project, expansions["desk"], BUILD_NOW, links("rotations/desk.md"))


def test_unsafe_contact_urls_are_shown_as_text_not_links() -> None:
    project, _ = pages()
    html = to_html(team_contacts(project, "ops"))
    assert [a.attrs["href"] for a in elements(html, "a")] == ["https://help.example.com/core"]
    assert "javascript:alert(1)" in elements(html, "li")[3].text


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


JUDGED = """\
    name: On call
    period: {weeks: 1}
    handoff: {weekday: wednesday, time: "09:00", timezone: Europe/Lisbon}
    roles:
      - {id: captain, title: Captain}
      - {id: mate, title: First Mate}
    escalation:
      - {role: captain, after_minutes: 0}
      - {role: mate, when: when the Captain judges it needed}
    schedule:
      - {start: 2026-11-18, captain: ana, mate: ben}
    """


def test_an_escalation_step_without_a_delay_shows_the_rotations_own_words(tmp_path: Path) -> None:
    project = load(tmp_path, {"data/rotations/oncall.yml": JUDGED})
    expansion = expand_rotation(project, "oncall")
    markdown = escalation_section(project, expansion, at(2026, 11, 23, 12), links("rotations/oncall.md"))
    rows = [line for line in markdown.splitlines() if line.startswith("| 2 ")]
    assert rows == ["| 2 | When the Captain judges it needed | First Mate | [Ben](../people/ben.md) |"]
    # The diagram's arrow carries the same words, without "no acknowledgement" (nobody waits for a timeout).
    assert '|"when the Captain judges it needed"| step2' in markdown
    assert "no acknowledgement" not in markdown


def test_an_escalation_step_needs_a_delay_or_a_judgement(tmp_path: Path) -> None:
    from fixture_project import findings

    neither = JUDGED.replace("{role: mate, when: when the Captain judges it needed}", "{role: mate}")
    with pytest.raises(DataError) as caught:
        load(tmp_path, {"data/rotations/oncall.yml": neither})
    assert [f.message for f in caught.value.findings] == [
        "the step says neither when nor after how long the role is paged"
    ]
    both = JUDGED.replace("when: when the Captain", "after_minutes: 10, when: or sooner when the Captain")
    project = load(tmp_path / "both", {"data/rotations/oncall.yml": both})
    markdown = escalation_section(project, expand_rotation(project, "oncall"), at(2026, 11, 23, 12),
                                  links("rotations/oncall.md"))
    assert "| 2 | Paged after 10 min (or sooner when the Captain judges it needed) | First Mate |" in markdown
    alone = {"data/rotations/duty.yml": None, "data/rotations/oncall.yml": JUDGED}
    assert [line for line in findings(tmp_path / "ok", alone) if "error" in line] == []


def test_meetings_without_time_are_listed_with_kind_and_attendees(tmp_path: Path) -> None:
    team = """\
        name: Delivery
        contacts:
          - {label: Quality guild, mention: "@quality-guild", mentions: ["@test-champions"]}
        meetings:
          - {id: planning, title: Planning, kind: planning, weekday: tuesday, attendees: [the whole team, "<b>"]}
        """
    project = load(tmp_path, {"data/teams/delivery.yml": team})
    assert team_meetings(project, "delivery", links(PAGE)) == (
        "- **Planning** *planning*: every Tuesday\n    - Attendees: the whole team, &lt;b&gt;\n"
    )  # no feed link: the team has no meeting a calendar could show
    assert team_contacts(project, "delivery") == (
        "- **Quality guild**: <code>@quality-guild</code> <code>@test-champions</code>\n"
    )


def test_facts_show_the_hand_over_deadline_and_the_one_more_period_rule(tmp_path: Path) -> None:
    rotation = JUDGED.replace(
        "roles:",
        "handover_deadline: {weekday: friday, time: \"17:00\"}\n"
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
