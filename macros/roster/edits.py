"""Checking a proposed edit of one data file before it is written: does it load, and which rules does it break?

The edited text is validated in a scratch copy of `data/`, so a refused edit never touches the real
files. "Breaks a rule" means an error the data did not have before: errors are compared by file,
rule and message, not by line, because an edit moves the lines below it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from macros.model.findings import Finding, Severity
from macros.model.loader import load_project
from macros.model.project import Project
from macros.model.types import Rotation
from macros.roster.yamledit import unified_diff
from macros.rules.validate import validate


class EditError(Exception):
    """The edit cannot be made as asked (no such period, nobody to swap, …); the message says why."""


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.location.path, finding.rule, finding.message)


@dataclass(frozen=True)
class EditCheck:
    """One file before and after an edit, with the rule findings of the whole project before and after."""

    path: str
    before: str
    after: str
    findings_before: list[Finding]
    findings_after: list[Finding]

    @property
    def diff(self) -> str:
        return unified_diff(self.before, self.after, self.path)

    def _new(self, severity: Severity) -> list[Finding]:
        remaining = Counter(_key(f) for f in self.findings_before if f.severity is severity)
        new = []
        for finding in self.findings_after:
            if finding.severity is not severity:
                continue
            if remaining[_key(finding)] > 0:
                remaining[_key(finding)] -= 1
            else:
                new.append(finding)
        return new

    @property
    def new_errors(self) -> list[Finding]:
        """Errors the edit adds (an error the data already had is not the edit's fault)."""
        return self._new(Severity.ERROR)

    @property
    def new_warnings(self) -> list[Finding]:
        return self._new(Severity.WARNING)


def load_edited(root: Path, relative: str, text: str) -> Project:
    """The project as it would be with `relative` holding `text`; raises `DataError` if it would not load."""
    with tempfile.TemporaryDirectory(prefix="handbook-edit-") as scratch:
        copy = Path(scratch)
        shutil.copytree(root / "data", copy / "data")
        target = copy / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return load_project(copy)


def check_edit(root: Path, project: Project, relative: str, after: str, now: dt.datetime) -> EditCheck:
    """Validate `project` (as loaded from `root`) and the same data with `relative` replaced by `after`.

    Raises `DataError` when the edited data would not load at all; such an edit is never written.
    """
    before = (root / relative).read_text(encoding="utf-8") if (root / relative).is_file() else ""
    findings_before = validate(project, now).findings
    edited = load_edited(root, relative, after)
    findings_after = validate(edited, now).findings
    return EditCheck(relative, before, after, findings_before, findings_after)


def write_edit(root: Path, check: EditCheck) -> None:
    (root / check.path).write_text(check.after, encoding="utf-8")


def rotation_path(rotation_id: str) -> str:
    return f"data/rotations/{rotation_id}.yml"


def read_rotation_text(root: Path, rotation_id: str) -> str:
    path = root / rotation_path(rotation_id)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EditError(f"cannot read {rotation_path(rotation_id)}: {exc.strerror}") from None



def period_containing(rotation: Rotation, day: dt.date) -> int:
    """The index in `schedule` of the period whose local days include `day` (its start date or a later one)."""
    length = rotation.period.total_days
    for index, period in enumerate(rotation.schedule):
        if period.start <= day < period.start + dt.timedelta(days=length):
            return index
    if rotation.schedule:
        first, last = rotation.schedule[0].start, rotation.schedule[-1].start + dt.timedelta(days=length - 1)
        raise EditError(f"no period of the schedule contains {day}: it runs from {first} to {last}")
    raise EditError("the schedule is empty: plan some periods first")
