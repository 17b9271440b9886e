"""The MkDocs side of `scripts/bench`: full builds against bare ones, serve rebuilds, the on-call page.

*Bare* is the physical limit: the same pages as plain Markdown. A capture hook, added to a copy of the
handbook, records every page's final Markdown after macro expansion (generated pages included) and
every other file of the site (assets, calendar feeds, JSON). The bare build reads those from a
scratch docs folder with the same theme, Markdown extensions, navigation and search, but without the
macros plugin and our hooks. The difference between the two is what the handbook machinery costs.

Each measured copy is a git repository with one commit, so page freshness ("last changed") does its
real work, and every build is "as of" the same instant (SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

import synthetic_data
from bench_timing import ROOT, Figure, Timing, interleaved, run_timed

MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
BUILD_NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
SYNTHETIC_SIZE = (500, 6, 5)  # people, rotations, years, on top of the example data
EXAMPLE_TARGET, SYNTHETIC_TARGET = 1.15, 1.30
SERVE_MARGIN_SECONDS = 0.3
PAGE_JS_TARGET_BYTES = 5 * 1024
PAGE_DOWNLOAD_TARGET_BYTES = 50 * 1024
COPIED = ["mkdocs.yml", "docs", "macros", "data"]
CAPTURE_HOOK = '''"""Bench capture hook: each page's final Markdown, every other site file, and the navigation."""

import json
import os
from pathlib import Path

from mkdocs.plugins import event_priority

_pages = {}
_files = None


@event_priority(-100)  # after the macros plugin and every other hook
def on_page_markdown(markdown, page, config, files):
    _pages[page.file.src_uri] = markdown
    return markdown


@event_priority(-100)
def on_files(files, config):
    global _files
    _files = files
    return files


@event_priority(-100)
def on_post_build(config):
    out = Path(os.environ["BENCH_CAPTURE_DIR"])
    docs = out / "docs"
    for uri, markdown in _pages.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    docs_dir = Path(config.docs_dir).resolve()
    for file in _files or []:
        if file.is_documentation_page():
            continue
        from_docs = file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs_dir)
        if file.generated_by or from_docs:
            target = docs / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    (out / "nav.json").write_text(json.dumps(config.nav), encoding="utf-8")
