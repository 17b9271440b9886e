"""Every command on the "Changing the roster" page works on the example data as written (in a copy)."""

from __future__ import annotations

import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from handbook_cli import main

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "changing-the-roster.md"
EDITING = ("swap", "override", "plan")


def _commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    commands = [line.split("#")[0].strip() for line in lines]
    return [c for c in commands if c.startswith("scripts/handbook ")]


def test_the_page_shows_every_common_change() -> None:
    used = {shlex.split(command)[1] for command in _commands()}
    assert {"swap", "override", "plan", "validate", "codeowners", "diff", "report"} <= used
    text = PAGE.read_text(encoding="utf-8")
    for heading in ("Someone joins", "Someone leaves", "Time off", "Swap", "Cover part of a shift",
                    "Plan the next quarter"):
        assert f"## {heading}" in text


@pytest.mark.parametrize("command", [c for c in _commands() if shlex.split(c)[1] in EDITING])
def test_each_editing_command_works_on_the_example(command: str, tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data")
    out, err = io.StringIO(), io.StringIO()
    args = shlex.split(command)[1:]
    code = main(["--root", str(tmp_path), *args, "--dry-run", "--today", "2026-11-23"], out, err)
    assert code == 0, err.getvalue()
    assert out.getvalue().startswith("--- a/data/rotations/")
