"""The handbook's navigation tabs fit one line, uncut, on a 1280 px wide window (and nothing of the product's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from browser_fixture import PageLog, Site, open_settled

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

# For each tab: its label, its top edge, whether its text is cut, and its right edge against the list's, which
# is the page grid's (wider lists are clipped there or scroll sideways, the "Portabili" of an overfull bar).
MEASURE_TABS = """() => {
  const list = document.querySelector('.md-tabs__list');
  const edge = Math.min(list.getBoundingClientRect().right, document.documentElement.clientWidth);
  return [...list.querySelectorAll('.md-tabs__item')].map(item => {
    const link = item.querySelector('.md-tabs__link');
    const box = item.getBoundingClientRect();
    return {label: link.textContent.trim(), top: Math.round(box.top), cut: link.scrollWidth > link.clientWidth,
            right: box.right, width: edge, scrolls: list.scrollWidth > list.clientWidth};
  });
}"""


def test_the_tabs_fit_one_line_at_1280_px(
    new_context: Callable[..., BrowserContext], page_log: PageLog, example_site: Site
) -> None:
    page = page_log.watch(new_context(viewport={"width": 1280, "height": 800}).new_page())
    page.clock.install(time=example_site.now)
    open_settled(page, example_site.url(""))
    tabs = page.evaluate(MEASURE_TABS)
    labels = [tab["label"] for tab in tabs]
    assert len(labels) >= 2 and "Rotations" in labels
    assert "Performance" not in labels and "Portability" not in labels
    assert len({tab["top"] for tab in tabs}) == 1, tabs
    assert not any(tab["cut"] for tab in tabs), tabs
    assert all(tab["right"] <= tab["width"] and not tab["scrolls"] for tab in tabs), tabs
    assert page_log.problems() == []
