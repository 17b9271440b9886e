"""The home page overview: each rotation, who was on duty at the build, and the next hand-off."""

from __future__ import annotations

from macros.pages.home import duty_overview
from pages_fixture import BUILD_NOW, assert_golden, at, links, pages


def test_overview_matches_its_golden_file() -> None:
    project, expansions = pages()
    assert_golden("home-overview.md", duty_overview(project, expansions, BUILD_NOW, links("index.md")))


def test_past_the_end_of_every_schedule() -> None:
    project, expansions = pages()
    text = duty_overview(project, expansions, at(2027, 2, 1), links("index.md"))
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    assert [row.split(" | ")[1:] for row in rows] == [["no one scheduled", "none scheduled |"]] * 2
