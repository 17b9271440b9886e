"""The calendar tests' fixture handbook (`tests/fixtures/calendar-project`), loaded and checked as of NOW.

Two rotations (two-week cycles split into weeks across both European DST changes; weekly New York
on-call with an overnight daily shift across the US change, with overrides), people with public and
private contact details, a person whose name tries to break out of an iCalendar line, a person with no
shift, and a team with two meeting series.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.model.loader import load_project
from macros.model.project import Project
from macros.rules.validate import Report, validate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "calendar-project"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
TRICKY_NAME = "Zoë, Jr.; back\\slash 🚀\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected@evil"


def load_fixture(root: Path = FIXTURE, now: dt.datetime = NOW) -> tuple[Project, Report]:
    project = load_project(root)
    report = validate(project, now)
    assert report.errors == [], [f.format() for f in report.errors]
    return project, report


def copy_fixture(target: Path) -> Path:
    shutil.copytree(FIXTURE / "data", target / "data", dirs_exist_ok=True)
    return target
