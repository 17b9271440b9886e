"""A tiny handbook written from YAML snippets into a temporary folder, checked by `validate`.

Rule tests assert the exact one-line findings (`path:line:col: error[rule]: message (hint)`), so each
test writes its rotation file in full: the line numbers in the expected strings count its lines.
The `handbook` and `make_handbook` fixtures in this folder's conftest.py hand these out.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from macros.model.loader import load_project
from macros.rules.validate import validate

UTC = dt.UTC
# "Today" for the rule tests: before every schedule in them, so the horizon warning stays out of the way
# unless a test asks for it.
NOW = dt.datetime(2026, 1, 1, tzinfo=UTC)


class Handbook:
    """Files under `root/data/`, added one snippet at a time, and the findings they produce."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "data").mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str) -> Handbook:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return self

    def team(self, team_id: str) -> Handbook:
        return self.write(f"data/teams/{team_id}.yml", f"name: {team_id.title()}\n")

    def person(
        self, person_id: str, *, team: str = "core", timezone: str = "Europe/Berlin", extra: str = ""
    ) -> Handbook:
        """A person file with the required fields; `extra` is more YAML (tags, unavailable, joined, …)."""
        if not (self.root / "data" / "teams" / f"{team}.yml").exists():
            self.team(team)
        text = f"name: {person_id.replace('-', ' ').title()}\nhandle: {person_id}\nteam: {team}\ntimezone: {timezone}\n"
        return self.write(f"data/people/{person_id}.yml", text + textwrap.dedent(extra))

    def people(self, *person_ids: str, team: str = "core") -> Handbook:
        for person_id in person_ids:
            self.person(person_id, team=team)
        return self

    def rotation(self, rotation_id: str, *parts: str) -> Handbook:
        """A rotation file made of `parts` (e.g. a shared header, then a schedule), dedented together."""
        return self.write(f"data/rotations/{rotation_id}.yml", "".join(part.rstrip(" ") for part in parts))

    def findings(self, *rules: str, now: dt.datetime = NOW) -> list[str]:
        """The one-line findings, sorted by place; only those of `rules` when any are named."""
        report = validate(load_project(self.root), now)
        return [f.format() for f in report.findings if not rules or f.rule in rules]
