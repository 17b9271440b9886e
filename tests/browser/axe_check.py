"""axe-core in a Playwright page: the shared part of the accessibility tests (see
tests/browser/test_browser_accessibility.py for what is checked and why)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_fixture import Site, open_settled

from site_fixture import REPO

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

AXE = Path(os.environ.get("HANDBOOK_AXE", REPO / "node_modules" / "axe-core" / "axe.min.js"))
SERIOUS = ("serious", "critical")

RUN_AXE = """async () => {
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.filter((v) => ["serious", "critical"].includes(v.impact)).map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + (n.failureSummary || "").split("\\n")[1]),
    }));
}"""


def load_axe() -> str:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (npm ci)")
    return AXE.read_text(encoding="utf-8")


# Finite CSS transitions and animations still running: axe judges the colours of the settled page.
SETTLE = """() => Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null)))"""


def violations(page: Page, axe_source: str, url: str) -> list[dict[str, Any]]:
    open_settled(page, url)
    page.evaluate(SETTLE)
    page.add_script_tag(content=axe_source)
    found = list(page.evaluate(RUN_AXE))
    if found:
        # On a loaded machine, Material's scripts may still be laying the page out when it has settled
        # (seen once in a dark-mode run: a navigation link measured mid-change, never reproduced alone). A
        # real violation stays a second later; a passing state does not hide one.
        page.wait_for_timeout(1000)
        page.evaluate(SETTLE)
        found = list(page.evaluate(RUN_AXE))
    return found


def check_site(new_context: Callable[..., BrowserContext], site: Site, scheme: str, axe_source: str) -> int:
    page = new_context(color_scheme=scheme).new_page()
    page.clock.install(time=site.now)
    found: dict[str, list[dict[str, Any]]] = {}
    pages = site.pages(one_per_layout=True)
    for path in pages:
        problems = violations(page, axe_source, site.url(path))
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected, path
        if problems:
            found[path or "/"] = problems
    assert found == {}
    return len(pages)
