"""The handbook on a phone (390 × 844 px, touch): nothing clipped, tap targets of 44 px, the answer first.

- Every page of the example and of the test handbooks: the page does not scroll sideways; a table wider
  than the screen sits in a frame that scrolls and keeps its first column fixed; every control (button,
  form field, checklist tick, header button) is at least 44 × 44 px. Links inside running text are
  exempt, as WCAG 2.5.8 exempts inline targets.
- "On duty now": the first answer (who holds the first role) is on screen without scrolling.
- One page of each type, from the test handbooks (their data never changes), is compared with a golden
  screenshot reviewed by eye (tests/golden/phone/; `UPDATE_GOLDEN=1` rewrites them). A few per cent of
  pixels may differ (anti-aliasing, a font hinting change) before the test fails.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_fixture import BUILD_NOW, PageLog, Site, open_settled

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

WIDTH, HEIGHT = 390, 844
PHONE = {"viewport": {"width": WIDTH, "height": HEIGHT}, "is_mobile": True, "has_touch": True, "device_scale_factor": 1}
GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "phone"
PIXEL_THRESHOLD = 48  # a channel difference below this is anti-aliasing, not a change
ALLOWED_SHARE = 0.02  # share of pixels that may differ by more

FITS = """() => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    if (document.documentElement.scrollWidth > width) {
        problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    }
    const scrollerOf = (element) => {
        for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
            if (["auto", "scroll"].includes(getComputedStyle(e).overflowX)) return e;
        }
        return null;
    };
    document.querySelectorAll(".md-content table").forEach((table, index) => {
        const scroller = scrollerOf(table);
        const box = (scroller || table).getBoundingClientRect();
        if (box.width === 0) return;
        if (box.right > width + 0.5) problems.push(`table ${index + 1} is clipped at ${Math.round(box.right)} px`);
        if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) {
            const first = table.querySelector("tr > :first-child");
            if (first && getComputedStyle(first).position !== "sticky") {
                problems.push(`table ${index + 1} scrolls without a fixed first column`);
            }
        }
    });
    const controls = "button, input:not([type=checkbox]):not([type=hidden]), select, textarea, .md-button, "
        + ".md-header__button, .hb-checklist__item > label, .task-list-control";
    for (const element of document.querySelectorAll(controls)) {
        if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const r = element.getBoundingClientRect();
        if (r.width === 0 || r.right <= 0 || r.left >= width) continue;  // the closed navigation drawer
        if (r.width < 43.5 || r.height < 43.5) {
            const name = (element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 30);
            problems.push(`${element.tagName.toLowerCase()}.${element.className} "${name}" is `
                + `${Math.round(r.width)} × ${Math.round(r.height)} px`);
        }
    }
    return problems;
}"""


def phone_page(
    new_context: Callable[..., BrowserContext], page_log: PageLog, scheme: str = "light", now: dt.datetime = BUILD_NOW
) -> Page:
    page = page_log.watch(new_context(color_scheme=scheme, **PHONE).new_page())
    page.clock.set_fixed_time(now)
    return page


def misfits(page: Page, site: Site) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in site.pages():
        open_settled(page, site.url(path))
        problems = list(page.evaluate(FITS))
        if problems:
            found[path or "/"] = problems
    return found


def test_every_example_page_fits_a_phone(
    new_context: Callable[..., BrowserContext], page_log: PageLog, example_site: Site
) -> None:
    page = phone_page(new_context, page_log, now=example_site.now)
    assert misfits(page, example_site) == {}
    assert page_log.problems() == []


@pytest.mark.parametrize("fixture", ["content-project", "pages"])
def test_every_fixture_page_fits_a_phone(
    new_context: Callable[..., BrowserContext], page_log: PageLog, site_for: Callable[[str], Site], fixture: str
) -> None:
    page = phone_page(new_context, page_log, scheme="dark")
    assert misfits(page, site_for(fixture)) == {}
    assert page_log.problems() == []


def test_the_on_duty_answer_is_above_the_fold(
    new_context: Callable[..., BrowserContext], page_log: PageLog, example_site: Site
) -> None:
    page = phone_page(new_context, page_log, now=example_site.now)
    page.goto(example_site.url("now/"))
    page.wait_for_selector(".duty-status--live")
    answer = page.locator("[data-duty-now]").first.locator(".duty-person, .duty-none").first
    box = answer.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= HEIGHT


# One page per type: (fixture, path, golden name). The screenshots are of the first screen only.
PAGE_TYPES = [
    ("pages", "", "home"),
    ("pages", "now/", "now"),
    ("pages", "rotations/desk/", "rotation"),
    ("pages", "people/", "people"),
    ("pages", "people/ana/", "person"),
    ("pages", "calendar/", "calendar"),
    ("pages", "report/", "report"),
    ("content-project", "templates/", "templates"),
    ("content-project", "checklists/", "checklists"),
    ("content-project", "common-tasks/", "common-tasks"),
]


def different_share(actual: bytes, golden: Path) -> float:
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(actual)) as new, Image.open(golden) as old:
        if new.size != old.size:
            return 1.0
        difference = ImageChops.difference(new.convert("RGB"), old.convert("RGB")).convert("L")
        changed = sum(difference.point(lambda value: 255 if value >= PIXEL_THRESHOLD else 0).histogram()[255:])
        return changed / (new.size[0] * new.size[1])


@pytest.mark.parametrize(("fixture", "path", "name"), PAGE_TYPES, ids=[name for _, _, name in PAGE_TYPES])
def test_the_first_screen_matches_its_golden_image(
    new_context: Callable[..., BrowserContext],
    page_log: PageLog,
    site_for: Callable[[str], Site],
    fixture: str,
    path: str,
    name: str,
) -> None:
    pytest.importorskip("PIL", reason="Pillow compares the screenshots (pip install pillow)")
    page = phone_page(new_context, page_log)
    open_settled(page, site_for(fixture).url(path))
    if path == "now/":
        page.wait_for_selector(".duty-status--live")
    shot = page.screenshot(animations="disabled", caret="hide")
    golden = GOLDEN / f"{name}.png"
    if os.environ.get("UPDATE_GOLDEN") or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(shot)
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"{golden} did not exist: written now, look at it and commit it", pytrace=False)
    share = different_share(shot, golden)
    assert share <= ALLOWED_SHARE, f"{share:.1%} of the pixels differ from {golden.name}"
    assert page_log.problems() == []
