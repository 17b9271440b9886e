"""Every command on the "Changing the roster" page works on this handbook's data as written (in a copy).

The page writes its commands with ids from the data (`roster_examples()`), so this holds for any handbook:
the example, one made by `init`, a team's own. The page is rendered here as the build renders it, as of
today (noon UTC, as `--today` reads it), and each editing command is run with `--dry-run`.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shlex
import shutil
from dataclasses import asdict
from pathlib import Path

import jinja2
import pytest

from handbook_cli import main
from macros.model.loader import load_project
from macros.roster.examples import roster_examples
from macros.rules.validate import validate
from macros.schedule.clock import build_time

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "changing-the-roster.md"
EDITING = ("swap", "override", "plan")
TODAY = build_time().date()  # as the build: SOURCE_DATE_EPOCH when set, else the clock
NOW = dt.datetime.combine(TODAY, dt.time(12), dt.UTC)


@functools.cache
def _rendered() -> str:
    project = load_project(REPO)
    report = validate(project, NOW)
    examples = roster_examples(REPO, project, report.expansions, NOW, report.findings)
    assert examples is not None, "no rotation has two periods ahead of today to write the page's commands with"
    values = {name: str(value) for name, value in asdict(examples).items()}
    page = PAGE.read_text(encoding="utf-8").partition("\n---\n")[2]
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    return environment.from_string(page).render(roster_examples=lambda: values)


def _commands(text: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    commands = [line.split("#")[0].strip() for line in lines]
    return [c for c in commands if c.startswith("scripts/handbook ")]


def test_the_page_shows_every_common_change() -> None:
    used = {shlex.split(command)[1] for command in _commands(PAGE.read_text(encoding="utf-8"))}
    assert {"swap", "override", "plan", "validate", "codeowners", "diff", "report"} <= used
    text = PAGE.read_text(encoding="utf-8")
    for heading in ("Someone joins", "Someone leaves", "Time off", "Swap", "Cover part of a shift",
                    "Plan the next quarter"):
        assert f"## {heading}" in text


def test_the_page_names_ids_of_this_handbook() -> None:
    project = load_project(REPO)
    commands = [shlex.split(c) for c in _commands(_rendered()) if shlex.split(c)[1] in EDITING]
    assert commands
    for args in commands:
        assert args[2] in project.rotations
        named = [args[i + 1] for i, arg in enumerate(args) if arg == "--person"] + args[3:5] * (args[1] == "swap")
        assert all(person in project.people for person in named), args


@pytest.mark.parametrize("index", range(5))
def test_each_editing_command_works_on_this_handbook(index: int, tmp_path: Path) -> None:
    commands = [c for c in _commands(_rendered()) if shlex.split(c)[1] in EDITING]
    assert len(commands) == 5  # two swaps, a forced swap, a cover, a plan
    shutil.copytree(REPO / "data", tmp_path / "data")
    out, err = io.StringIO(), io.StringIO()
    args = shlex.split(commands[index])[1:]
    code = main(["--root", str(tmp_path), *args, "--dry-run", "--today", TODAY.isoformat()], out, err)
    assert code == 0, f"{commands[index]}\n{err.getvalue()}{out.getvalue()}"
    assert out.getvalue().startswith("--- a/data/rotations/")
