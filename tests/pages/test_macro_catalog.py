"""The one list of macros a page may call: what the adapter registers and what the Writing pages page shows."""

from __future__ import annotations

from pathlib import Path

from macros.pages.macro_catalog import HANDBOOK_MACROS, PLUGIN_CALLABLES

REPO = Path(__file__).resolve().parents[2]


def test_the_writing_pages_page_shows_every_macro() -> None:
    page = (REPO / "docs" / "page-macros.md").read_text(encoding="utf-8")
    assert [name for name in HANDBOOK_MACROS if f"{name}(" not in page] == []


def test_an_id_argument_is_a_rotation_or_a_team_by_its_keyword() -> None:
    for name, argument in HANDBOOK_MACROS.items():
        if argument is not None:
            kind, keyword = argument
            assert keyword == f"{kind}_id" and name.startswith(kind), name
    assert not set(HANDBOOK_MACROS) & PLUGIN_CALLABLES
