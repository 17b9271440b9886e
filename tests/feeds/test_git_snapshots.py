"""SEQUENCE and LAST-MODIFIED from git: a committed swap moves exactly the affected events forward."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import icalendar
from test_calendar_files import swap_in_fixture

from calendar_fixture import NOW, copy_fixture, load_fixture
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


def stamps(root: Path, base_url: str | None = None) -> dict[str, tuple[int, dt.datetime, dt.datetime]]:
    """uid → (SEQUENCE, LAST-MODIFIED, DTSTAMP) over every feed built from `root` (at `base_url`)."""
    project, report = load_fixture(root)
    found: dict[str, tuple[int, dt.datetime, dt.datetime]] = {}
    for path, data in generated_files(project, report, NOW, root=root, base_url=base_url).items():
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


SITE_SETTINGS = """site_name: Duty
site_url: {url}
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - format: !!python/name:pymdownx.superfences.fence_code_format
"""


def test_a_committed_site_url_change_moves_every_event_whose_link_changed(tmp_path: Path) -> None:
    repo, root = new_repo(tmp_path)
    first, second = "https://duty.example.com/", "https://handbook.example.org/duty/"
    (root / "mkdocs.yml").write_text(SITE_SETTINGS.format(url=first))
    commit_all(repo, "publish the site", T2)
    before = stamps(root, first)
    assert set(before.values()) == {expected(T2)}  # the links became absolute with the first site_url
    (root / "mkdocs.yml").write_text(SITE_SETTINGS.format(url=second))
    commit_all(repo, "move the site", T3)
    after = stamps(root, second)
    assert set(after) == set(before)
    assert set(after.values()) == {expected(T3)}  # every event names the handbook, so every event changed
    assert all(after[uid][0] > before[uid][0] for uid in after)


def test_a_settings_change_that_keeps_the_site_url_moves_nothing(tmp_path: Path) -> None:
    repo, root = new_repo(tmp_path)
    url = "https://duty.example.com/"
    (root / "mkdocs.yml").write_text(SITE_SETTINGS.format(url=url))
    commit_all(repo, "publish the site", T2)
    (root / "mkdocs.yml").write_text(SITE_SETTINGS.format(url=url).replace("Duty", "Duty handbook"))
    commit_all(repo, "rename the site", T3)
    assert set(stamps(root, url).values()) == {expected(T2)}
