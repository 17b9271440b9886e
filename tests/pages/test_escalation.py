"""The escalation policy: the diagram and table of who is paged when, in the rotation's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_project import load
from macros.model.findings import DataError
from macros.pages.escalation import escalation_section, mermaid_label
from macros.schedule.expansion import expand_rotation
from pages_fixture import BUILD_NOW, JUDGED, at, links, pages

PAGE = "rotations/sustain.md"


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
    markdown = escalation_section(
        project, expand_rotation(project, "oncall"), at(2026, 11, 23, 12), links("rotations/oncall.md")
    )
    assert "| 2 | Paged after 10 min (or sooner when the Captain judges it needed) | First Mate |" in markdown
    alone = {"data/rotations/duty.yml": None, "data/rotations/oncall.yml": JUDGED}
    assert [line for line in findings(tmp_path / "ok", alone) if "error" in line] == []
