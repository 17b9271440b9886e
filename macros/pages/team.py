"""A team's page (`teams/<id>.md`, generated unless docs/ holds one): everything `data/teams/<id>.yml` says,
with the team's rotations and members from the rest of the data."""

from __future__ import annotations

from macros.model.project import Project
from macros.pages.links import person_md, rotation_md
from macros.pages.markup import Links, text
from macros.pages.rotation import team_contacts, team_meetings, team_ownership
from macros.pages.rotation_context import team_mission


def team_page_path(team_id: str) -> str:
    return f"teams/{team_id}.md"


def team_page(project: Project, team_id: str, links: Links) -> str:
    """Mission, priority of work, rotations, members, contacts and meetings of one team."""
    team = project.teams[team_id]
    parts = [f"# {text(team.name)}", ""]
    if mission := team_mission(project, team_id):
        parts += [mission]
    if team.ownership:
        parts += ["## Priority of work", "", team_ownership(project, team_id)]
    rotations = [rotation_md(project, r, links) for r, rot in project.rotations.items() if rot.team == team_id]
    if rotations:
        parts += ["## Rotations", "", *(f"- {line}" for line in rotations), ""]
    members = [person_md(project, p, links) for p, person in project.people.items() if person.team == team_id]
    parts += ["## Members", "", *(f"- {line}" for line in members or ["*Nobody yet.*"]), ""]
    parts += ["## How to reach the team", "", team_contacts(project, team_id)]
    parts += ["## Recurring meetings", "", team_meetings(project, team_id, links)]
    parts += [f"*This page is generated from `data/teams/{team_id}.yml`.*", ""]
    return "\n".join(parts)
