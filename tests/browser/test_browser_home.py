"""Home and rotation pages in Chromium: who is on duty and the next hand-off follow the viewer's clock.

The site is built from tests/fixtures/pages as of 2026-11-20 12:00 UTC. The Sustain rotation hands off on
Monday 23 November at 09:00 Berlin (08:00 UTC): the browser is put a minute before and a minute after, and
what the overview shows must come from now.js reading api/schedule.json, not from the built HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from browser_fixture import PageLog, Site
from playwright.sync_api import BrowserContext

HANDOFF = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def overview(new_context: Callable[..., BrowserContext], page_log: PageLog, site: Site, when: dt.datetime,
             path: str = "") -> dict[str, Any]:
    page = page_log.watch(new_context(timezone_id="Europe/Berlin").new_page())
    page.clock.set_fixed_time(when)
    page.goto(site.url(path))
    page.wait_for_selector(".duty-status--live")
    return dict(page.evaluate(
        """() => {
            const row = document.querySelector('[data-duty-rotation="sustain"]');
            const roles = {};
            for (const r of row.querySelectorAll("[data-duty-role]")) {
                roles[r.dataset.dutyRole] = r.querySelector("[data-duty-now]").textContent;
            }
            return {roles, handoff: row.querySelector("[data-duty-handoff]").textContent,
                    status: document.querySelector("[data-duty-status]").textContent};
        }"""
    ))


def test_the_overview_follows_the_clock_across_a_handoff(
    new_context: Callable[..., BrowserContext], page_log: PageLog, site_for: Callable[[str], Site]
) -> None:
    site = site_for("pages")
    built = (site.directory / "index.html").read_text(encoding="utf-8")
    assert "As of the last build, Fri 20 Nov 2026, 12:00 UTC." in built  # the no-JavaScript answer, marked
    assert " in 2 d " not in built  # no countdown baked into the HTML

    before = overview(new_context, page_log, site, HANDOFF - dt.timedelta(minutes=1))
    after = overview(new_context, page_log, site, HANDOFF + dt.timedelta(minutes=1))
    assert before["roles"] == {"lead": "Ana Lead", "primary": "Cy Engineer", "backup": "Ben Engineer"}
    assert after["roles"] == {"lead": "Dee Lead", "primary": "Fay Engineer", "backup": "Gus Engineer"}
    assert before["handoff"].startswith("Next hand-off: Mon 23 Nov 09:00 Europe/Berlin")
    assert before["handoff"].endswith("in less than a minute.") or before["handoff"].endswith("in 1 min.")
    assert after["handoff"] == "Next hand-off: Mon 30 Nov 09:00 Europe/Berlin, in 6 d 23 h."
    assert before["status"].startswith("Live: as of Mon 23 Nov 08:59")
    assert page_log.problems() == []


def test_a_rotation_page_follows_the_clock_too(
    new_context: Callable[..., BrowserContext], page_log: PageLog, site_for: Callable[[str], Site]
) -> None:
    site = site_for("pages")
    before = overview(new_context, page_log, site, HANDOFF - dt.timedelta(minutes=1), "rotations/sustain/")
    after = overview(new_context, page_log, site, HANDOFF + dt.timedelta(minutes=1), "rotations/sustain/")
    assert (before["roles"]["primary"], after["roles"]["primary"]) == ("Cy Engineer", "Fay Engineer")
    assert after["handoff"] == "Next hand-off: Mon 30 Nov 09:00 Europe/Berlin, in 6 d 23 h."
    assert page_log.problems() == []
