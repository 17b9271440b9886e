"""`scripts/bench`: how fast the handbook checks and builds at realistic sizes, against the targets.

Every figure is the median of several runs, and every comparison is a ratio of two things measured in
the same run, interleaved (A, B, A, B, …), so a busy machine slows both sides alike. Wall-clock time
is what the targets are about; CPU time (user + system of the child processes) is printed next to it
because it barely moves when other programs compete for the processor.

    scripts/bench                  everything (a few minutes)
    scripts/bench validate         only the `handbook validate` figures
    scripts/bench overrides        `handbook validate` with thousands of overrides in one period
    scripts/bench site serve page  only the MkDocs figures
    scripts/bench --profile        also the per-component table (load, check, pages, feeds, history, …)
    scripts/bench --runs 3 --json figures.json

Whole builds (cold and warm cache, another "now", a long history, three sizes) live in `bench_builds.py`;
copies, bare twins and serve in `bench_site.py`; the on-call page in `bench_page.py`; the component table
in `bench_profile.py`; the synthetic data in `synthetic_data.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

import bench_builds
import bench_page
import bench_profile
import bench_site
import synthetic_data
from bench_timing import ROOT, Figure, interleaved, run_timed

HANDBOOK = ROOT / "scripts" / "handbook"
TODAY = "2027-03-01"  # inside the synthetic schedules, so the coverage horizon is met
VALIDATE_SIZE = (1000, 10, 5)  # people, rotations, years
VALIDATE_TARGET_SECONDS = 1.0
DOUBLING_TARGET = 2.2


def _clean_validation(done: subprocess.CompletedProcess[str]) -> None:
    # The benchmark must measure the path clean data takes: a finding means the generator is wrong.
    if done.returncode != 0 or done.stdout.strip():
        raise SystemExit(f"bench: the synthetic data does not validate clean:\n{done.stdout[:2000]}{done.stderr}")


def bench_validate(scratch: Path, runs: int) -> list[Figure]:
    people, rotations, years = VALIDATE_SIZE
    sizes = {"base": (people, rotations, years), "double": (2 * people, 2 * rotations, years)}
    commands: dict[str, Callable[[], tuple[float, float]]] = {}
    for label, (n, r, y) in sizes.items():
        root = scratch / f"validate-{label}"
        synthetic_data.generate(root, n, r, y)
        command = [str(HANDBOOK), "--root", str(root), "validate", "--today", TODAY]
        commands[label] = lambda command=command: run_timed(command, check=_clean_validation)  # type: ignore[misc]
    timings = interleaved(commands, runs)
    base, double = timings["base"], timings["double"]
    size = f"{people} people × {rotations} rotations × {years} years"
    return [
        Figure(f"handbook validate, {size}", base.wall_median, "s", VALIDATE_TARGET_SECONDS,
               f"CPU {base.cpu_median:.2f} s"),
        Figure("handbook validate, double the data (time ratio)", double.wall_median / base.wall_median, "×",
               DOUBLING_TARGET, f"{double.wall_median:.2f} s; CPU ratio {double.cpu_median / base.cpu_median:.2f}×"),
    ]


OVERRIDE_COUNTS = (1000, 4000)
# Reading, checking and expanding the covers is linear, and starting the command costs as much as reading
# 1000 of them, so 4× the covers stays under 2× the time. Applying them one at a time, each re-scanning the
# parts of the period the earlier ones had made, measured 3.1× (9.8 s wall, 1.5 s CPU for 4000 covers).
OVERRIDES_TARGET = 2.0


def _overrides_handbook(root: Path, count: int) -> None:
    """One weekly rotation whose first period has `count` one-minute covers, alternating two people."""
    for folder in ("people", "teams", "rotations"):
        (root / "data" / folder).mkdir(parents=True, exist_ok=True)
    (root / "data/teams/ops.yml").write_text("name: Ops\n", encoding="utf-8")
    for person in ("ada", "bo", "cy"):
        text = f"name: {person.title()}\nhandle: {person}\nteam: ops\ntimezone: Europe/Berlin\n"
        (root / "data/people" / f"{person}.yml").write_text(text, encoding="utf-8")
    covers = []
    first = dt.datetime(2027, 3, 1, 10, 0)  # the period runs a week from Monday 09:00: 4000 covers fit
    for number in range(count):
        start = first + dt.timedelta(minutes=2 * number)
        until = start + dt.timedelta(minutes=1)
        who = ("ada", "bo")[number % 2]
        covers.append(f"      - {{role: duty, person: {who}, from: '{start:%Y-%m-%d %H:%M}', "
                      f"until: '{until:%Y-%m-%d %H:%M}'}}")
    rotation = (
        "name: Ops duty\nteam: ops\nperiod: {weeks: 1}\n"
        "handoff: {weekday: monday, time: '09:00', timezone: Europe/Berlin}\n"
        "roles:\n  - {id: duty, title: Duty}\nrules:\n  coverage: {horizon_days: 0}\n"
        "  one-role-per-period: {enabled: false}\n"
        "schedule:\n  - start: 2027-03-01\n    duty: cy\n    overrides:\n" + "\n".join(covers) + "\n"
    )
    (root / "data/rotations/ops-duty.yml").write_text(rotation, encoding="utf-8")


def bench_overrides(scratch: Path, runs: int) -> list[Figure]:
    commands: dict[str, Callable[[], tuple[float, float]]] = {}
    for count in OVERRIDE_COUNTS:
        root = scratch / f"overrides-{count}"
        _overrides_handbook(root, count)
        command = [str(HANDBOOK), "--root", str(root), "validate", "--today", TODAY]
        commands[str(count)] = lambda command=command: run_timed(command)  # type: ignore[misc]
    timings = interleaved(commands, runs)
    few, many = (timings[str(count)] for count in OVERRIDE_COUNTS)
    return [
        Figure(f"handbook validate, {OVERRIDE_COUNTS[1]} overrides in one period", many.wall_median, "s", None,
               f"CPU {many.cpu_median:.2f} s"),
        Figure(f"handbook validate, {OVERRIDE_COUNTS[1]} vs {OVERRIDE_COUNTS[0]} overrides (time ratio)",
               many.wall_median / few.wall_median, "×", OVERRIDES_TARGET,
               f"CPU ratio {many.cpu_median / few.cpu_median:.2f}×"),
    ]


SECTIONS = ("validate", "overrides", "site", "serve", "page")
MKDOCS_SECTIONS: dict[str, Callable[[Path, int], list[Figure]]] = {
    "site": bench_builds.bench_site_builds,
    "serve": bench_site.bench_serve,
    "page": bench_page.bench_page,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sections", nargs="*", metavar="SECTION",
                        help=f"what to measure: {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (median reported)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and print where it is")
    parser.add_argument("--profile", action="store_true",
                        help="print the per-component table at two sizes (and check each grows linearly)")
    arguments = parser.parse_args(argv)
    unknown = sorted(set(arguments.sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}: choose from {', '.join(SECTIONS)}")
    wanted = arguments.sections or ([] if arguments.profile else list(SECTIONS))
    scratch = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    figures: list[Figure] = []
    print(f"bench: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, median of {arguments.runs} runs",
          flush=True)
    try:
        if "validate" in wanted:
            figures += bench_validate(scratch, arguments.runs)
            _print(figures[-2:])
        if "overrides" in wanted:
            figures += bench_overrides(scratch, arguments.runs)
            _print(figures[-2:])
        if {"site", "serve", "page"} & set(wanted):
            for section in ("site", "serve", "page"):
                if section in wanted:
                    run = MKDOCS_SECTIONS[section]
                    more = run(scratch, arguments.runs)
                    figures += more
                    _print(more)
        if arguments.profile:
            more = bench_profile.bench_profile(scratch, max(1, arguments.runs - 2))
            figures += more
            _print(more)
    finally:
        if arguments.keep:
            print(f"bench: scratch files kept in {scratch}")
        else:
            subprocess.run(["rm", "-rf", str(scratch)], check=False)
    if arguments.json:
        arguments.json.write_text(json.dumps([{**asdict(f), "met": f.met} for f in figures], indent=2) + "\n")
    missed = [f for f in figures if f.met is False]
    judged = [f for f in figures if f.met is not None]
    print(f"bench: {len(judged) - len(missed)} of {len(judged)} targets met")
    return 1 if missed else 0


def _print(figures: Sequence[Figure]) -> None:
    for figure in figures:
        print(figure.line(), flush=True)


if __name__ == "__main__":
    sys.exit(main())
