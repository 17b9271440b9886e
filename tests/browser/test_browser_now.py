"""The "On duty now" page in Chromium: the script works out who is on duty at the viewer's clock.

The site is built from tests/fixtures/pages as of 2026-11-20 12:00 UTC; `page.clock.set_fixed_time` then
puts the browser at other instants, so every answer below comes from `now.js` reading api/schedule.json,
not from the HTML the build wrote. The viewer sits in New York unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from browser_fixture import BUILD_NOW, PageLog, Site, open_settled
from playwright.sync_api import BrowserContext, Page, Route

UTC = dt.UTC
VIEWER = "America/New_York"
NewContext = Callable[..., BrowserContext]


@pytest.fixture
def site(site_for: Callable[[str], Site]) -> Site:
    return site_for("pages")


def open_now(new_context: NewContext, page_log: PageLog, site: Site, when: dt.datetime, zone: str = VIEWER) -> Page:
    page = page_log.watch(new_context(timezone_id=zone).new_page())
    page.clock.set_fixed_time(when)
    page.goto(site.url("now/"))
    page.wait_for_selector(".duty-status--live")
    return page


def state(page: Page, rotation: str) -> dict[str, Any]:
    """What the page shows for one rotation: names now and next per role, the hand-off line, the header."""
    return dict(
        page.evaluate(
            """(id) => {
                const block = document.querySelector(`[data-duty-rotation="${id}"]`);
                const names = (box) => [...box.children].map((e) =>
                    e.classList.contains("duty-shift") ? e.textContent + ":" :
                    e.querySelector(".duty-person__text a")?.textContent ?? e.textContent);
                const roles = {};
                for (const r of block.querySelectorAll("[data-duty-role]")) {
                    roles[r.dataset.dutyRole] = [names(r.querySelector("[data-duty-now]")),
                                                 names(r.querySelector("[data-duty-next]"))];
                }
                return {
                    roles,
                    handoff: block.querySelector("[data-duty-handoff]").textContent,
                    header: block.querySelector("[data-duty-header]").textContent,
                    copy: block.querySelector("[data-duty-copy]").dataset.clipboardText,
                };
            }""",
            rotation,
        )
    )


def test_mid_period_matches_what_the_build_wrote(
    new_context: NewContext, page_log: PageLog, site: Site
) -> None:
    page = open_now(new_context, page_log, site, BUILD_NOW)
    sustain = state(page, "sustain")
    assert sustain["roles"] == {
        "lead": [["Ana Lead"], ["Dee Lead"]],
        "primary": [["Cy Engineer"], ["Fay Engineer"]],
        "backup": [["Ben Engineer"], ["Gus Engineer"]],
    }
    header = "Sustain: Lead @ana · Primary @cy · Backup @ben, until Mon 23 Nov 09:00 Europe/Berlin"
    assert sustain["header"] == sustain["copy"] == header
    assert sustain["handoff"] == (
        "Next hand-off: Mon 23 Nov 09:00 Europe/Berlin (Mon 23 Nov 03:00 America/New_York, your time), in 2 d 20 h."
    )
    desk = state(page, "desk")
    assert desk["roles"] == {"agent": [["Early:", "Eve Agent"], ["Late:", "<img src=x onerror=alert(1)>"]]}
    # The viewer's zone is the rotation's: no second time.
    assert desk["handoff"] == "Next hand-off: Fri 20 Nov 14:00 America/New_York, in 7 h 0 min."
    status = page.locator("[data-duty-status]").inner_text()
    assert status == (
        "Live: as of Fri 20 Nov 07:00 America/New_York (your time). "
        "Worked out in your browser from the schedule published Fri 20 Nov 12:00 UTC."
    )
    assert page_log.problems() == []


def test_one_minute_before_and_after_a_handoff(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    handoff = dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Berlin
    before = state(open_now(new_context, page_log, site, handoff - dt.timedelta(minutes=1)), "sustain")
    assert [now for now, _ in before["roles"].values()] == [["Ana Lead"], ["Cy Engineer"], ["Ben Engineer"]]
    assert before["handoff"].endswith(", in 1 min.")

    after = state(open_now(new_context, page_log, site, handoff + dt.timedelta(minutes=1)), "sustain")
    assert after["roles"] == {
        "lead": [["Dee Lead"], ["Dee Lead"]],
        # A week later primary and backup swap: that is the next hand-off.
        "primary": [["Fay Engineer"], ["Gus Engineer"]],
        "backup": [["Gus Engineer"], ["Fay Engineer"]],
    }
    assert after["header"] == "Sustain: Lead @dee · Primary @fay · Backup @gus, until Mon 30 Nov 09:00 Europe/Berlin"
    assert after["handoff"].endswith(", in 6 d 23 h.")
    assert page_log.problems() == []


def test_the_dst_weekend(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    # Saturday 24 Oct 2026: Berlin still on summer time; the clocks go back on Sunday. The Monday hand-off at
    # 09:00 is then 08:00 UTC (not 07:00), which New York (still on summer time) sees at 04:00.
    page = open_now(new_context, page_log, site, dt.datetime(2026, 10, 24, 12, 0, tzinfo=UTC))
    sustain = state(page, "sustain")
    assert [now for now, _ in sustain["roles"].values()] == [["Ana Lead"], ["Cy Engineer"], ["Ben Engineer"]]
    assert sustain["handoff"] == (
        "Next hand-off: Mon 26 Oct 09:00 Europe/Berlin (Mon 26 Oct 04:00 America/New_York, your time), in 1 d 20 h."
    )
    assert page.locator('[data-duty-rotation="sustain"] time').get_attribute("datetime") == "2026-10-26T08:00:00Z"
    assert page_log.problems() == []


def test_a_viewer_in_tokyo_sees_their_own_time(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    page = open_now(new_context, page_log, site, BUILD_NOW, zone="Asia/Tokyo")
    assert "(Mon 23 Nov 17:00 Asia/Tokyo, your time)" in state(page, "sustain")["handoff"]
    assert page_log.problems() == []


def test_past_the_end_of_the_schedule(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    page = open_now(new_context, page_log, site, dt.datetime(2027, 1, 5, 12, 0, tzinfo=UTC))
    for rotation, name in (("sustain", "Sustain"), ("desk", "Help desk")):
        shown = state(page, rotation)
        assert shown["handoff"] == (
            "No one is scheduled. The schedule has ended: add periods to the rotation's data file."
        )
        assert shown["header"] == shown["copy"] == f"{name}: no one scheduled"
        assert all(now == ["nobody"] and upcoming == ["nobody"] for now, upcoming in shown["roles"].values())
    assert page.locator(".duty-handoff--none").count() == 2
    assert page_log.problems() == []


def published_until(page: Page, end: str) -> None:
    """Serve api/schedule.json and api/now.json as a build whose window ended at `end` would have: later
    shifts left out (near the end of api/now.json's window the page reads the full file)."""

    def cut(route: Route) -> None:
        data = route.fetch().json()
        data["window"]["end"] = end
        data["shifts"] = [s for s in data["shifts"] if s["start"] < end]
        route.fulfill(json=data)

    def cut_rows(route: Route) -> None:
        data = route.fetch().json()
        start = data["fields"].index("start")
        data["window"]["end"] = end
        data["shifts"] = [row for row in data["shifts"] if row[start] < end]
        route.fulfill(json=data)

    page.route("**/api/schedule.json", cut)
    page.route("**/api/now.json", cut_rows)


def test_after_the_published_window_the_page_does_not_say_the_schedule_ended(
    new_context: NewContext, page_log: PageLog, site: Site
) -> None:
    # The fixture's data runs to 7 Dec; this copy of the file stops on 25 Nov, and the viewer reads on 30 Nov.
    page = page_log.watch(new_context(timezone_id=VIEWER).new_page())
    published_until(page, "2026-11-25T00:00:00Z")
    page.clock.set_fixed_time(dt.datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    page.goto(site.url("now/"))
    page.wait_for_selector(".duty-status--live")
    for rotation in ("sustain", "desk"):
        shown = state(page, rotation)
        assert "has ended" not in shown["handoff"]
        assert shown["handoff"].startswith("Not known from this copy of the handbook. The published schedule")
        assert "goes on after that" in shown["handoff"]
        assert "has ended" not in shown["handoff"] and "nobody" not in str(shown["roles"])
    sustain, desk = state(page, "sustain"), state(page, "desk")
    # The lead's two-week period began before the file's end and is in it whole: still known.
    assert sustain["roles"]["lead"][0] == ["Dee Lead"]
    assert sustain["roles"]["primary"][0] == ["not in the published schedule"]
    assert desk["roles"]["agent"][0] == ["not in the published schedule"]
    # The channel headers of the weeks around the build were written by it, from the whole data.
    assert sustain["header"].startswith("Sustain: Lead @dee · ") and desk["header"].startswith("Help desk: ")
    assert page_log.problems() == []


def test_a_handoff_after_the_published_window_leaves_next_unknown(
    new_context: NewContext, page_log: PageLog, site: Site
) -> None:
    page = page_log.watch(new_context(timezone_id=VIEWER).new_page())
    published_until(page, "2026-11-25T00:00:00Z")
    page.clock.set_fixed_time(dt.datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    page.goto(site.url("now/"))
    page.wait_for_selector(".duty-status--live")
    sustain = state(page, "sustain")
    # The lead's period is in the file whole; the primary's next one starts after the file's end.
    assert sustain["roles"]["lead"] == [["Dee Lead"], ["Dee Lead"]]
    assert sustain["roles"]["primary"] == [["Fay Engineer"], ["not in the published schedule"]]
    assert sustain["handoff"].startswith("Next hand-off: Mon 30 Nov 09:00 Europe/Berlin")
    assert page_log.problems() == []


def test_a_name_that_is_html_stays_text(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    # 14:30 in New York: the late shift, held by the person whose name is an <img onerror> tag.
    page = open_now(new_context, page_log, site, dt.datetime(2026, 11, 20, 19, 30, tzinfo=UTC))
    assert state(page, "desk")["roles"]["agent"][0] == ["Late:", "<img src=x onerror=alert(1)>"]
    page.wait_for_timeout(300)  # an onerror handler would have run by now
    assert page.locator(".md-content img").count() == 0
    assert page_log.problems() == []  # no dialog, no error


def test_the_copy_button_copies_the_header(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    page = open_now(new_context, page_log, site, dt.datetime(2026, 11, 11, 12, 0, tzinfo=UTC))
    page.locator('[data-duty-rotation="sustain"] [data-duty-copy]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    # The week's team, not the one-day cover: the header is pasted once per week.
    assert copied == "Sustain: Lead @ana · Primary @ben · Backup @cy, until Mon 16 Nov 09:00 Europe/Berlin"
    assert page_log.problems() == []


def test_without_javascript_the_build_answer_is_shown_and_labelled(
    new_context: NewContext, page_log: PageLog, site: Site
) -> None:
    page = page_log.watch(new_context(java_script_enabled=False).new_page())
    page.goto(site.url("now/"))
    assert page.locator("[data-duty-status]").inner_text().startswith(
        "As of the last build, Fri 20 Nov 2026, 12:00 UTC. Without JavaScript"
    )
    assert state_without_script(page) == ["Ana Lead", "Cy Engineer", "Ben Engineer"]


def state_without_script(page: Page) -> list[str]:
    # page.evaluate still works with scripts disabled for the page itself.
    return list(page.locator('[data-duty-rotation="sustain"] [data-duty-now] .duty-person__text a').all_inner_texts())


def test_instant_navigation_runs_the_script_again(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    page = page_log.watch(new_context(timezone_id=VIEWER).new_page())
    page.clock.set_fixed_time(dt.datetime(2026, 11, 23, 8, 1, tzinfo=UTC))
    page.goto(site.url(""))
    page.wait_for_function("() => window.document$ !== undefined")
    # Material turns links into absolute URLs for its instant navigation.
    page.locator('.md-content a[href$="/now/"]').first.click()
    page.wait_for_selector(".duty-status--live")
    assert page.evaluate("location.pathname").endswith("/now/")
    assert state(page, "sustain")["roles"]["lead"][0] == ["Dee Lead"]
    assert page_log.problems() == []


@pytest.mark.parametrize(
    "path", ["", "now/", "rotations/sustain/", "rotations/desk/", "people/", "people/mallory/", "people/ana/"]
)
def test_no_console_errors_or_foreign_requests(page: Page, page_log: PageLog, site: Site, path: str) -> None:
    page.clock.set_fixed_time(BUILD_NOW)
    open_settled(page, site.url(path))
    page.wait_for_timeout(200)
    assert page_log.problems() == []
    if path == "people/mallory/":
        assert page.locator("h1").evaluate("(h) => h.firstChild.textContent") == "<img src=x onerror=alert(1)>"
        assert page.title() == "‹img src=x onerror=alert(1)› - Duty Handbook"


def test_the_now_page_fits_a_phone(new_context: NewContext, page_log: PageLog, site: Site) -> None:
    page = page_log.watch(new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page())
    page.clock.set_fixed_time(BUILD_NOW)
    page.goto(site.url("now/"))
    page.wait_for_selector(".duty-status--live")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page_log.problems() == []


def test_the_escalation_diagram_is_drawn_by_the_vendored_mermaid(page: Page, page_log: PageLog, site: Site) -> None:
    page.clock.set_fixed_time(BUILD_NOW)
    open_settled(page, site.url("rotations/sustain/"))
    page.locator("#escalation-policy").scroll_into_view_if_needed()
    # Material swaps the fence for a div whose (closed) shadow root holds the drawn SVG: check its size.
    drawn = page.locator("div.mermaid")
    drawn.wait_for(state="visible", timeout=15_000)
    box = drawn.bounding_box()
    assert box is not None and box["height"] > 200
    assert page.locator("pre.mermaid").count() == 0
    assert page_log.problems() == []  # no request to a CDN, no console error


def _fetched(new_context: NewContext, page_log: PageLog, site: Site, when: dt.datetime) -> tuple[list[str], Page]:
    context = new_context(timezone_id=VIEWER)
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url.rsplit("/", 1)[-1]))
    page = page_log.watch(context.new_page())
    page.clock.set_fixed_time(when)
    page.goto(site.url("now/"))
    page.wait_for_selector(".duty-status--live")
    return [name for name in asked if name in ("now.json", "schedule.json")], page


def test_the_page_reads_the_small_file_and_the_full_one_only_outside_its_weeks(
    new_context: NewContext, page_log: PageLog, site: Site
) -> None:
    near, page = _fetched(new_context, page_log, site, BUILD_NOW + dt.timedelta(hours=2))
    assert near == ["now.json"]
    small = state(page, "sustain")
    far, page = _fetched(new_context, page_log, site, BUILD_NOW + dt.timedelta(days=40))  # near the window's end
    assert far == ["now.json", "schedule.json"]
    before, page = _fetched(new_context, page_log, site, BUILD_NOW - dt.timedelta(days=3))
    assert before == ["now.json", "schedule.json"]
    full = page_log.watch(new_context(timezone_id=VIEWER).new_page())
    full.route("**/api/now.json", lambda route: route.fulfill(status=404))  # without the small file: the full one
    full.clock.set_fixed_time(BUILD_NOW + dt.timedelta(hours=2))
    full.goto(site.url("now/"))
    full.wait_for_selector(".duty-status--live")
    assert state(full, "sustain") == small  # the names and titles rebuilt from the small file are the full file's
    page_log.console_errors.clear()  # the deliberate 404 is logged by the browser
    assert page_log.problems() == []
