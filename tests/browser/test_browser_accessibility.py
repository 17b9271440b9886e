"""Accessibility: axe-core on every kind of page of the example and of the test handbooks, in light and dark mode.

Every top-level page is checked, and of the pages of one section (a person, a team, a rotation) one per layout
(`Site.pages(one_per_layout=True)`): a person's page laid out like one already checked differs from it in text
only, and axe judges elements, attributes and colours, which such pages share. The other browser tests
(every page loads cleanly, every page fits a phone) still visit every page.

axe-core is the npm package pinned in package.json (installed by `make pytest` with `npm ci`); it is
injected into each page with Playwright and run once the page's scripts have filled it in. A page passes
with no violation of impact "serious" or "critical". No rule is switched off: contrast, link styling and
the search dialog's name are fixed in docs/assets/css/ and the theme override instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from axe_check import check_site, load_axe
from browser_fixture import Site

from site_fixture import REPO

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

# The test handbooks' sites are checked in test_browser_accessibility_fixtures.py: a module of its own, so the
# two halves can run in the suite's two processes at once.


@pytest.fixture(scope="module")
def axe_source() -> str:
    return load_axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_example_site(
    new_context: Callable[..., BrowserContext], example_site: Site, axe_source: str, scheme: str
) -> None:
    assert check_site(new_context, example_site, scheme, axe_source) > 10


def test_axe_is_the_pinned_version(axe_source: str) -> None:
    import json

    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert f"axe v{pinned}" in axe_source[:300]


def test_one_page_per_layout_keeps_top_level_pages_and_each_layout_of_a_section(tmp_path: Path) -> None:
    def page(path: str, article: str) -> None:
        target = tmp_path / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<html><body><nav><a href='/'>x</a></nav><article>{article}</article></body></html>")

    page("", "<h1>Home</h1>")
    page("now", "<h1>Now</h1>")
    page("people", "<h1>People</h1><ul><li>a</li></ul>")
    page("people/ana", "<h1>Ana</h1><p class='who'>Ana, <a href='#'>team</a></p>")
    page("people/ben", "<h1>Ben Longername</h1><p class='who'>Ben, <a href='#'>other team</a></p>")  # text only
    page("people/cy", "<h1>Cy</h1><p class='who'><img src='cy.png' alt='Cy'> Cy</p>")  # a picture
    page("teams/ops", "<h1>Ops</h1><p class='who'>Ana, <a href='#'>team</a></p>")  # another section
    site = Site(tmp_path, "http://127.0.0.1/")
    assert len(site.pages()) == 7
    assert site.pages(one_per_layout=True) == ["", "now/", "people/ana/", "people/cy/", "people/", "teams/ops/"]