'''


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain settings; `!!python/name:` and `!ENV` values come back as None."""


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": str(int(BUILD_NOW.timestamp())), "NO_MKDOCS_2_WARNING": "1"}


def _git(root: Path, *args: str) -> None:
    env = {**_env(), "GIT_AUTHOR_DATE": BUILD_NOW.isoformat(), "GIT_COMMITTER_DATE": BUILD_NOW.isoformat(),
           "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def copy_handbook(target: Path, synthetic: tuple[int, int, int] | None = None) -> Path:
    """The handbook's site sources and example data under `target`, plus synthetic data, committed to git."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    if synthetic:
        extra = target.parent / f"{target.name}-synthetic"
        synthetic_data.generate(extra, *synthetic)
        for file in (extra / "data").rglob("*.yml"):
            destination = target / file.relative_to(extra)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, destination)
        shutil.rmtree(extra)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "bench")
    return target


def _project_config(root: Path) -> dict[str, Any]:
    loaded = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    assert isinstance(loaded, dict)
    return loaded


def _build_command(root: Path, config: str, site: Path) -> list[str]:
    return [str(MKDOCS), "build", "--quiet", "--config-file", str(root / config), "--site-dir", str(site)]


def capture_bare(root: Path) -> Path:
    """Build `root` once with the capture hook; write the bare twin (docs + mkdocs-bare.yml) beside it."""
    (root / "bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = _project_config(root)
    hooks = [*(config.get("hooks") or []), "bench_capture.py"]
    (root / "mkdocs-capture.yml").write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "hooks": hooks}))
    bare = root.parent / f"{root.name}-bare"
    bare.mkdir()
    env = {**_env(), "BENCH_CAPTURE_DIR": str(bare)}
    done = subprocess.run(_build_command(root, "mkdocs-capture.yml", root.parent / f"{root.name}-capture-site"),
                          cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: the capture build failed:\n{done.stdout}{done.stderr}")
    nav = json.loads((bare / "nav.json").read_text(encoding="utf-8"))
    plugins = [p for p in config.get("plugins") or [] if p == "search" or (isinstance(p, dict) and "search" in p)]
    bare_config = {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": "docs",
        "plugins": plugins,
        "hooks": [],
        "watch": [],
        "nav": nav,
    }
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):  # the same template overrides, found from the twin
        bare_config["theme"] = {**theme, "custom_dir": str(root / theme["custom_dir"])}
    (bare / "mkdocs-bare.yml").write_text(yaml.safe_dump(bare_config, sort_keys=False, allow_unicode=True))
    return bare


def _count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def bench_build(scratch: Path, runs: int, label: str, synthetic: tuple[int, int, int] | None, target: float) -> Figure:
    root = copy_handbook(scratch / label, synthetic)
    bare = capture_bare(root)
    full_site, bare_site = scratch / f"{label}-site-full", scratch / f"{label}-site-bare"
    commands: dict[str, Callable[[], tuple[float, float]]] = {
        "full": lambda: run_timed(_build_command(root, "mkdocs.yml", full_site), cwd=root, env=_env()),
        "bare": lambda: run_timed(_build_command(bare, "mkdocs-bare.yml", bare_site), cwd=bare, env=_env()),
    }
    timings = interleaved(commands, runs)
    full, bare_timing = timings["full"], timings["bare"]
    pages = _count_pages(full_site)
    bare_pages = _count_pages(bare_site)
    detail = (f"{full.wall_median:.2f} s vs bare {bare_timing.wall_median:.2f} s, {pages} pages"
              + ("" if pages == bare_pages else f" (bare: {bare_pages})")
              + f"; CPU ratio {full.cpu_median / bare_timing.cpu_median:.2f}×")
    what = "example handbook" if synthetic is None else (
        f"example + {synthetic[0]} people × {synthetic[1]} rotations × {synthetic[2]} years")
    return Figure(f"mkdocs build, {what} (time ratio to bare)", full.wall_median / bare_timing.wall_median, "×",
                  target, detail)


def bench_site_builds(scratch: Path, runs: int) -> list[Figure]:
    return [
        bench_build(scratch, runs, "example", None, EXAMPLE_TARGET),
        bench_build(scratch, max(3, runs - 2), "synthetic", SYNTHETIC_SIZE, SYNTHETIC_TARGET),
    ]


# --- mkdocs serve ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


@contextmanager
def serving(root: Path, config: str) -> Iterator[tuple[str, int]]:
    """`mkdocs serve` on a free port; yields the base URL and the process id once the first build is served."""
    port = _free_port()
    command = [str(MKDOCS), "serve", "--config-file", str(root / config), "--dev-addr", f"127.0.0.1:{port}",
               "--livereload"]
    log = (root.parent / f"{root.name}-{config}-serve.log").open("w")
    process = subprocess.Popen(command, cwd=root, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 300
        while _fetch(base) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bench: mkdocs serve did not start (see {log.name})")
            time.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far; 0 where /proc is not there to ask."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _time_edit(file: Path, old: str, new: str, url: str, expect: str, pid: int) -> tuple[float, float]:
    """Replace `old` by `new` in `file`; seconds until `url` serves `expect`: wall, and the CPU the serving
    process `pid` used meanwhile (its rebuild, and its file polling)."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    cpu = _process_cpu(pid)
    start = time.perf_counter()
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    deadline = start + 120
    while True:
        page = _fetch(url)
        if page is not None and expect in page:
            return time.perf_counter() - start, _process_cpu(pid) - cpu
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench: {url} never showed {expect!r} after editing {file}")
        time.sleep(0.02)


def bench_serve(scratch: Path, runs: int) -> list[Figure]:
    root = scratch / "example" if (scratch / "example").is_dir() else copy_handbook(scratch / "example")
    bare = root.parent / "example-bare"
    if not bare.is_dir():
        bare = capture_bare(root)
    person = sorted((root / "data" / "people").glob("*.yml"))[0]
    name = str(yaml.safe_load(person.read_text(encoding="utf-8"))["name"])
    page_uri = f"people/{person.stem}/"
    bare_page = bare / "docs" / "people" / f"{person.stem}.md"
    if not bare_page.is_file():
        raise SystemExit(f"bench: no generated page people/{person.stem}.md to edit in the bare build")
    state = {"round": 0}

    def edit_full(base: str, pid: int) -> tuple[float, float]:
        state["round"] += 1
        marker = f"{name} R{state['round']}"
        current = person.read_text(encoding="utf-8")
        old = re.search(r"^name: .*$", current, re.MULTILINE)
        assert old is not None
        return _time_edit(person, old.group(0), f"name: {marker}", base + page_uri, marker, pid)

    def edit_bare(base: str, pid: int) -> tuple[float, float]:
        marker = f"{name} B{state['round']}"
        current = bare_page.read_text(encoding="utf-8")
        found = re.search(re.escape(name) + r"( B\d+)?", current)
        assert found is not None, f"{name!r} not in {bare_page}"
        return _time_edit(bare_page, found.group(0), marker, base + page_uri, marker, pid)

    with serving(root, "mkdocs.yml") as full_serve, serving(bare, "mkdocs-bare.yml") as bare_serve:
        timings = interleaved({"full": lambda: edit_full(*full_serve), "bare": lambda: edit_bare(*bare_serve)}, runs)
    full, bare_timing = timings["full"], timings["bare"]
    return [
        Figure("mkdocs serve: rebuild after a one-line roster edit", full.wall_median, "s",
               round(bare_timing.wall_median + SERVE_MARGIN_SECONDS, 2),
               f"bare page edit {bare_timing.wall_median:.2f} s; target = bare + {SERVE_MARGIN_SECONDS} s; "
               "both include the file watcher's 0.5 s polling; CPU of the serving process "
               f"{full.cpu_median:.2f} s against {bare_timing.cpu_median:.2f} s"),
    ]


# --- the on-call page -----------------------------------------------------------------------------

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


def external_references(site: Path) -> dict[str, list[str]]:
    """Every URL on another host that a built page, stylesheet or script would fetch, by file."""
    found: dict[str, list[str]] = {}
    for file in sorted(site.rglob("*")):
        if file.suffix not in (".html", ".css", ".js") or not file.is_file():
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
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


SECTIONS: dict[str, Callable[[Path, int], list[Figure]]] = {
    "site": bench_site_builds,
    "serve": bench_serve,
    "page": bench_page,
}

__all__ = ["SECTIONS", "Timing", "capture_bare", "copy_handbook", "external_references", "page_scripts"]
