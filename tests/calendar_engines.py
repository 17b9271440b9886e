"""Reading feeds with the calendar engines of real clients, and what the model says they must show.

- **ical.js** (Thunderbird, the Nextcloud Calendar app): `tests/engines/icaljs_read.mjs`, run by Debian's
  `node` with the `ical.js` that `package-lock.json` pins (`node_modules/`, installed by `make pytest`).
- **libical** (Evolution): `tests/engines/libical_read.py`, run by the *system* `/usr/bin/python3`, which has
  GObject introspection and Debian's `gir1.2-ical-3.0`; the project's virtual environment has neither.

Both print, for every event of every file, its occurrences as Unix seconds, a recurring event expanded for
`YEARS` years from its first start. `expected` computes the same from the model's events with zoneinfo.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.feeds.catalog import plan_feeds
from macros.feeds.event_content import EventContent
from macros.model.project import Project
from macros.schedule.localtime import instant

ENGINES = Path(__file__).resolve().parent / "engines"
NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
SYSTEM_PYTHON = "/usr/bin/python3"
YEARS = 5
_HORIZON = dt.timedelta(days=366 * YEARS)  # as the readers count it
# Occurrences are (start, end) in Unix seconds.
Occurrences = list[tuple[int, int]]


@dataclass(frozen=True)
class Read:
    """What one engine read from one file: uid → occurrences."""

    file: str
    events: dict[str, Occurrences]


def _seconds(moment: dt.datetime) -> int:
    return int(moment.timestamp())


def expected(event: EventContent) -> Occurrences:
    """The occurrences the model means: the event itself, or each week of a series at its local wall time."""
    if event.weekly is None:
        return [(_seconds(event.start), _seconds(event.end))]
    zone = zoneinfo.ZoneInfo(event.zone)
    local = event.start.astimezone(zone)
    length = event.end - event.start
    found: Occurrences = []
    week = 0
    while True:
        day = local.date() + dt.timedelta(weeks=week * event.weekly.interval)
        start = instant(day, local.time().replace(tzinfo=None), event.zone)
        if start - event.start > _HORIZON or (event.weekly.until is not None and start > event.weekly.until):
            return found
        found.append((_seconds(start), _seconds(start + length)))
        week += 1


def _parse(output: str) -> list[Read]:
    by_file: dict[str, dict[str, Occurrences]] = {}
    for line in output.splitlines():
        row = json.loads(line)
        by_file.setdefault(row["file"], {})[row["uid"]] = [(a, b) for a, b in row["occurrences"]]
    return [Read(file, events) for file, events in by_file.items()]


def _run(command: list[str], files: Sequence[Path]) -> list[Read]:
    # Files in batches: one process per file would cost a start-up each, one for all a very long command line.
    reads: list[Read] = []
    for first in range(0, len(files), 200):
        batch = [str(f) for f in files[first : first + 200]]
        done = subprocess.run([*command, str(YEARS), *batch], check=True, capture_output=True, text=True)
        reads += _parse(done.stdout)
    return reads


def require_icaljs() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed (Debian package `nodejs`)")
    if not (NODE_MODULES / "ical.js" / "package.json").is_file():
        pytest.skip("ical.js is not installed: run `npm ci` (make pytest does)")


def require_libical() -> None:
    probe = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    missing = not Path(SYSTEM_PYTHON).is_file()
    if missing or subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True).returncode:
        pytest.skip("libical's introspection data is missing (Debian packages `gir1.2-ical-3.0`, `python3-gi`)")


def read_with_icaljs(files: Sequence[Path]) -> list[Read]:
    return _run(["node", str(ENGINES / "icaljs_read.mjs")], files)


def read_with_libical(files: Sequence[Path]) -> list[Read]:
    return _run([SYSTEM_PYTHON, str(ENGINES / "libical_read.py")], files)


def write_files(files: Mapping[str, bytes], target: Path) -> list[Path]:
    """The `.ics` files among `files` (site path → bytes) written under `target`."""
    written = []
    for path, content in files.items():
        if path.endswith(".ics"):
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(content)
            written.append(target / path)
    return written


def feed_events(project: Project, events: Sequence[EventContent], site: Path) -> dict[str, list[EventContent]]:
    """Each feed file's path under `site` → the model's events it must hold."""
    return {str(site / feed.path): feed.select(events) for feed in plan_feeds(project)}


@dataclass
class Checked:
    """What a comparison covered, for the test's report."""

    files: int = 0
    events: int = 0
    occurrences: int = 0


def compare(reads: Iterable[Read], wanted: Mapping[str, Sequence[EventContent]]) -> tuple[list[str], Checked]:
    """Every difference between what an engine read and what the model means, and what was compared."""
    problems: list[str] = []
    checked = Checked()
    seen = set()
    for read in reads:
        seen.add(read.file)
        events = {e.uid: e for e in wanted[read.file]}
        if set(read.events) != set(events):
            problems.append(f"{read.file}: read {len(read.events)} events, the model has {len(events)}")
        checked.files += 1
        for uid, occurrences in read.events.items():
            if uid not in events:
                continue
            want = expected(events[uid])
            checked.events += 1
            checked.occurrences += len(want)
            if occurrences != want:
                wrong = next((i for i, (a, b) in enumerate(zip(occurrences, want, strict=False)) if a != b), None)
                shown = "" if wrong is None else f" first at {occurrences[wrong]} ≠ {want[wrong]}"
                problems.append(f"{read.file}: {uid}: {len(occurrences)} occurrences, want {len(want)}{shown}")
    problems += [f"{file}: not read at all" for file in wanted if file not in seen and wanted[file]]
    return problems, checked
