"""Registers the Calendar page's macro with the macros plugin: `{{ calendar_feeds() }}`.

Only glue: it fetches the checked data from `build_cache` and the site's address from mkdocs.yml
(`site_url`, optional), and calls `calendar_page.feed_tables`, which returns Markdown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.adapter.page_context import checked_data
from macros.pages.calendar_tables import feed_tables


def register(env: Any, root: Path) -> None:
    """Add `calendar_feeds(level=2)` to `env` (the macros plugin's environment)."""

    def calendar_feeds(level: int = 2) -> str:
        checked = checked_data(root)
        assert checked.project is not None
        conf = getattr(env, "conf", None) or {}
        return feed_tables(checked.project, conf.get("site_url") or None, level=level)

    env.macro(calendar_feeds, "calendar_feeds")
