"""The MkDocs side of `scripts/bench`: copies of the handbook, their bare twins, and serve rebuilds.

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
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

import synthetic_data
from bench_timing import ROOT, Figure, Timing, interleaved

MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
BUILD_NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
SYNTHETIC_SIZE = (500, 6, 5)  # people, rotations, years, on top of the example data
SERVE_MARGIN_SECONDS = 0.3
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


def bare_twin_config(root: Path, config: dict[str, Any], nav: Any) -> dict[str, Any]:
    """The twin's `mkdocs.yml`: the project's, with the captured pages and navigation, search, and no plugin
    or hook of ours."""
    plugins = [p for p in config.get("plugins") or [] if p == "search" or (isinstance(p, dict) and "search" in p)]
    twin: dict[str, Any] = {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": "docs",
        "plugins": plugins,
        "hooks": [],
        "watch": [],
        "nav": nav,
    }
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        # Relative to the config file that names it, which the twin is not beside: give it whole.
        twin["theme"] = {"custom_dir": str(root / theme["custom_dir"])}
    return twin


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
    bare_config = bare_twin_config(root, config, nav)
    (bare / "mkdocs-bare.yml").write_text(yaml.safe_dump(bare_config, sort_keys=False, allow_unicode=True))
    return bare


def _count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


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


__all__ = ["Timing", "bench_serve", "capture_bare", "copy_handbook"]
