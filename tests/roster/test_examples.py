"""The "Changing the roster" page's values on fixture data: commands the rules accept, as the page shows them."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from handbook_cli import main
from macros.model.loader import load_project
from macros.model.reuse import Reuse
from macros.roster import examples as examples_module
from macros.roster.examples import RosterExamples, roster_examples
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site-minimal"
NOW = dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC)


def _examples(root: Path, now: dt.datetime = NOW) -> RosterExamples | None:
    project = load_project(root)
    report = validate(project, now)
    return roster_examples(root, project, report.expansions, now)


def test_the_swap_and_the_cover_are_accepted_by_the_commands(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    examples = _examples(tmp_path)
    assert examples is not None and examples.rotation == "ops-duty"
    assert examples.person != examples.other and examples.period < examples.other_period
    assert examples.period > NOW.date()
    commands = [
        ["swap", examples.rotation, examples.person, examples.other,
         "--period", str(examples.period), "--period", str(examples.other_period)],
        ["override", examples.rotation, "--role", examples.cover_role, "--person", examples.cover_person,
         "--from", examples.cover_from, "--until", examples.cover_until, "--reason", "test"],
    ]
    for command in commands:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--root", str(tmp_path), *command, "--dry-run", "--today", NOW.date().isoformat()], out, err)
        assert code == 0, err.getvalue() + out.getvalue()


def test_no_values_without_two_periods_ahead() -> None:
    assert _examples(FIXTURE, dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)) is None


def test_with_reuse_each_tried_edit_is_written_once_per_text_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    reuse = Reuse()
    last: dict[str, Expansion] = {}

    def build(compare: bool = True) -> RosterExamples | None:
        project = load_project(tmp_path, reuse_unchanged=True)
        report = validate(project, NOW, last)
        last.update(report.expansions)
        reuse.begin()
        found = roster_examples(tmp_path, project, report.expansions, NOW, report.findings, reuse)
        assert not compare or found == roster_examples(tmp_path, project, report.expansions, NOW, report.findings)
        return found

    first = build()
    person = tmp_path / "data" / "people" / "cy.yml"  # another file: the rules run again, no edit is written again
    person.write_text(person.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(examples_module, "load_roundtrip", lambda *args: pytest.fail("an edit was written again"))
        assert build(compare=False) == first
    assert reuse.made == 0 and reuse.reused > 0
    rotation = tmp_path / "data" / "rotations" / "ops-duty.yml"  # the rotation's own file: written again
    rotation.write_text(rotation.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert build() == first and reuse.made > 0
