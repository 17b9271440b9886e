"""Registers the content macros (templates, checklists, common tasks) with the macros plugin.

Only glue: each macro fetches the checked data from `build_cache` (loaded once per change of `data/`)
and calls a core function that returns Markdown with raw HTML blocks. Macro output is not rendered by
Jinja again, which is what keeps a template body's `{{ }}` and `{% %}` verbatim.

    {{ templates_page() }}      every template, as a form with live text and a copy button
    {{ checklists_page() }}     every checklist, with boxes remembered per duty period
    {{ common_tasks_page() }}   every common-task entry, grouped by rotation, with a filter box
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from macros.adapter.build_cache import Checked
from macros.adapter.page_context import checked_data, page_links, remembered
from macros.feeds.api_json import SCHEDULE_PATH
from macros.pages.checklists import checklists_page
from macros.pages.common_tasks import common_tasks_page
from macros.pages.markup import Links
from macros.pages.templates import templates_page


def register(env: Any, root: Path) -> None:
    """Add the content macros to `env` (the macros plugin's environment)."""

    def checked() -> Checked:
        return checked_data(root)

    def links() -> Links:
        return page_links(env)

    def templates(level: int = 2) -> str:
        data = checked()
        assert data.project is not None and data.report is not None
        schedule_url = links().url(SCHEDULE_PATH)
        make = partial(templates_page, data.project, data.report.expansions, data.now, schedule_url, level)
        return remembered(env, root, "templates_page", (level,), make)

    def checklists(level: int = 2) -> str:
        data = checked()
        assert data.project is not None and data.report is not None
        make = partial(checklists_page, data.project, data.report.expansions, level)
        return remembered(env, root, "checklists_page", (level,), make)

    def common_tasks(level: int = 2) -> str:
        data = checked()
        assert data.project is not None
        make = partial(common_tasks_page, data.project, links(), level)
        return remembered(env, root, "common_tasks_page", (level,), make)

    env.macro(templates, "templates_page")
    env.macro(checklists, "checklists_page")
    env.macro(common_tasks, "common_tasks_page")
