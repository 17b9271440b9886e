"""A `mkdocs serve` session's rebuilds give the very site a cold build of the same files gives.

A serve rebuild keeps what the previous build made from the data (`build_cache.reuse`, the feed writer's
serialised events and feeds, the loader's unchanged files, the expansions of unchanged rotations) and makes
again only what an edit changes. Here one process plays the server: it builds a handbook, then after each
edit builds again with a new config, as `mkdocs serve` does (`mkdocs.commands.serve.builder`). After every
rebuild, the whole site is compared byte for byte with a cold build of the same files, made by a new
process with an empty cache. The handbook is a git repository, so events are stamped from its history, and
the edits stay uncommitted, as they do while someone edits under `mkdocs serve`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.adapter import build_cache
from site_fixture import BUILD_EPOCH, BUILD_NOW, build_env, copy_site, snapshot

pytestmark = pytest.mark.slow

SERVE_URL = "http://127.0.0.1:8000/"
# The cold build: what a new `mkdocs serve` process builds first (the same calls, the same site address).
COLD_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)
config.site_url = sys.argv[3]
build(config, serve_url=sys.argv[3])
"""
COMMIT_DATE = BUILD_NOW.replace(day=1).isoformat()


def _commit(root: Path) -> None:
    env = {**build_env(), "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE,
           "GIT_AUTHOR_NAME": "Serve", "GIT_AUTHOR_EMAIL": "serve@example.com",
           "GIT_COMMITTER_NAME": "Serve", "GIT_COMMITTER_EMAIL": "serve@example.com"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "one commit"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, capture_output=True, env=env)


class Session:
    """One `mkdocs serve` process's builds of `root`, in this process."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.builds = 0

    def build(self) -> dict[str, bytes]:
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        if self.builds == 0:
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        self.builds += 1
        return snapshot(self.site)


def cold_build(root: Path, site: Path, cache: Path) -> dict[str, bytes]:
    env = {**build_env(), "HANDBOOK_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", COLD_BUILD, str(root / "mkdocs.yml"), str(site), SERVE_URL],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return snapshot(site)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    scratch = tmp_path_factory.mktemp("serve-rebuild")
    root = copy_site(scratch / "handbook", "pages")
    _commit(root)
    build_cache.clear()
    saved = {name: os.environ.get(name) for name in ("SOURCE_DATE_EPOCH", "HANDBOOK_CACHE_DIR", "NO_MKDOCS_2_WARNING")}
    os.environ.update(SOURCE_DATE_EPOCH=str(BUILD_EPOCH), HANDBOOK_CACHE_DIR=str(scratch / "serve-cache"),
                      NO_MKDOCS_2_WARNING="1")
    try:
        serving = Session(root, scratch / "serve-site")
        serving.build()
        yield serving
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        build_cache.clear()


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _differences(served: dict[str, bytes], cold: dict[str, bytes]) -> list[str]:
    paths = sorted(set(served) | set(cold))
    return [path for path in paths if served.get(path) != cold.get(path)]


# Each edit is applied on top of the ones before, as in one editing session.
EDITS = [
    # Swapping two holders on one line of a rotation (the other rotation is untouched).
    ("data/rotations/desk.yml", "agent: {early: hal, late: ivy}", "agent: {early: ivy, late: hal}"),
    # Renaming someone: their events, the events naming them in an escalation chain, pages and JSON.
    ("data/people/eve.yml", "name: ", "name: Evelyn "),
    # A public contact of someone in the other rotation.
    ("data/people/ana.yml", "public: [email]", "public: [email, phone]"),
    # A page of docs/: the macros on other pages are not made again, their output is the same.
    ("docs/index.md", "Hand-off times are local", "Hand-off times (edited under serve) are local"),
    # Only a comment: the file's model changes identity, nothing it gives changes.
    ("data/rotations/sustain.yml", "\nname:", "\n# edited under serve\nname:"),
]


@pytest.mark.parametrize(("number", "edit"), list(enumerate(EDITS)), ids=[e[0] for e in EDITS])
def test_a_rebuild_after_an_edit_is_the_cold_build_of_the_edited_files(
    session: Session, tmp_path: Path, number: int, edit: tuple[str, str, str]
) -> None:
    assert session.builds == number + 1, "the edits build on one another: run them in order"
    before = snapshot(session.site)
    _edit(session.root, *edit)
    served = session.build()
    cold = cold_build(session.root, tmp_path / "cold-site", tmp_path / "cold-cache")
    assert _differences(served, cold) == []
    if number < len(EDITS) - 1:
        assert served != before, "the edit changed nothing: it proves nothing"
