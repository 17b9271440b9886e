"""Whole builds against bare ones, with a cold and a warm cache, a long history, another "now" (`scripts/bench site`).

Every figure compares CPU time (user + system of the `mkdocs build` process), measured interleaved with the
bare twin's, so a busy machine slows both alike; wall-clock time is printed beside it.

- *cold*: every run gets an empty cache folder (`HANDBOOK_CACHE_DIR`), as a fresh clone or CI without a
  restored cache would; *warm*: the cache left by the previous run of the same commit.
- *another now*: the cache was made by a build of the same commit at another instant (the next day's
  scheduled build), restored before every run.
- *history*: a copy of the example with 200 commits that each changed a file under `data/` (a comment:
  no event changes), against the one-commit copy, both warm.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from itertools import count
from pathlib import Path

import bench_site
from bench_timing import Figure, Timing, interleaved, run_timed

LARGE_SIZE = (1000, 12, 5)
HISTORY_COMMITS = 200
EXAMPLE_COLD_TARGET, SYNTHETIC_COLD_TARGET, HISTORY_TARGET = 1.5, 1.25, 1.05
OTHER_NOW = bench_site.BUILD_NOW + dt.timedelta(days=1)


def _env(cache: Path, now: dt.datetime = bench_site.BUILD_NOW) -> dict[str, str]:
    return {**bench_site._env(), "HANDBOOK_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": str(int(now.timestamp()))}


def _build(root: Path, site: Path, env: dict[str, str]) -> tuple[float, float]:
    return run_timed(bench_site._build_command(root, "mkdocs.yml", site), cwd=root, env=env)


def _ratio(name: str, measured: Timing, bare: Timing, target: float | None, extra: str = "") -> Figure:
    detail = (f"CPU {measured.cpu_median:.2f} s vs bare {bare.cpu_median:.2f} s; wall {measured.wall_median:.2f} s "
              f"vs {bare.wall_median:.2f} s ({measured.wall_median / bare.wall_median:.2f}×){extra}")
    return Figure(name, measured.cpu_median / bare.cpu_median, "×", target, detail)


def bench_size(scratch: Path, runs: int, label: str, synthetic: tuple[int, int, int] | None,
               cold_target: float | None) -> list[Figure]:
    """Cold, warm and another-now builds of one handbook, each against the bare build."""
    root = scratch / label
    if not root.is_dir():
        bench_site.copy_handbook(root, synthetic)
    bare_root = scratch / f"{label}-bare"
    if not bare_root.is_dir():
        bare_root = bench_site.capture_bare(root)
    caches, fresh = scratch / f"{label}-caches", count()
    warm_cache, other_now_cache = caches / "warm", caches / "made-at-another-now"
    _build(root, scratch / f"{label}-site-seed", _env(other_now_cache))  # the cache of the same commit, today

    def cold() -> tuple[float, float]:
        return _build(root, scratch / f"{label}-site-cold", _env(caches / f"cold-{next(fresh)}"))

    def other_now() -> tuple[float, float]:
        target = caches / "restored"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(other_now_cache, target)
        return _build(root, scratch / f"{label}-site-other-now", _env(target, OTHER_NOW))

    commands: dict[str, Callable[[], tuple[float, float]]] = {
        "cold": cold,
        "warm": lambda: _build(root, scratch / f"{label}-site-warm", _env(warm_cache)),
        "other now": other_now,
        "bare": lambda: run_timed(
            bench_site._build_command(bare_root, "mkdocs-bare.yml", scratch / f"{label}-bare-site"),
            cwd=bare_root, env=bench_site._env()),
    }
    timings = interleaved(commands, runs)
    same = _same_site(scratch / f"{label}-site-cold", scratch / f"{label}-site-warm")
    what = "example handbook" if synthetic is None else (
        f"example + {synthetic[0]} people × {synthetic[1]} rotations × {synthetic[2]} years")
    bare = timings["bare"]
    return [
        _ratio(f"build / bare, {what}, cold cache (CPU)", timings["cold"], bare, cold_target,
               f"; {bench_site._count_pages(scratch / f'{label}-site-cold')} pages"),
        _ratio(f"build / bare, {what}, warm cache (CPU)", timings["warm"], bare, None,
               "; site byte-identical to the cold build" if same else "; SITE DIFFERS from the cold build"),
        _ratio(f"build / bare, {what}, cache from another now (CPU)", timings["other now"], bare, None),
    ]


def _same_site(first: Path, second: Path) -> bool:
    done = subprocess.run(["diff", "-r", "-q", str(first), str(second)], capture_output=True)
    return done.returncode == 0


def _long_history(root: Path, commits: int) -> None:
    """`commits` more commits, each adding a comment to one file under data/ (round robin), an hour apart."""
    files = sorted((root / "data").rglob("*.yml"))
    start = bench_site.BUILD_NOW - dt.timedelta(hours=commits + 1)
    for number in range(commits):
        file = files[number % len(files)]
        with file.open("a", encoding="utf-8") as out:
            out.write(f"# bench history {number}\n")
        when = (start + dt.timedelta(hours=number)).isoformat()
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "bench",
               "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "bench",
               "GIT_COMMITTER_EMAIL": "bench@example.com"}
        subprocess.run(["git", "-C", str(root), "commit", "-q", "-a", "-m", f"history {number}"], check=True,
                       capture_output=True, env=env)


def bench_history(scratch: Path, runs: int) -> list[Figure]:
    """A handbook with a long history of data commits against the same handbook with one commit, warm."""
    one = scratch / "example"
    if not one.is_dir():
        bench_site.copy_handbook(one)
    many = scratch / "example-history"
    bench_site.copy_handbook(many)
    _long_history(many, HISTORY_COMMITS)
    cold_start = _build(many, scratch / "history-site-first", _env(scratch / "history-cache-first"))
    timings = interleaved({
        "one": lambda: _build(one, scratch / "one-site", _env(scratch / "one-cache")),
        "many": lambda: _build(many, scratch / "many-site", _env(scratch / "many-cache")),
    }, runs)
    detail = (f"CPU {timings['many'].cpu_median:.2f} s vs {timings['one'].cpu_median:.2f} s; first build of the "
              f"{HISTORY_COMMITS} commits with an empty cache: CPU {cold_start[1]:.2f} s")
    return [Figure(f"{HISTORY_COMMITS} data commits / 1 commit, warm cache (CPU)",
                   timings["many"].cpu_median / timings["one"].cpu_median, "×", HISTORY_TARGET, detail)]


def bench_site_builds(scratch: Path, runs: int) -> list[Figure]:
    return [
        *bench_size(scratch, runs, "example", None, EXAMPLE_COLD_TARGET),
        *bench_size(scratch, max(2, runs - 2), "synthetic", bench_site.SYNTHETIC_SIZE, SYNTHETIC_COLD_TARGET),
        *bench_size(scratch, max(1, runs - 3), "large", LARGE_SIZE, None),
        *bench_history(scratch, runs),
    ]
