"""`scripts/bench --profile`: what each part of a build costs, and how it grows with the data.

Each component is timed on its own (CPU time of this process, median of a few runs) with the inputs a build
gives it, on the example + 500 × 6 × 5 and on the example + 1,000 × 12 × 5. Doubling people and rotations
doubles the data, so a component that grows linearly shows about 2× between the two (the target is ≤ 2.3×).
Imports are timed in a fresh interpreter; "MkDocs/Material" is the bare build of the same pages (the part
of a build that is not ours).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bench_site
from bench_timing import ROOT, Figure, run_timed
from macros.feeds import git_snapshots
from macros.feeds.api_json import rotations_json, schedule_json
from macros.feeds.calendar_files import PastFingerprints, all_events, feed_files, fingerprints
from macros.feeds.catalog import plan_feeds, select_all
from macros.feeds.git_snapshots import head_state
from macros.feeds.history_cache import event_code_version
from macros.feeds.ics_writer import EventStore, event_store_path
from macros.feeds.revisions import State
from macros.feeds.settings import FeedSettings
from macros.model.gc_pause import gc_paused
from macros.model.loader import load_project
from macros.model.project import Project
from macros.model.site_settings import SITE_CONFIG, read_site_settings, site_url_of
from macros.pages.generated import generated_pages
from macros.pages.people import people_files
from macros.roster.report import report_page
from macros.rules.validate import validate
from macros.schedule.expansion import expand_all

GROWTH_TARGET = 2.3
SIZES = {"500 × 6 × 5": bench_site.SYNTHETIC_SIZE, "1,000 × 12 × 5": (1000, 12, 5)}
IMPORTS = {
    "imports: our code (pydantic, icalendar, holidays)": "import macros.feeds.outputs, macros.pages.generated, "
    "macros.roster.report",
    "imports: mkdocs-macros plugin": "import mkdocs_macros.plugin",
}


def _cpu(action: Callable[[], object], runs: int, prepare: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _import_seconds(statement: str, runs: int) -> float:
    code = f"import time; t = time.process_time(); {statement}; print(time.process_time() - t)"
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, cwd=ROOT)
        times.append(float(done.stdout.strip()))
    return statistics.median(times)


def _as_built(action: Callable[[Project], object], project: Project) -> object:
    """A build expands inside the check, with the cyclic collector paused (`gc_pause`); on its own, with
    every other component's results alive, it would time the collector scanning them."""
    with gc_paused():
        return action(project)


def components(root: Path, runs: int) -> dict[str, float]:
    """CPU seconds of each part of a build of the handbook at `root` (a git repository)."""
    now = bench_site.BUILD_NOW
    # The site address a build of this copy uses: with another one, HEAD's events could not be the work
    # tree's (`head_state` compares the addresses) and "HEAD's state" would measure unpacking HEAD from git.
    site_url = site_url_of(read_site_settings((root / SITE_CONFIG).read_bytes()))
    settings = FeedSettings(base_url=site_url)
    project = load_project(root)
    report = validate(project, now)
    expansions = report.expansions
    window = settings.window(now)
    events = all_events(project, expansions, window, settings)
    feeds = plan_feeds(project)
    cache = Path(tempfile.mkdtemp(prefix="bench-profile-cache-"))
    store_path = event_store_path(cache, event_code_version())

    def history(cold: bool) -> State | None:
        if cold:
            shutil.rmtree(cache / "history", ignore_errors=True)
        git_snapshots.clear_memory()
        return head_state(root, PastFingerprints(settings), repr(settings),
                          current=lambda: fingerprints(project, settings, expansions),
                          current_site_url=settings.base_url, store_in=cache)

    past = history(True)

    def feeds_with(store: bool) -> object:
        if not store:
            store_path.unlink(missing_ok=True)
        from macros.feeds import ics_writer
        ics_writer._latest = ics_writer._Made()  # as a new process: nothing serialised in memory
        return feed_files(project, expansions, now, settings, past, EventStore(store_path) if store else None)

    people = set(people_files(project, expansions, now))
    try:
        return {
            "load data/": _cpu(lambda: load_project(root), runs),
            "check (rules, expansion included)": _cpu(lambda: validate(project, now), runs),
            "expand": _cpu(lambda: _as_built(expand_all, project), runs),
            "pages: people": _cpu(lambda: people_files(project, expansions, now), runs),
            "pages: rotations (generated)": _cpu(lambda: generated_pages(project, expansions, now, people), runs),
            "pages: duty report": _cpu(lambda: report_page(project, now, expansions), runs),
            "feeds: events in the window": _cpu(lambda: all_events(project, expansions, window, settings), runs),
            "feeds: events by feed": _cpu(lambda: select_all(feeds, events), runs),
            "feeds: write, empty event store": _cpu(lambda: feeds_with(False), runs),
            "feeds: write, warm event store": _cpu(lambda: feeds_with(True), runs, lambda: feeds_with(True)),
            "history: HEAD's state, empty cache": _cpu(lambda: history(True), runs),
            "history: HEAD's state, warm cache": _cpu(lambda: history(False), runs, lambda: history(False)),
            "JSON: schedule and rotations": _cpu(
                lambda: (schedule_json(project, expansions, now, window), rotations_json(project, now, settings)), runs
            ),
        }
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _components_in_fresh_process(root: Path, runs: int) -> dict[str, float]:
    """`components` in a new interpreter: caches warmed by another size (holidays per year, local times)
    must not flatter the second one."""
    done = subprocess.run([sys.executable, __file__, str(root), str(runs)], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": f"{ROOT}:{ROOT / 'scripts'}", "PATH": "/usr/bin:/bin"})
    measured: dict[str, float] = json.loads(done.stdout)
    return measured


def bench_profile(scratch: Path, runs: int) -> list[Figure]:
    measured: dict[str, dict[str, float]] = {}
    for label, size in SIZES.items():
        root = scratch / f"profile-{size[0]}"
        if not root.is_dir():
            bench_site.copy_handbook(root, size)
        print(f"bench: profiling {label} …", flush=True)
        measured[label] = _components_in_fresh_process(root, runs)
        for name, statement in IMPORTS.items():
            measured[label][name] = _import_seconds(statement, runs)
        bare = bench_site.capture_bare(root)
        bare_timings = [run_timed(bench_site._build_command(bare, "mkdocs-bare.yml", scratch / f"bare-site-{size[0]}"),
                                  cwd=bare, env=bench_site._env())[1] for _ in range(max(1, runs - 1))]
        measured[label]["MkDocs/Material (bare build of the same pages)"] = statistics.median(bare_timings)
    small, large = measured.values()
    small_label, large_label = measured
    print(f"\n{'component (CPU seconds)':<52} {small_label:>12} {large_label:>15} {'growth':>8}")
    figures = []
    for name in small:
        growth = large[name] / small[name] if small[name] > 0.0005 else 1.0
        print(f"{name:<52} {small[name]:>12.3f} {large[name]:>15.3f} {growth:>7.2f}×")
        if not name.startswith(("imports", "history: HEAD's state, warm", "MkDocs")):
            figures.append(Figure(f"growth ×2 data: {name}", growth, "×", GROWTH_TARGET,
                                  f"{small[name]:.3f} s → {large[name]:.3f} s"))
    print(flush=True)
    return figures


if __name__ == "__main__":  # python scripts/bench_profile.py ROOT [RUNS]: the components as JSON
    print(json.dumps(components(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1)))
