"""The Checklists page in Chromium: ticks kept per duty period, a reset, and printing one checklist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from browser_fixture import BUILD_NOW, PageLog, Site

if TYPE_CHECKING:
    from playwright.sync_api import Page

UTC = dt.UTC
HANDOFF = dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 Europe/Berlin: the next ops-duty period


@pytest.fixture
def site(site_for: Callable[[str], Site]) -> Site:
    return site_for("content-project")


def open_checklists(page: Page, site: Site) -> None:
    page.goto(site.url("checklists/"))
    page.wait_for_selector('#hb-checklist-handover[data-hb-ready="1"]')
    page.wait_for_selector('#hb-checklist-new-task[data-hb-ready="1"]')


def ticked(page: Page, checklist: str) -> list[bool]:
    boxes = page.locator(f"#hb-checklist-{checklist} input[type=checkbox]")
    return [boxes.nth(i).is_checked() for i in range(boxes.count())]


def progress(page: Page, checklist: str) -> str:
    return str(page.locator(f"#hb-checklist-{checklist} .hb-checklist__progress").inner_text())


def box(page: Page, checklist: str, number: int) -> None:
    page.locator(f"#hb-checklist-{checklist} input[type=checkbox]").nth(number).check()


def test_ticks_survive_a_reload_and_a_new_period_starts_clean(page: Page, page_log: PageLog, site: Site) -> None:
    page.clock.install(time=BUILD_NOW)
    open_checklists(page, site)
    assert ticked(page, "handover") == [False] * 4
    assert "current duty period" in page.locator("#hb-checklist-handover .hb-checklist__period").inner_text()
    box(page, "handover", 0)
    box(page, "handover", 3)
    box(page, "new-task", 1)
    assert progress(page, "handover") == "2 of 4 done"

    page.reload()
    open_checklists(page, site)
    assert ticked(page, "handover") == [True, False, False, True]
    assert ticked(page, "new-task") == [False, True]
    assert progress(page, "handover") == "2 of 4 done"

    # One minute after the hand-off, without a reload: the open page notices the new period.
    page.clock.fast_forward(int((HANDOFF - BUILD_NOW).total_seconds() * 1000) + 60_000)
    page.wait_for_function("() => !document.querySelector('#hb-checklist-handover input').checked")
    assert ticked(page, "handover") == [False] * 4
    assert progress(page, "handover") == "0 of 4 done"
    assert ticked(page, "new-task") == [False, True]  # no rotation: kept until unticked

    page.reload()
    open_checklists(page, site)
    assert ticked(page, "handover") == [False] * 4
    box(page, "handover", 1)
    page.reload()
    open_checklists(page, site)
    assert ticked(page, "handover") == [False, True, False, False]
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb-checklist:')).sort()")
    assert keys == ["hb-checklist:handover:2026-11-23T08:00:00Z", "hb-checklist:new-task:always"]
    assert page_log.problems() == []


def test_untick_all_clears_the_list_for_good(page: Page, page_log: PageLog, site: Site) -> None:
    page.clock.install(time=BUILD_NOW)
    open_checklists(page, site)
    box(page, "handover", 0)
    box(page, "handover", 1)
    page.locator("#hb-checklist-handover").get_by_role("button", name="Untick all").click()
    assert ticked(page, "handover") == [False] * 4
    page.reload()
    open_checklists(page, site)
    assert ticked(page, "handover") == [False] * 4
    assert page_log.problems() == []


def test_outside_the_schedule_ticks_are_kept_under_their_own_key(page: Page, page_log: PageLog, site: Site) -> None:
    page.clock.install(time=dt.datetime(2027, 3, 1, 12, 0, tzinfo=UTC))
    open_checklists(page, site)
    assert "No duty period is scheduled now" in page.locator("#hb-checklist-handover").inner_text()
    box(page, "handover", 2)
    page.reload()
    open_checklists(page, site)
    assert ticked(page, "handover") == [False, False, True, False]
    assert page.evaluate("localStorage.getItem('hb-checklist:handover:unscheduled')") is not None
    assert page_log.problems() == []


def test_printing_shows_the_boxes_and_hides_the_navigation(page: Page, page_log: PageLog, site: Site) -> None:
    page.clock.install(time=BUILD_NOW)
    open_checklists(page, site)
    box(page, "handover", 0)
    page.evaluate("window.print = () => { window.hbPrinted = true; }")
    page.locator("#hb-checklist-handover").get_by_role("button", name="Print this checklist").click()
    assert page.evaluate("window.hbPrinted") is True
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("#hb-checklist-handover .hb-checklist__actions").is_hidden()
    assert page.locator("#hb-checklist-handover input[type=checkbox]").first.is_visible()
    assert page.locator("#checklist-handover").is_visible()  # its heading
    assert page.locator("#hb-checklist-new-task").is_hidden()  # "print this checklist": only this one
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#hb-checklist-new-task").is_visible()  # a plain print shows every checklist
    assert page_log.problems() == []
