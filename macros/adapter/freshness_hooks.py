"""Page freshness in the MkDocs build: warn about stale or ownerless pages, add the footer line.

Glue around `macros.pages.freshness` for `macros/adapter/hooks.py`: `start_build` runs one `git log` for the
whole project (in `on_pre_build`), `page_markdown` checks one page's front matter (in
`on_page_markdown`), logs each finding as a MkDocs warning (so `--strict` fails) and appends the
"Owner · Review by · Last changed" line to the page.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.structure.pages import Page

from macros.adapter.build_cache import Checked
from macros.pages.freshness import check_page, footer_html, git_dates

log = logging.getLogger("mkdocs.hooks.handbook")

_dates: dict[str, dt.datetime] | None = None
# The owners map of the last checked data (one per build, not one per page: it lists every person).
_owners_of: tuple[Checked, dict[str, str]] | None = None


def start_build(root: Path) -> None:
    """Read the commit dates of docs/ and data/ once for this build."""
    global _dates, _owners_of
    _dates = git_dates(root)
    _owners_of = None


def _owners(checked: Checked | None) -> dict[str, str] | None:
    global _owners_of
    if checked is None or checked.project is None:
        return None
    if _owners_of is not None and _owners_of[0] is checked:
        return _owners_of[1]
    names = {team_id: team.name for team_id, team in checked.project.teams.items()}
    names.update({person_id: person.name for person_id, person in checked.project.people.items()})
    _owners_of = (checked, names)
    return names


def page_markdown(markdown: str, page: Page, docs_dir: str, root: Path, checked: Checked | None) -> str:
    """The page's Markdown with the freshness line appended; warnings logged."""
    file = page.file
    today = (checked.now if checked is not None else dt.datetime.now(dt.timezone.utc)).date()
    own: list[str] = []
    source: str | None = None
    if file.abs_src_path:
        absolute = Path(file.abs_src_path).resolve()
        try:
            relative = absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            relative = None
        if relative is not None:
            own.append(relative)
        shown = relative or absolute.as_posix()
        try:
            source = absolute.read_text(encoding="utf-8")
        except OSError:
            source = None
    else:
        shown = f"{Path(docs_dir).name}/{file.src_uri} (generated)"
    freshness = check_page(
        shown, page.meta, today, source=source, owners=_owners(checked), dates=_dates, files=own,
        generated=not file.abs_src_path,
    )
    for finding in freshness.findings:
        log.warning(finding.format())
    return markdown.rstrip("\n") + "\n\n" + footer_html(freshness) + "\n"
