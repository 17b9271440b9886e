"""Each handbook script loads only on the pages that show its widget."""

from __future__ import annotations

from pathlib import Path

from macros.pages.markup import Links
from macros.pages.page_scripts import PAGE_SCRIPTS, script_tags

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_a_page_gets_the_scripts_of_its_widgets_only() -> None:
    links = Links("now.md")
    assert script_tags('<p class="duty-status" data-duty-status>', links) == (
        '\n<script src="../assets/js/now.js"></script>'
    )
    both = script_tags('<div class="hb-checklist" data-hb-checklist="{}"></div><div class="duty-feed">', links)
    assert both.count("<script") == 2 and "checklists.js" in both and "calendar.js" in both
    assert script_tags("<p>Nothing to enhance</p>", links) == ""


def test_every_listed_script_exists() -> None:
    assert all((DOCS / script).is_file() for script, _ in PAGE_SCRIPTS)
