"""Building small handbook projects in a temporary folder from YAML snippets, for tests."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from macros.model.loader import load_project
from macros.model.project import Project
from macros.rules.validate import validate

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)

BASE_FILES: dict[str, str] = {
    "data/teams/core.yml": "name: Core\n",
    "data/people/ana.yml": "name: Ana\nhandle: ana\nteam: core\ntimezone: Europe/Berlin\n",
    "data/people/ben.yml": "name: Ben\nhandle: ben\nteam: core\ntimezone: Europe/Berlin\n",
    "data/rotations/duty.yml": """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
        roles:
          - {id: duty, title: Duty}
        rules:
          coverage: {horizon_days: 0}
        schedule:
          - start: 2026-11-16
            duty: ana
          - start: 2026-11-23
            duty: ben
        """,
}


def write_project(root: Path, files: dict[str, str | None], *, base: bool = True) -> Path:
    """Write `files` (relative path → YAML text, dedented; None deletes a base file) under `root`."""
    merged: dict[str, str | None] = {**BASE_FILES, **files} if base else dict(files)
    (root / "data").mkdir(parents=True, exist_ok=True)
    for relative, text in merged.items():
        if text is None:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def load(root: Path, files: dict[str, str | None], *, base: bool = True) -> Project:
    return load_project(write_project(root, files, base=base))


def findings(root: Path, files: dict[str, str | None], *, base: bool = True, now: dt.datetime = NOW) -> list[str]:
    """Every finding's one-line form for the project made of `files`."""
    return [f.format() for f in validate(load(root, files, base=base), now).findings]
