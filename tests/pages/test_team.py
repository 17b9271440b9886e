"""A team's generated page: what the team's file says, plus its rotations and members from the other files."""

from __future__ import annotations

from pathlib import Path

from macros.model.loader import load_project
from macros.pages.generated import expand_nav
from macros.pages.markup import Links
from macros.pages.team import team_page, team_page_path

CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "content-project"


def test_the_page_shows_the_team_its_rotations_and_members() -> None:
    project = load_project(CONTENT)
    page = team_page(project, "ops", Links(team_page_path("ops")))
    assert page.startswith("# Operations\n\n<p>Keeps the example service running.</p>\n")
    assert "## Rotations\n\n- [" in page and "](../rotations/ops-duty.md)" in page
    members = [line for line in page.splitlines() if line.startswith("- [") and "people/" in line]
    assert len(members) == sum(1 for person in project.people.values() if person.team == "ops")
    assert "## How to reach the team" in page and "## Recurring meetings" in page


def test_the_teams_placeholder_lists_every_team() -> None:
    project = load_project(CONTENT)
    nav = expand_nav([{"People": [{"Everyone": "people/index.md"}, {"Teams": "teams/"}]}], project)
    assert nav == [{"People": [{"Everyone": "people/index.md"}, {"Teams": [{"Operations": "teams/ops.md"}]}]}]
