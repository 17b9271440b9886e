"""The "Start your own handbook" page, step by step, in a fresh copy of the repository.

`make test` on the result is left to CI (`.ci/run` runs the content tests on a handbook made by `init`):
running the suite from inside the suite would double its time.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_fixture import REPO, build_env, make_command

PAGE = REPO / "docs" / "start-your-own.md"
LEFT_TO_CI = "make test"


def _commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.strip()]


def fresh_clone(target: Path) -> Path:
    """The repository's tracked files as they are in the working tree, committed in a new git repository."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        source = REPO / name
        if name and source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {**build_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "clone"]):
        subprocess.run(["git", "-C", str(target), *args], check=True, env=env, capture_output=True)
    return target


def test_the_page_gives_init_edit_validate_site_and_test() -> None:
    commands = _commands()
    assert commands[0].startswith("scripts/handbook init ")
    assert {"scripts/handbook validate --strict", "make site", LEFT_TO_CI} <= set(commands)


@pytest.mark.slow
def test_the_steps_make_a_handbook_that_validates_and_builds(tmp_path: Path) -> None:
    root = fresh_clone(tmp_path / "clone")
    env = build_env()
    for command in _commands():
        if command == LEFT_TO_CI:
            continue
        argv = make_command("site") if command == "make site" else shlex.split(command)
        done = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        if command.startswith("scripts/handbook init"):
            team = next((root / "data" / "teams").glob("*.yml"))  # the "make it yours" step
            team.write_text(team.read_text(encoding="utf-8") + "description: Keeps our service up.\n",
                            encoding="utf-8")
    assert (root / "site" / "index.html").is_file()
    assert not (root / "site" / "performance").exists()  # product documentation stays out of the site
    people = sorted(path.stem for path in (root / "data" / "people").glob("*.yml"))
    assert people == ["ken-sato", "lea-novak", "rosa-diaz"]
    assert (root / "site" / "people" / "rosa-diaz" / "index.html").is_file()
    assert (root / "site" / "rotations" / "sre-duty" / "index.html").is_file()
