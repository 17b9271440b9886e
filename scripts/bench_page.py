"""`scripts/bench page`: what the on-call page downloads, and whether anything in the site fetches from
another host (the page's own scripts, the handbook's shared ones, the JSON it reads, Chromium's requests)."""

from __future__ import annotations

import gzip
import http.server
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench_site import _build_command, _env, copy_handbook
from bench_timing import Figure, run_timed

PAGE_JS_TARGET_BYTES = 5 * 1024
PAGE_DOWNLOAD_TARGET_BYTES = 50 * 1024

# Attributes and CSS that make a browser fetch something (not plain links, which are navigation).
_FETCHING = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed|object|track)\b[^>]*?\s(?:src|data|srcset|poster)\s*=\s*["']?\s*"""
    r"""(?P<a>(?:https?:)?//[^"'\s>]+)"""
    r"""|<link\b[^>]*?\shref\s*=\s*["']?\s*(?P<b>(?:https?:)?//[^"'\s>]+)"""
    r"""|url\(\s*["']?(?P<c>(?:https?:)?//[^"')\s]+)"""
    r"""|@import\s+["'](?P<d>(?:https?:)?//[^"']+)"""
    r"""|(?:fetch|importScripts|EventSource|WebSocket|open)\(\s*["'`](?P<e>(?:https?:|wss?:)?//[^"'`]+)""",
    re.IGNORECASE,
)


# `<link>`s that name an address without fetching it: a page's canonical address (Material writes one for
# every page once `site_url` is set) and its alternates.
_NAMING_ONLY = re.compile(r"""<link\b[^>]*\srel\s*=\s*["']?(?:canonical|alternate)\b[^>]*>""", re.IGNORECASE)


def external_references(site: Path) -> dict[str, list[str]]:
    """Every URL on another host that a built page, stylesheet or script would fetch, by file."""
    found: dict[str, list[str]] = {}
    for file in sorted(site.rglob("*")):
        if file.suffix not in (".html", ".css", ".js") or not file.is_file():
            continue
        text = _NAMING_ONLY.sub("", file.read_text(encoding="utf-8", errors="replace"))
        urls = sorted({next(group for group in match.groups() if group) for match in _FETCHING.finditer(text)})
        urls = [url for url in urls if urlsplit(url if "//" in url[:8] else "http:" + url).hostname
                not in (None, "127.0.0.1", "localhost")]
        if urls:
            found[file.relative_to(site).as_posix()] = urls
    return found


_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"""\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SCOPE = re.compile(r'new URL\("[^"]*"')  # Material's inline scripts differ per page only in this


def _scripts(site: Path, page: str) -> dict[str, int]:
    """The bytes of each script `page` runs, Material's bundle and JSON configuration left out."""
    html = (site / page).read_text(encoding="utf-8")
    sizes: dict[str, int] = {}
    for match in _SCRIPT.finditer(html):
        src = _SRC.search(match.group("attributes"))
        if src is None:
            body = match.group("body").strip()
            if body and "application/json" not in match.group("attributes"):
                sizes["inline: " + _SCOPE.sub('new URL(""', body)] = len(body.encode())
            continue
        url = src.group(1).split("?")[0]
        if "//" in url or "assets/javascripts/" in url:
            continue  # Material's bundle and its workers belong to the theme, not to the handbook
        file = (site / page).parent / url if not url.startswith("/") else site / url.lstrip("/")
        sizes[file.resolve().relative_to(site.resolve()).as_posix()] = file.stat().st_size
    return sizes


def page_scripts(site: Path, page: str) -> tuple[dict[str, int], dict[str, int]]:
    """(the page's own scripts, the handbook's other scripts it loads): theme scripts, found on the 404 page
    (which has no content of its own), are left out."""
    everywhere = _scripts(site, "404.html")
    here = _scripts(site, page)
    # MkDocs loads `extra_javascript` on every page: the page's own script is the one named after it.
    stem = page.split("/")[0]
    own = {name: size for name, size in here.items() if name not in everywhere or Path(name).stem == stem}
    shared = {name: size for name, size in here.items()
              if name not in own and not name.startswith("inline: ")}
    return own, shared


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def browser_requests(site: Path, page: str) -> list[str]:
    """Every URL Chromium requests while opening `page` from a local server (waiting for the network to idle)."""
    from playwright.sync_api import sync_playwright

    handler = lambda *args: _QuietHandler(*args, directory=str(site))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    requested: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context()
            context.on("request", lambda request: requested.append(request.url))
            tab = context.new_page()
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{page.removesuffix('index.html')}",
                     wait_until="networkidle")
            tab.wait_for_timeout(1500)  # a late timer or a refresh on the live page
            browser.close()
    finally:
        server.shutdown()
    return requested


def bench_page(scratch: Path, runs: int) -> list[Figure]:
    root = scratch / "example" if (scratch / "example").is_dir() else copy_handbook(scratch / "example")
    site = scratch / "example-page-site"
    run_timed(_build_command(root, "mkdocs.yml", site), cwd=root, env=_env())
    page = "now/index.html"
    own, shared = page_scripts(site, page)
    own_bytes, shared_bytes = sum(own.values()), sum(shared.values())
    zipped = sum(len(gzip.compress((site / name).read_bytes(), mtime=0)) for name in {**own, **shared}
                 if (site / name).is_file())
    external = external_references(site)
    requests = browser_requests(site, page)
    remote = sorted({url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", "localhost")})

    def listed(sizes: dict[str, int]) -> str:
        return ", ".join(f"{name[:40]} {size} B" for name, size in sorted(sizes.items())) or "none"

    data = {name: (site / name).stat().st_size for name in ("api/now.json", "api/schedule.json")
            if (site / name).is_file()}
    fetched = [name for name in data if any(url.split("?")[0].endswith("/" + name) for url in requests)]
    downloaded = own_bytes + shared_bytes + sum(data[name] for name in fetched)
    return [
        Figure("on-call page: bytes of ours it downloads (scripts + JSON)", downloaded / 1024, "KB",
               PAGE_DOWNLOAD_TARGET_BYTES / 1024,
               f"scripts {(own_bytes + shared_bytes) / 1024:.1f} KB; "
               + ", ".join(f"{name} {data[name] / 1024:.1f} KB" for name in fetched)
               + f" (api/schedule.json is {data.get('api/schedule.json', 0) / 1024:.1f} KB)"),
        Figure("on-call page: JavaScript of its own", own_bytes / 1024, "KB", PAGE_JS_TARGET_BYTES / 1024,
               listed(own)),
        Figure("on-call page: all handbook JavaScript it loads", (own_bytes + shared_bytes) / 1024, "KB", None,
               f"site-wide extra_javascript: {listed(shared)}; {zipped / 1024:.1f} KB gzipped in all"),
        Figure("third-party requests: on-call page in Chromium", len(remote), "", 0,
               ", ".join(remote) or f"{len(requests)} requests, all to the local server"),
        Figure("third-party fetches referenced anywhere in the built site", sum(map(len, external.values())), "", 0,
               "; ".join(f"{name}: {', '.join(urls)}" for name, urls in external.items()) or "none"),
    ]
