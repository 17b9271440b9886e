"""Two builds of one commit are byte-identical across the whole site/.

"One commit" means the same sources, dates and SOURCE_DATE_EPOCH (what a build is "as of"); the two
builds differ in everything else that could leak into the output: the folder they run in, Python's
hash seed (set and dict order of strings), and the wall-clock time. Nothing is exempt: MkDocs writes
`sitemap.xml.gz` with the newest page date (from SOURCE_DATE_EPOCH) as the gzip timestamp, so even the
compressed sitemap is stable.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_fixture import BUILD_NOW, REPO, build_env, content_now, copy_site, snapshot


def _now(which: str) -> dt.datetime:
    """What a build is "as of": the fixtures' BUILD_NOW, the handbook's own content's `content_now()`."""
    return content_now() if which == "example" else BUILD_NOW


def _commit_date(which: str) -> str:
    return _now(which).replace(day=1).isoformat()


def _commit(root: Path, which: str) -> None:
    """Make `root` a git repository with one commit at a fixed date (page freshness reads git)."""
    date = _commit_date(which)
    env = {**build_env(), "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Repro", "GIT_AUTHOR_EMAIL": "repro@example.com",
           "GIT_COMMITTER_NAME": "Repro", "GIT_COMMITTER_EMAIL": "repro@example.com"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "one commit"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, capture_output=True, env=env)


def _sources(target: Path, which: str) -> Path:
    if which == "example":
        target.mkdir(parents=True)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
        for folder in ("docs", "macros", "data"):
            shutil.copytree(REPO / folder, target / folder, ignore=ignore)
    else:
        copy_site(target, which)
    _commit(target, which)
    return target


def _build(root: Path, hash_seed: str, now: dt.datetime) -> dict[str, bytes]:
    env = {**build_env(now), "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-6000:]
    return snapshot(root / "site")


@pytest.mark.slow
@pytest.mark.parametrize("which", ["content-project", "calendar-project", "example"])
def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path, which: str) -> None:
    now = _now(which)
    one = _sources(tmp_path / "one" / "handbook", which)
    first = _build(one, hash_seed="1", now=now)
    second = _build(_sources(tmp_path / "elsewhere" / "copy-two", which), hash_seed="2", now=now)
    assert sorted(first) == sorted(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []
    assert "sitemap.xml.gz" in first and len(first) > 20

    # Generated pages name the data they come from, so in a commit they have a "Last changed" date too.
    generated = [name for name in first if name.startswith("people/") and name.endswith("index.html")]
    assert generated
    for name in generated:
        page = first[name].decode("utf-8")
        assert "not tracked in git" not in page, name
        assert f'Last changed <time datetime="{_commit_date(which)}">' in page, name

    # Both builds started with an empty cache; the next build of `one` finds the states and serialised
    # events the first one kept (.cache/), and must not differ by a byte either.
    assert list((one / ".cache" / "history").glob("*/*.json")) and list((one / ".cache" / "events").glob("*.json"))
    warm = _build(one, hash_seed="3", now=now)
    assert sorted(name for name in first if warm.get(name) != first[name]) == [] and sorted(warm) == sorted(first)
