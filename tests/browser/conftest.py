"""Shared fixtures of the browser tests: a built handbook served on localhost, and Chromium through Playwright.

Every test in tests/browser/ is marked `browser` and skips when Playwright or Chromium is missing (with
HANDBOOK_REQUIRE_ALL=1, as .ci/run sets, a skip fails the run: see tests/conftest.py).

Fixtures (all sites are built once per test session, "as of" `Site.now`):

- `example_site` -> Site: the repository's own handbook (its mkdocs.yml, docs/, macros/ and data/), built
  with `mkdocs build --strict` into a temporary folder and served by `python3 -m http.server`, as of
  `site_fixture.content_now()` (SOURCE_DATE_EPOCH when set: .ci/run tests other handbooks that way).
  Tests on it are content tests (`tests/content_marks.py`): they must hold for any valid handbook.
- `site_for` -> callable: `site_for("content-project")` builds the site sources with the data of
  `tests/fixtures/<name>/data` instead (see `site_fixture.copy_site`), as of `BUILD_NOW`, and serves it;
  cached per name.
  `site_for(name, instant=True)` sets `site_url` too, which Material's instant navigation needs.
- `browser` -> playwright Browser: Debian's Chromium (`/usr/bin/chromium`, or $HANDBOOK_CHROMIUM), headless,
  launched with `--no-sandbox --disable-gpu`.
- `new_context` -> callable: `new_context(timezone_id="America/New_York")` opens a browser context with
  clipboard permissions, an English locale and UTC unless told otherwise; closed after the test.
- `page` -> playwright Page in a default context, with `page_log` recording what went wrong on it.
- `page_log` -> PageLog: console errors, uncaught exceptions, dialogs (dismissed at once: a dialog means a
  script ran that should not have) and requests to any host other than the local server (aborted).
  A page made with `new_context(...).new_page()` gets the same recording through `watch(page)`.

`Site`, `PageLog` and `BUILD_NOW` live in tests/browser/browser_fixture.py; import them from there.
Typical use:

    from browser_fixture import BUILD_NOW, PageLog, Site

    def test_something(page: Page, page_log: PageLog, example_site: Site) -> None:
        page.clock.install(time=example_site.now)  # optional: the browser's clock at the build's "now"
        page.goto(example_site.url("templates/"))
        ...
        assert page_log.problems() == []
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_fixture import BUILD_NOW, CHROMIUM, LOCAL_HOST, PageLog, Site

from site_fixture import REPO, build_env, content_now, copy_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.browser)


# --- the built and served site --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL_HOST, 0))
        return int(sock.getsockname()[1])


def _serve(directory: Path, port: int | None = None) -> tuple[subprocess.Popen[bytes], str]:
    port = port or _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", LOCAL_HOST, str(port), "--directory", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://{LOCAL_HOST}:{port}/"
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(base_url, timeout=1):
                return server, base_url
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(f"http.server did not start on port {port}") from None
            time.sleep(0.1)


def _build(root: Path, site_dir: Path, now: dt.datetime = BUILD_NOW) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        env=build_env(now),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed in {root}:\n{result.stderr[-6000:]}", pytrace=False)


@pytest.fixture(scope="session")
def _servers() -> Iterator[list[subprocess.Popen[bytes]]]:
    servers: list[subprocess.Popen[bytes]] = []
    yield servers
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="session")
def site_for(
    tmp_path_factory: pytest.TempPathFactory, _servers: list[subprocess.Popen[bytes]]
) -> Callable[..., Site]:
    """`site_for(name)`: the site built with tests/fixtures/<name>/data, served; built once per session.

    `site_for(name, instant=True)` also sets `site_url` to the address it is served at: Material's instant
    navigation (and so `document$` firing for each page shown) only works when the sitemap's addresses
    match the page's, which they do not without a `site_url`.
    """
    built: dict[tuple[str, bool], Site] = {}

    def make(fixture: str, *, instant: bool = False) -> Site:
        key = (fixture, instant)
        if key not in built:
            folder = f"site-{fixture}{'-instant' if instant else ''}"
            root = copy_site(tmp_path_factory.mktemp(folder) / "handbook", fixture)
            port = _free_port()
            if instant:
                with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
                    config.write(f"\nsite_url: http://{LOCAL_HOST}:{port}/\n")
            _build(root, root / "site")
            server, base_url = _serve(root / "site", port)
            _servers.append(server)
            built[key] = Site(root / "site", base_url)
        return built[key]

    return make


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory, _servers: list[subprocess.Popen[bytes]]) -> Site:
    """The repository's own example handbook, built strictly into a temporary folder and served."""
    site_dir = tmp_path_factory.mktemp("example-site") / "site"
    now = content_now()
    _build(REPO, site_dir, now)
    server, base_url = _serve(site_dir)
    _servers.append(server)
    return Site(site_dir, base_url, now)


# --- the browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Playwright]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """`new_context(**options)`: a fresh context (own localStorage) with clipboard access; closed afterwards."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        settings: dict[str, Any] = {
            "permissions": ["clipboard-read", "clipboard-write"],
            "locale": "en-GB",
            "timezone_id": "UTC",
        }
        settings.update(options)
        context = browser.new_context(**settings)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext], page_log: PageLog) -> Page:
    """A page in a fresh default context, watched by `page_log`."""
    return page_log.watch(new_context().new_page())
