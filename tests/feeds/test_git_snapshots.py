"""SEQUENCE and LAST-MODIFIED from git: a committed swap moves exactly the affected events forward."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
from test_calendar_files import swap_in_fixture

from calendar_fixture import NOW, copy_fixture, load_fixture
from macros.feeds import git_snapshots
from macros.feeds.git_snapshots import RENDERER_PATHS
from macros.feeds.outputs import generated_files
from macros.feeds.revisions import Revision

UTC = dt.UTC
T0 = dt.datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
T1 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
T2 = dt.datetime(2026, 11, 10, 14, 2, tzinfo=UTC)
T3 = dt.datetime(2026, 11, 12, 8, 0, tzinfo=UTC)
SWAPPED = {
    "sustained.backup.2026-12-14.all.s0.p0@duty-handbook",
    "sustained.backup.2026-12-14.all.s1.p0@duty-handbook",
    "sustained.lead.2026-12-14.all.s0.p0@duty-handbook",
    "sustained.primary.2026-12-14.all.s0.p0@duty-handbook",
    "sustained.primary.2026-12-14.all.s1.p0@duty-handbook",
}


def git(repo: Path, *args: str, when: dt.datetime = T1) -> None:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    command = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.com", *args]
    subprocess.run(command, check=True, capture_output=True, env=env)


def commit_all(repo: Path, message: str, when: dt.datetime) -> None:
    git(repo, "add", "-A", when=when)
    git(repo, "commit", "-q", "-m", message, when=when)


def new_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A git repository whose handbook lives in a subfolder (so paths inside git differ from `data/`)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    root = copy_fixture(repo / "handbook")
    commit_all(repo, "the fixture", T1)
    return repo, root


def stamps(root: Path) -> dict[str, tuple[int, dt.datetime, dt.datetime]]:
    """uid → (SEQUENCE, LAST-MODIFIED, DTSTAMP) over every feed built from `root`."""
    project, report = load_fixture(root)
    found: dict[str, tuple[int, dt.datetime, dt.datetime]] = {}
    for path, data in generated_files(project, report, NOW, root=root).items():
        if not path.endswith(".ics"):
            continue
        for event in icalendar.Calendar.from_ical(data).events:
            assert event.sequence is not None and event.last_modified is not None and event.stamp is not None
            row = (event.sequence, event.last_modified, event.stamp)
            assert found.setdefault(str(event.uid), row) == row, "one event, two stamps in two feeds"
    return found


def expected(when: dt.datetime) -> tuple[int, dt.datetime, dt.datetime]:
    return (Revision(when).sequence, when, when)


def test_every_event_of_the_first_commit_carries_its_time(tmp_path: Path) -> None:
    _, root = new_repo(tmp_path)
    assert set(stamps(root).values()) == {expected(T1)}


def test_a_committed_swap_moves_exactly_the_swapped_events(tmp_path: Path) -> None:
    repo, root = new_repo(tmp_path)
    before = stamps(root)
    swap_in_fixture(root)
    commit_all(repo, "swap Ben and Chloé", T2)
    after = stamps(root)
    assert set(after) == set(before)  # no event added or removed: the UIDs are the slots
    changed = {uid for uid in after if after[uid] != before[uid]}
    assert changed == SWAPPED
    assert all(after[uid] == expected(T2) for uid in SWAPPED)
    assert all(after[uid][0] > before[uid][0] for uid in SWAPPED)  # SEQUENCE went up
    assert all(after[uid] == expected(T1) for uid in set(after) - SWAPPED)


def test_an_uncommitted_edit_is_stamped_with_the_build_time(tmp_path: Path) -> None:
    _, root = new_repo(tmp_path)
    swap_in_fixture(root)
    found = stamps(root)
    assert {uid for uid, row in found.items() if row == expected(NOW)} == SWAPPED
    assert all(found[uid] == expected(T1) for uid in set(found) - SWAPPED)


def test_a_change_to_the_event_code_ends_the_comparable_history(tmp_path: Path) -> None:
    repo, root = new_repo(tmp_path)
    event_code = root / RENDERER_PATHS[0]
    event_code.parent.mkdir(parents=True)
    event_code.write_text("# the code that writes events changed\n")
    commit_all(repo, "change how events are written", T3)
    assert set(stamps(root).values()) == {expected(T3)}


def test_old_data_that_does_not_load_ends_the_history(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data" / "people").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "data" / "people" / "ana.yml").write_text("name: [unclosed\n")
    commit_all(repo, "broken", T0)
    (repo / "data" / "people" / "ana.yml").unlink()
    copy_fixture(repo)
    commit_all(repo, "the fixture", T1)
    assert set(stamps(repo).values()) == {expected(T1)}


def test_outside_git_every_event_is_stamped_with_the_build_time(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "plain")
    assert set(stamps(root).values()) == {expected(NOW)}


def _feeds(root: Path) -> dict[str, bytes]:
    project, report = load_fixture(root)
    return generated_files(project, report, NOW, root=root)


def test_a_cold_and_a_warm_cache_give_the_same_bytes_and_each_commit_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, root = new_repo(tmp_path)
    swap_in_fixture(root)
    commit_all(repo, "swap Ben and Chloé", T2)
    archived: list[str] = []
    real = git_snapshots._fingerprints_at

    def counting(top: Path, prefix: str, sha: str, fingerprints_of: object) -> object:
        archived.append(sha)
        return real(top, prefix, sha, fingerprints_of)  # type: ignore[arg-type]

    monkeypatch.setattr(git_snapshots, "_fingerprints_at", counting)
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    git_snapshots.clear_memory()
    cold = _feeds(root)
    assert len(archived) == 1  # the first commit; HEAD's data is the work tree's: its events are the build's
    assert len(list((tmp_path / "cache" / "history").glob("*/*.json"))) == 2
    git_snapshots.clear_memory()  # a new process: only the disk cache remains
    assert _feeds(root) == cold
    assert len(archived) == 1
    person = next((root / "data" / "people").glob("*.yml"))
    person.write_text(person.read_text() + "# a comment\n")
    commit_all(repo, "a comment only", T3)
    git_snapshots.clear_memory()
    after = _feeds(root)
    assert len(archived) == 1  # the new commit is HEAD and equals the work tree: no older commit is read again
    assert after == cold  # a comment changes no event: every stamp stays
    shutil.rmtree(tmp_path / "cache")
    git_snapshots.clear_memory()
    assert _feeds(root) == cold  # cold again, over three commits


def test_a_merge_is_one_step_on_the_first_parent_line(tmp_path: Path) -> None:
    repo, root = new_repo(tmp_path)
    git(repo, "checkout", "-q", "-b", "swap")
    swap_in_fixture(root)
    commit_all(repo, "swap Ben and Chloé", T2)
    git(repo, "checkout", "-q", "-")
    (repo / "unrelated.txt").write_text("elsewhere\n")
    commit_all(repo, "unrelated", T2)
    git(repo, "merge", "-q", "--no-ff", "-m", "merge the swap", "swap", when=T3)
    found = stamps(root)
    assert {uid for uid, row in found.items() if row == expected(T3)} == SWAPPED  # the merge's time, not T2
    assert all(found[uid] == expected(T1) for uid in set(found) - SWAPPED)
