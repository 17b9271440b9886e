"""Checking an edit before it is written: scratch copy, new errors by file, rule and message."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from fixture_project import BASE_FILES, NOW, load, write_project
from macros.model.findings import DataError
from macros.roster.edits import EditError, check_edit, period_containing

UNKNOWN = textwrap.dedent(BASE_FILES["data/rotations/duty.yml"]).replace("duty: ben", "duty: zed")


def test_new_errors_are_the_errors_the_edit_adds(tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    project = load(tmp_path, {})
    before = (root / "data/rotations/duty.yml").read_text(encoding="utf-8")
    after = before.replace("duty: ben", "duty: ana")
    check = check_edit(root, project, "data/rotations/duty.yml", after, NOW)
    assert [f.rule for f in check.new_errors] == []
    assert [f.rule for f in check.new_warnings] == ["consecutive-needs-reason"]
    assert check.diff.startswith("--- a/data/rotations/duty.yml\n+++ b/data/rotations/duty.yml\n")
    assert (root / "data/rotations/duty.yml").read_text(encoding="utf-8") == before  # nothing written


def test_an_error_already_there_is_not_the_edits_fault(tmp_path: Path) -> None:
    files: dict[str, str | None] = {"data/rotations/duty.yml": UNKNOWN}
    root, project = write_project(tmp_path, files), load(tmp_path, files)
    after = UNKNOWN.replace("duty: ana", "duty: ben")
    check = check_edit(root, project, "data/rotations/duty.yml", after, NOW)
    assert [f.rule for f in check.findings_before] == ["roster"] and check.new_errors == []


def test_an_edit_that_would_not_load_raises(tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    with pytest.raises(DataError):
        check_edit(root, load(tmp_path, {}), "data/rotations/duty.yml", "name: [\n", NOW)


def test_period_containing_any_day_of_the_period(tmp_path: Path) -> None:
    rotation = load(tmp_path, {}).rotations["duty"]
    assert period_containing(rotation, dt.date(2026, 11, 22)) == 0
    assert period_containing(rotation, dt.date(2026, 11, 23)) == 1
    with pytest.raises(EditError, match="contains 2026-12-01: it runs from 2026-11-16 to 2026-11-29"):
        period_containing(rotation, dt.date(2026, 12, 1))
