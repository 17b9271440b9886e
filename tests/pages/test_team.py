"""A team's generated page: what the team's file says, plus its rotations and members from the other files."""

from __future__ import annotations

from pathlib import Path

from content_fixture import elements, to_html
from fixture_project import load
from macros.model.loader import load_project
from macros.pages.generated import expand_nav
from macros.pages.markup import Links
from macros.pages.team import team_contacts, team_meetings, team_page, team_page_path
from pages_fixture import links, pages

PAGE = "rotations/sustain.md"

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


def test_unsafe_contact_urls_are_shown_as_text_not_links() -> None:
    project, _ = pages()
    html = to_html(team_contacts(project, "ops"))
    assert [a.attrs["href"] for a in elements(html, "a")] == ["https://help.example.com/core"]
    assert "javascript:alert(1)" in elements(html, "li")[3].text


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
