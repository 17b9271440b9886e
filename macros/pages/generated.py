"""The pages the build adds from data, and the part of the navigation that mirrors the data.

- `people/index.md` and `people/<id>.md` for everyone in `data/people/`;
- `rotations/<id>.md` for a rotation that has no hand-written page in `docs/rotations/` yet (a team
  writes that page to describe its process; the generated one only strings the data sections together);
- `teams/<id>.md` for a team that has no hand-written page in `docs/teams/`.

The navigation in `mkdocs.yml` holds the placeholders `rotations/` and `teams/`, each of which becomes one
entry per file in data order, so adding a rotation or team file adds it to the site's navigation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from macros.model.project import Project
from macros.model.reuse import Reuse
from macros.pages.links import rotation_page
from macros.pages.markup import Links, front_matter, page_title
from macros.pages.people import people_files
from macros.pages.rotation import rotation_page as generated_rotation_page
from macros.pages.team import team_page, team_page_path
from macros.schedule.expansion import Expansion

ROTATIONS_PLACEHOLDER = "rotations/"
TEAMS_PLACEHOLDER = "teams/"


def generated_pages(
    project: Project,
    expansions: Mapping[str, Expansion],
    now: dt.datetime,
    docs_pages: Collection[str],
    directory_urls: bool = True,
    reuse: Reuse | None = None,
) -> dict[str, str]:
    """Source path under docs/ → Markdown, for every page the data implies and docs/ does not hold
    (`reuse`: see `people_files`)."""
    pages = people_files(project, expansions, now, directory_urls, reuse)
    for rotation_id in project.rotations:
        path = rotation_page(rotation_id)
        if path not in docs_pages and rotation_id in expansions:
            links = Links(path, directory_urls)
            body = generated_rotation_page(project, expansions[rotation_id], now, links)
            sources = [f"data/rotations/{rotation_id}.yml", "data/people"]
            pages[path] = front_matter(project.rotations[rotation_id].name, sources) + body
    for team_id, team in project.teams.items():
        path = team_page_path(team_id)
        if path not in docs_pages:
            team_markdown = team_page(project, team_id, Links(path, directory_urls))
            pages[path] = front_matter(team.name, [f"data/teams/{team_id}.yml", "data/rotations"]) + team_markdown
    return {path: text for path, text in pages.items() if path not in docs_pages}


def rotations_nav(project: Project) -> list[dict[str, str]]:
    """One navigation entry per rotation (titles made safe: MkDocs' templates print them as they are)."""
    return [{page_title(rotation.name): rotation_page(rotation_id)} for rotation_id, rotation in
            project.rotations.items()]


def teams_nav(project: Project) -> list[dict[str, str]]:
    return [{page_title(team.name): team_page_path(team_id)} for team_id, team in project.teams.items()]


def expand_nav(nav: Any, project: Project) -> Any:
    """`nav` with every `Title: rotations/` (`teams/`) entry replaced by a section listing those pages."""
    if isinstance(nav, list):
        return [expand_nav(item, project) for item in nav]
    if isinstance(nav, dict):
        placeholders = {ROTATIONS_PLACEHOLDER: rotations_nav, TEAMS_PLACEHOLDER: teams_nav}
        return {
            title: placeholders[value](project) if isinstance(value, str) and value in placeholders
            else expand_nav(value, project)
            for title, value in nav.items()
        }
    return nav
