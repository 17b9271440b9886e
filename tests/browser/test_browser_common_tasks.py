"""The Common tasks page in Chromium: the filter box narrows the entries as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from browser_fixture import PageLog, Site

if TYPE_CHECKING:
    from playwright.sync_api import Page


def visible_tasks(page: Page) -> list[str]:
    return list(page.eval_on_selector_all(".hb-task:not([hidden]) h3", "hs => hs.map(h => h.id)"))


def test_the_filter_keeps_entries_containing_every_word(
    page: Page, page_log: PageLog, site_for: Callable[[str], Site]
) -> None:
    page.goto(site_for("content-project").url("common-tasks/"))
    box = page.get_by_label("Filter")
    assert box.is_visible()
    assert visible_tasks(page) == ["task-expired-certificate", "task-disk-full"]
    box.fill("DOCKER  prune")
    assert visible_tasks(page) == ["task-disk-full"]
    assert page.locator(".hb-task-filter__count").inner_text() == "1 of 2 entries"
    box.fill("tls")
    assert visible_tasks(page) == ["task-expired-certificate"]
    box.fill("nothing matches this")
    assert visible_tasks(page) == []
    assert page.locator(".hb-task-group").is_hidden()
    assert page.locator(".hb-task-filter__none").is_visible()
    box.fill("")
    assert visible_tasks(page) == ["task-expired-certificate", "task-disk-full"]
    assert page.locator(".hb-task-filter__none").is_hidden()
    assert page_log.problems() == []
