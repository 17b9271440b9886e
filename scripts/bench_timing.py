"""What both halves of `scripts/bench` share: timing a command as a whole process, and a figure against its target.

`bench_cli` (validation figures and the command line) and `bench_site` (MkDocs figures) both import it.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
