"""`scripts/bench`: how fast the handbook checks and builds at realistic sizes, against the targets.

Every figure is the median of several runs, and every comparison is a ratio of two things measured in
the same run, interleaved (A, B, A, B, …), so a busy machine slows both sides alike. Wall-clock time
is what the targets are about; CPU time (user + system of the child processes) is printed next to it
because it barely moves when other programs compete for the processor.

    scripts/bench                  everything (a few minutes)
    scripts/bench validate         only the `handbook validate` figures
    scripts/bench site serve page  only the MkDocs figures
    scripts/bench --runs 3 --json figures.json

The MkDocs figures live in `bench_site.py`; the synthetic data in `synthetic_data.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import synthetic_data

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = ROOT / "scripts" / "handbook"
TODAY = "2027-03-01"  # inside the synthetic schedules, so the coverage horizon is met
VALIDATE_SIZE = (1000, 10, 5)  # people, rotations, years
VALIDATE_TARGET_SECONDS = 1.0
DOUBLING_TARGET = 2.2


@dataclass
class Timing:
    """Repeated measurements of one command: wall-clock and CPU seconds per run."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


@dataclass
class Figure:
    """One line of the report: a measured value, its target, and whether it is met."""

    name: str
    value: float
    unit: str
    target: float | None = None
    detail: str = ""

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.value <= self.target

    def line(self) -> str:
        shown = f"{self.value:.2f} {self.unit}".strip()
        verdict = "" if self.met is None else ("  ok" if self.met else "  MISSED")
        target = "" if self.target is None else f"  (target ≤ {self.target:g} {self.unit})".replace(" )", ")")
        detail = f"  [{self.detail}]" if self.detail else ""
        return f"{self.name:<58} {shown:>12}{target}{verdict}{detail}"


def run_timed(command: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
              check: Callable[[subprocess.CompletedProcess[str]], None] | None = None) -> tuple[float, float]:
    """Run `command` once; return its wall-clock and CPU seconds (the child's user + system time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check is not None:
        check(done)
    elif done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def interleaved(
    commands: dict[str, Callable[[], tuple[float, float]]], runs: int, warmup: int = 1
) -> dict[str, Timing]:
    """Run each command `runs` times in turn (after `warmup` uncounted rounds), so noise hits all alike."""
    timings = {label: Timing(label) for label in commands}
    for round_number in range(warmup + runs):
        for label, command in commands.items():
            wall, cpu = command()
            if round_number >= warmup:
                timings[label].wall.append(wall)
                timings[label].cpu.append(cpu)
    return timings


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


SECTIONS = ("validate", "site", "serve", "page")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sections", nargs="*", metavar="SECTION",
                        help=f"what to measure: {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (median reported)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and print where it is")
    arguments = parser.parse_args(argv)
    unknown = sorted(set(arguments.sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}: choose from {', '.join(SECTIONS)}")
    wanted = arguments.sections or list(SECTIONS)
    scratch = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    figures: list[Figure] = []
    print(f"bench: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, median of {arguments.runs} runs",
          flush=True)
    try:
        if "validate" in wanted:
            figures += bench_validate(scratch, arguments.runs)
            _print(figures[-2:])
        if {"site", "serve", "page"} & set(wanted):
            import bench_site

            for section in ("site", "serve", "page"):
                if section in wanted:
                    more = bench_site.SECTIONS[section](scratch, arguments.runs)
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
    print(f"bench: {len(figures) - len(missed)} of {len([f for f in figures if f.met is not None])} targets met")
    return 1 if missed else 0


def _print(figures: Sequence[Figure]) -> None:
    for figure in figures:
        print(figure.line(), flush=True)


if __name__ == "__main__":
    sys.exit(main())
