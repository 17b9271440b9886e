"""By keyboard alone: the on-duty answer, a template's copy and a checklist's ticks; each change is announced.

Each test reaches its controls with Tab only (never a click or a focus() call), acts with Enter, Space
or typing, and reads what a screen reader would be told: the text of the page's live regions
(`role="status"`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from browser_fixture import BUILD_NOW, PageLog, Site

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


def tab_to(page: Page, selector: str, limit: int = 300) -> None:
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    pytest.fail(f"Tab never reached {selector}", pytrace=False)


def live_text(page: Page, selector: str) -> str:
    return str(page.locator(selector).evaluate("e => e.closest('[role=status]') ? e.textContent : 'NOT LIVE'"))


@pytest.fixture
def keyboard_page(new_context: Callable[..., BrowserContext], page_log: PageLog) -> Page:
    page = page_log.watch(new_context().new_page())
    page.clock.set_fixed_time(BUILD_NOW)
    return page


def test_the_on_duty_answer_is_announced_and_its_header_copied_by_keyboard(
    keyboard_page: Page, page_log: PageLog, site_for: Callable[[str], Site]
) -> None:
    page = keyboard_page
    page.goto(site_for("pages").url("now/"))
    page.wait_for_selector(".duty-status--live")
    header = page.locator('[data-duty-rotation="sustain"] [data-duty-header]').inner_text()
    announced = live_text(page, "[data-duty-announce]")
    assert f"Sustain: {header}." in announced  # who is on duty, told once the script knows
    assert "Help desk: " in announced
    tab_to(page, '[data-duty-rotation="sustain"] [data-duty-copy]')
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.md-dialog')?.textContent.trim() !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == header
    assert live_text(page, ".md-dialog__inner") != "NOT LIVE"  # Material's "Copied" box is a live region
    assert page_log.problems() == []


def test_a_template_is_filled_and_copied_by_keyboard(
    keyboard_page: Page, page_log: PageLog, site_for: Callable[[str], Site]
) -> None:
    page = keyboard_page
    page.goto(site_for("content-project").url("templates/"))
    page.wait_for_selector('#hb-template-more-info[data-hb-ready="1"]')
    tab_to(page, "#hb-template-more-info [data-field]")
    page.keyboard.type("Sam")
    tab_to(page, "#hb-template-more-info .hb-template__copy")
    page.keyboard.press("Enter")
    status = "#hb-template-more-info .hb-template__status"
    page.wait_for_function("(s) => document.querySelector(s).textContent !== ''", arg=status)
    assert live_text(page, status) == "Copied."
    assert str(page.evaluate("navigator.clipboard.readText()")).startswith("Hi Sam,")
    assert page_log.problems() == []


def test_checklist_ticks_are_set_by_keyboard_and_the_count_announced(
    keyboard_page: Page, page_log: PageLog, site_for: Callable[[str], Site]
) -> None:
    page = keyboard_page
    page.goto(site_for("content-project").url("checklists/"))
    page.wait_for_selector('#hb-checklist-handover[data-hb-ready="1"]')
    boxes = page.locator("#hb-checklist-handover input[type=checkbox]")
    total = boxes.count()
    tab_to(page, "#hb-checklist-handover input[type=checkbox]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    progress = "#hb-checklist-handover .hb-checklist__progress"
    assert live_text(page, progress) == f"2 of {total} done"
    assert [boxes.nth(i).is_checked() for i in range(2)] == [True, True]
    tab_to(page, "#hb-checklist-handover .hb-checklist__reset")
    page.keyboard.press("Enter")
    assert live_text(page, progress) == f"0 of {total} done"
    assert page_log.problems() == []
