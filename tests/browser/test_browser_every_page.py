"""Every page of the built sites loads in Chromium without a console error, a dialog or a foreign request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from browser_fixture import PageLog, Site, open_settled

if TYPE_CHECKING:
    from playwright.sync_api import Page


def visit_all(page: Page, page_log: PageLog, site: Site) -> dict[str, list[str]]:
    page.clock.install(time=site.now)
    found: dict[str, list[str]] = {}
    for path in site.pages():
        page_log.clear()
        open_settled(page, site.url(path))
        problems = page_log.problems()
        if page.evaluate("typeof window.hbInjected") != "undefined":  # set by the fixtures' hostile text
            problems.append("a script from the data ran")
        if problems:
            found[path] = problems
    return found


def test_the_example_site(page: Page, page_log: PageLog, example_site: Site) -> None:
    pages = example_site.pages()
    assert "" in pages and "templates/" in pages and "checklists/" in pages and "common-tasks/" in pages
    assert visit_all(page, page_log, example_site) == {}


@pytest.mark.parametrize("fixture", ["content-project"])
def test_a_fixture_site(page: Page, page_log: PageLog, site_for: Callable[[str], Site], fixture: str) -> None:
    site = site_for(fixture)
    assert visit_all(page, page_log, site) == {}
