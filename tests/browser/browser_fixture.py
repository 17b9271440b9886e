"""What the browser tests share besides fixtures: the served `Site`, the `PageLog` and the build date.

Import these from here (`from browser_fixture import Site, PageLog, BUILD_NOW`), not from `conftest`: two
conftest modules exist (tests/ and tests/browser/), and which one `import conftest` finds is up to pytest.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from site_fixture import BUILD_EPOCH, BUILD_NOW

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Dialog, Page, Request, Route

__all__ = ["BUILD_EPOCH", "BUILD_NOW", "CHROMIUM", "LOCAL_HOST", "PageLog", "Site", "open_settled"]

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
LOCAL_HOST = "127.0.0.1"


@dataclass(frozen=True)
class Site:
    """A built handbook (`directory`) served at `base_url` (ending in `/`), built "as of" `now` (the fixtures'
    BUILD_NOW; the example's is `site_fixture.content_now()`): the instant a test sets the browser's clock to."""

    directory: Path
    base_url: str
    now: dt.datetime = BUILD_NOW

    def url(self, path: str = "") -> str:
        """The address of a site-relative path, e.g. `url("templates/")`."""
        return self.base_url + path.lstrip("/")

    def pages(self, *, one_per_layout: bool = False) -> list[str]:
        """Every HTML page of the site as a site-relative URL path (`""`, `templates/`, …), 404 page left out.

        `one_per_layout`: of the pages in one section (`people/<id>/`, `teams/<id>/`, …) only the first of each
        layout: a page whose article has the same elements (tag, classes and attribute names, at the same depth)
        as one already listed differs from it in text only. Top-level pages are always listed.
        """
        found = []
        layouts: set[tuple[str, frozenset[tuple[str, str, tuple[str, ...], int]]]] = set()
        for path in sorted(self.directory.rglob("*.html")):
            relative = path.relative_to(self.directory).as_posix()
            if relative == "404.html":
                continue
            section = relative.split("/")[0] if relative.count("/") >= 2 else ""
            if one_per_layout and section:
                layout = (section, _layout(path.read_text(encoding="utf-8")))
                if layout in layouts:
                    continue
                layouts.add(layout)
            found.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        return found


class _Layout(HTMLParser):
    """The elements inside a page's <article>: (tag, classes, attribute names, depth), as a set."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.article = 0  # depth just inside the <article>, 0 outside it
        self.elements: set[tuple[str, str, tuple[str, ...], int]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.article = self.depth + 1
        elif self.article:
            names = tuple(sorted(name for name, _ in attrs))
            self.elements.add((tag, dict(attrs).get("class") or "", names, self.depth - self.article))
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.depth -= 1
        if tag == "article":
            self.article = 0


def _layout(html: str) -> frozenset[tuple[str, str, tuple[str, ...], int]]:
    parser = _Layout()
    parser.feed(html)
    parser.close()
    return frozenset(parser.elements)


@dataclass
class PageLog:
    """What went wrong on the pages being watched; `problems()` lists it all, one line each."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        """Record `page`'s console errors, exceptions and dialogs; abort its requests to other hosts."""
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "") if message.location else ""
            self.console_errors.append(f"{location}: {message.text}")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _route(self, route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in (LOCAL_HOST, "localhost"):
            route.continue_()
            return
        self.foreign_requests.append(url)
        route.abort()

    def problems(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"uncaught exception: {text}" for text in self.page_errors]
            + [f"dialog opened: {text}" for text in self.dialogs]
            + [f"request to another host: {text}" for text in self.foreign_requests]
        )

    def clear(self) -> None:
        for records in (self.console_errors, self.page_errors, self.dialogs, self.foreign_requests):
            records.clear()


# The page's own work after the load event is done: the "on duty now" widget (now.js) has its answer, or has
# said the schedule could not be loaded; every diagram is drawn (Material swaps each `pre.mermaid` for a
# `div.mermaid` once mermaid has rendered it; a `pre` that lost the class waits for a mermaid it never got);
# the search is ready (its worker has read the index: Material then replaces "Initializing search" with its
# placeholder text, which the page's configuration names in the handbook's language).
PAGE_SETTLED = """() => {
    const status = document.querySelector("[data-duty-status]");
    const answered = !status || status.classList.contains("duty-status--live")
        || status.textContent.includes("could not be loaded");
    const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
    const meta = document.querySelector(".md-search-result__meta");
    const searchable = !config.search || !meta
        || meta.textContent === (config.translations || {})["search.result.placeholder"];
    return answered && searchable && document.querySelector("pre.mermaid") === null;
}"""

# One turn of the page's task loop, so what it was about to do (a fetch answered, a request begun) is done.
_ONE_TASK = """() => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(null);
    channel.port2.postMessage(null);
})"""


def open_settled(page: Page, url: str, timeout: float = 30.0) -> None:
    """Open `url` and return once the page has settled: loaded, every request it made answered (Material's
    sitemap, search worker and index, the schedule that now.js and templates.js read), the on-duty answer shown
    and the diagrams drawn (`PAGE_SETTLED`).

    In place of `wait_until="networkidle"`, which waits for 500 ms without a request on every page: this waits
    for the page's own requests and signals, and no longer than they take. The requests are counted from
    Playwright's events; they count as answered when none is open across two turns of the page's task loop
    (a request one answer starts, as now.js's full schedule after the small one, is open by then).
    """
    pending: set[Request] = set()

    def opened(request: Request) -> None:
        pending.add(request)

    def answered(request: Request) -> None:
        pending.discard(request)

    page.on("request", opened)
    page.on("requestfinished", answered)
    page.on("requestfailed", answered)
    try:
        page.goto(url, wait_until="load", timeout=timeout * 1000)
        page.wait_for_function(PAGE_SETTLED, timeout=timeout * 1000)
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 2:
            page.evaluate(_ONE_TASK)
            quiet = 0 if pending else quiet + 1
            if pending:
                if time.monotonic() > deadline:
                    raise AssertionError(f"{url}: requests still open after {timeout} s: {[r.url for r in pending]}")
                page.wait_for_timeout(10)
    finally:
        page.remove_listener("request", opened)
        page.remove_listener("requestfinished", answered)
        page.remove_listener("requestfailed", answered)
