"""The `pages` fixture (tests/fixtures/pages/data) loaded as of the build date, and its golden files.

Two rotations: `sustain` (two-week cycles in one-week segments, lead/primary/backup, escalation, an
override, a period across the European DST change of 2026-10-25) and `desk` (one agent per daily shift,
the schedule ends on 2026-12-02), plus a person whose name is an HTML tag (`mallory`).
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache

from macros.model.loader import load_project
from macros.model.project import Project
from macros.pages.markup import Links
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion
from site_fixture import BUILD_NOW, FIXTURES

ROOT = FIXTURES / "pages"
GOLDEN = ROOT / "golden"
UTC = dt.UTC
EVIL_NAME = "<img src=x onerror=alert(1)>"

__all__ = ["BUILD_NOW", "EVIL_NAME", "UTC", "assert_golden", "at", "links", "pages"]


@cache
def pages() -> tuple[Project, dict[str, Expansion]]:
    project = load_project(ROOT)
    report = validate(project, BUILD_NOW)
    assert report.findings == [], [f.format() for f in report.findings]
    return project, report.expansions


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A UTC instant."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def links(page: str) -> Links:
    return Links(page, directory_urls=True)


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/fixtures/pages/golden/<name>; UPDATE_GOLDEN=1 rewrites the file (then read it!)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


# A rotation whose second escalation step is a judgement call, not a timed page.
JUDGED = """\
    name: On call
    period: {weeks: 1}
    handoff: {weekday: wednesday, time: "09:00", timezone: Europe/Lisbon}
    roles:
      - {id: captain, title: Captain}
      - {id: mate, title: First Mate}
    escalation:
      - {role: captain, after_minutes: 0}
      - {role: mate, when: when the Captain judges it needed}
    schedule:
      - {start: 2026-11-18, captain: ana, mate: ben}
    """
