"""Small pieces the content pages share: a heading with a fixed anchor, JSON for a data attribute."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from macros.pages import markup

# Anchors of groups that are not a rotation contain `_`, which an id (and so a rotation's anchor) cannot.
GENERAL_ANCHOR = "_general"
GENERAL_TITLE = "General"


def heading(level: int, title: str, anchor: str) -> str:
    """A Markdown heading showing `title` literally, with the anchor `anchor` (attr_list)."""
    return f"{'#' * level} {markup.text(title)} {{#{anchor}}}"


def json_attribute(value: Any) -> str:
    """JSON for a double-quoted HTML attribute, on one line so Markdown sees one raw HTML block."""
    return html.escape(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")), quote=True)


def utc_stamp(moment: dt.datetime) -> str:
    """`2026-11-23T08:00:00Z`: what JavaScript's `Date.parse` reads the same in every browser."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def in_listed_order(ids: list[str], listed: list[str]) -> list[str]:
    """`ids` in the order a rotation lists them (its `checklists` or `templates`); unlisted ones after, as they were."""
    return sorted(ids, key=lambda item: listed.index(item) if item in listed else len(listed))
