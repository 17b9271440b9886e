"""SEQUENCE and LAST-MODIFIED from git: a committed swap moves exactly the affected events forward."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import icalendar
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from test_calendar_files import SWAP_ADDED, SWAP_REMOVED, swap_in_fixture

from calendar_fixture import NOW, copy_fixture, load_fixture
from macros.feeds import events as events_module
from macros.feeds import git_snapshots
from macros.feeds.calendar_files import PastFingerprints, all_events
from macros.feeds.event_content import EventContent
from macros.feeds.git_snapshots import RENDERER_PATHS
from macros.feeds.outputs import generated_files
from macros.feeds.revisions import Revision
from macros.feeds.settings import FeedSettings
from macros.model.loader import load_project
from macros.roster.edits import EditError
from macros.roster.override import OverrideRequest, add_override
from macros.roster.swap import SwapRequest, swap
from macros.roster.yamledit import load_roundtrip
from macros.rules.validate import validate
from macros.schedule import expansion
from macros.schedule.expansion import expand_rotation
from macros.schedule.localtime import instant

UTC = dt.UTC
# Each example builds every feed once per commit: a few examples cover the property, more run locally with
# HANDBOOK_FUZZ_EXAMPLES.
FUZZ_GIT = settings(
    max_examples=max(1, int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "50")) // 12),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking would rebuild the feeds for minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
T0 = dt.datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
T1 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
T2 = dt.datetime(2026, 11, 10, 14, 2, tzinfo=UTC)
T3 = dt.datetime(2026, 11, 12, 8, 0, tzinfo=UTC)
# The events a swap of Ben's and Chloé's weeks changes in place: the lead's, whose escalation order names them.
# Their own events are replaced by new ones (a UID names one person's piece of a slot).
SWAPPED = {"sustained.lead.2026-12-14.all.s0.ana@duty-handbook"}


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


def stamps(
    root: Path, base_url: str | None = None, *, runs: bool = False
) -> dict[str, tuple[int, dt.datetime, dt.datetime]]:
    """uid → (SEQUENCE, LAST-MODIFIED, DTSTAMP) over every feed built from `root` (at `base_url`); the compact
    feeds' runs only with `runs`."""
    project, report = load_fixture(root)
    found: dict[str, tuple[int, dt.datetime, dt.datetime]] = {}
    for path, data in generated_files(project, report, NOW, root=root, base_url=base_url).items():
        if not path.endswith(".ics"):
            continue
        for event in icalendar.Calendar.from_ical(data).events:
            assert event.sequence is not None and event.last_modified is not None and event.stamp is not None
            if str(event.uid).startswith("run.") and not runs:
                continue
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
    assert set(before) - set(after) == SWAP_REMOVED and set(after) - set(before) == SWAP_ADDED
    changed = {uid for uid in set(after) & set(before) if after[uid] != before[uid]}
    assert changed == SWAPPED
    assert all(after[uid] == expected(T2) for uid in SWAPPED | SWAP_ADDED)
    assert all(after[uid][0] > before[uid][0] for uid in SWAPPED)  # SEQUENCE went up
    assert all(after[uid] == expected(T1) for uid in set(after) - SWAPPED - SWAP_ADDED)


def test_an_uncommitted_edit_is_stamped_with_the_build_time(tmp_path: Path) -> None:
    _, root = new_repo(tmp_path)
    swap_in_fixture(root)
    found = stamps(root)
    assert {uid for uid, row in found.items() if row == expected(NOW)} == SWAPPED | SWAP_ADDED
    assert all(found[uid] == expected(T1) for uid in set(found) - SWAPPED - SWAP_ADDED)


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

    def counting(top: Path, prefix: str, sha: str, *rest: object) -> object:
        archived.append(sha)
        return real(top, prefix, sha, *rest)  # type: ignore[arg-type]

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
    changed = SWAPPED | SWAP_ADDED
    assert {uid for uid, row in found.items() if row == expected(T3)} == changed  # the merge's time, not T2
    assert all(found[uid] == expected(T1) for uid in set(found) - changed)


# Property: random covers and swaps, each committed. After each commit exactly the events whose content changed
# carry the commit's time and a higher SEQUENCE, a UID never changes hands, and a cover removes no event outside
# the role and period it covers.
PEOPLE = ["ben", "chloe", "dev", "zoe"]
ROTATION_FILE = Path("data") / "rotations" / "sustained.yml"
PERIODS = 6  # the first periods of the fixture's two-week cycles


@dataclass(frozen=True)
class Cover:
    period: int
    role: str
    person: str
    first_hour: int  # after the period's Monday 09:00
    hours: int


@dataclass(frozen=True)
class Swap:
    period: int
    first: str
    second: str


EDITS = st.lists(
    st.one_of(
        st.builds(Cover, st.integers(0, PERIODS - 1), st.sampled_from(["primary", "backup"]), st.sampled_from(PEOPLE),
                  st.integers(0, 14 * 24 - 2), st.integers(1, 80)),
        st.builds(Swap, st.integers(0, PERIODS - 1), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)),
    ),
    min_size=1,
    max_size=3,
)


def _apply(root: Path, edit: Cover | Swap) -> tuple[dt.datetime, dt.datetime] | None:
    """Write the edit into the rotation file; the cover's UTC span, or None for a swap. EditError if pointless."""
    project = load_project(root)
    rotation = project.rotations["sustained"]
    path = root / ROTATION_FILE
    document = load_roundtrip(path.read_text(encoding="utf-8"), str(ROTATION_FILE))
    period_start = dt.datetime.combine(rotation.schedule[edit.period].start, dt.time(9, 0))
    span = None
    if isinstance(edit, Cover):
        start = period_start + dt.timedelta(hours=edit.first_hour)
        end = min(start + dt.timedelta(hours=edit.hours), period_start + dt.timedelta(days=14))
        request = OverrideRequest("sustained", edit.role, edit.person, start, end)
        add_override(document, rotation, request, expand_rotation(project, "sustained"))
        zone = rotation.handoff.timezone
        span = (instant(start.date(), start.time(), zone), instant(end.date(), end.time(), zone))
    else:
        swap(document, rotation, SwapRequest("sustained", edit.first, edit.second, [edit.period]))
    path.write_text(document.dump(), encoding="utf-8")
    return span


def _events(root: Path) -> dict[str, EventContent] | None:
    """Every event of the data, whatever the window (a piece cut off by a cover may fall before it)."""
    project = load_project(root)
    report = validate(project, NOW)
    if report.errors:
        return None
    return {e.uid: e for e in all_events(project, report.expansions, None, FeedSettings())}


@FUZZ_GIT
@given(edits=EDITS)
@example(edits=[Cover(0, "backup", "ben", 1, 1)])  # cuts the holder's piece before the window from the rest
@example(edits=[Cover(2, "primary", "dev", 0, 30), Swap(3, "dev", "zoe")])  # a cover at the period's start
def test_random_covers_and_swaps_move_exactly_the_changed_events(tmp_path_factory: pytest.TempPathFactory,
                                                                   edits: list[Cover | Swap]) -> None:
    repo, root = new_repo(tmp_path_factory.mktemp("history"))
    before, stamped = _events(root), stamps(root, runs=True)
    assert before is not None
    for number, edit in enumerate(edits, start=1):
        when = T1 + dt.timedelta(hours=number)
        try:
            span = _apply(root, edit)
        except EditError:
            continue  # a swap of people not on duty, a cover of someone by themself: nothing to commit
        after = _events(root)
        if after is None:  # the edit broke a rule (someone covering while away): not a valid handbook
            git(repo, "checkout", "--", ".")
            continue
        commit_all(repo, f"edit {number}", when)
        now_stamped = stamps(root, runs=True)  # the events in the feeds' window
        assert set(now_stamped) <= set(after)
        for uid, event in after.items():
            old = before.get(uid)
            assert old is None or old.shift is None or event.shift is None or old.shift.person == event.shift.person
            assert old is None or old.run_of == event.run_of
            if uid not in now_stamped:
                continue
            if old is None or uid not in stamped or old.fingerprint != event.fingerprint:
                assert now_stamped[uid] == expected(when), uid
                assert uid not in stamped or now_stamped[uid][0] > stamped[uid][0]
            else:
                assert now_stamped[uid] == stamped[uid], uid
        if span is not None and isinstance(edit, Cover):
            # A cover touches only the pieces of the role it covers, in its period: it may end one (covered
            # completely) or renumber the holder's pieces there, never an event of another role or period.
            for uid in set(before) - set(after):
                if before[uid].run_of is not None:
                    continue  # a run of the compact feed: it ends where the covered holder's shifts end
                shift = before[uid].shift
                assert shift is not None and (shift.role, shift.period) == (edit.role, edit.period), uid
        before, stamped = after, now_stamped


def test_every_path_of_the_event_code_exists() -> None:
    """A module renamed or split away would silently stop starting a new history when it changes."""
    top = Path(__file__).resolve().parents[2]
    assert [path for path in RENDERER_PATHS if not (top / path).is_file()] == []


def test_a_walk_reads_only_what_each_commit_changed_and_gives_what_a_fresh_load_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, root = new_repo(tmp_path)
    data = root / "data"
    rotation = data / "rotations" / "follow.yml"
    rotation.write_text(rotation.read_text() + "# a comment, no event changes\n")
    commit_all(repo, "a comment in one rotation", T2)
    swap_in_fixture(root)
    commit_all(repo, "swap Ben and Chloé", T2)
    idle = (data / "people" / "idle.yml").read_text()
    (data / "people" / "idle.yml").unlink()
    commit_all(repo, "someone leaves", T3)
    (data / "people" / "idle.yml").write_text(idle.replace("name: ", "name: Dr "))
    commit_all(repo, "and comes back, renamed", T3)
    ben = data / "people" / "ben.yml"
    ben.write_text(ben.read_text().replace("name: Ben Okafor", "name: Ben Okafor-Smith"))
    commit_all(repo, "someone on duty is renamed", T3)
    log = subprocess.run(["git", "-C", str(repo), "log", "--format=%H", "--reverse"], capture_output=True,
                         text=True, check=True).stdout.split()
    expanded: list[str] = []
    original = expansion.expand_rotation

    def counting(project: object, rotation_id: str) -> object:
        expanded.append(rotation_id)
        return original(project, rotation_id)  # type: ignore[arg-type]

    monkeypatch.setattr(expansion, "expand_rotation", counting)
    settings_ = FeedSettings(base_url="https://duty.example.com/")
    walk = PastFingerprints(settings_)
    with tempfile.TemporaryDirectory() as folder_path:
        folder = git_snapshots._DataFolder(Path(folder_path))
        walked = [git_snapshots._fingerprints_at(repo, "handbook/", sha, walk, folder) for sha in log]
        expanded_in_walk = list(expanded)
        fresh = [git_snapshots._fingerprints_at(repo, "handbook/", sha, PastFingerprints(settings_)) for sha in log]
    assert all(walked) and walked == fresh
    assert walked[1] == walked[0] and walked[2] != walked[1]  # a comment changes nothing; the swap does
    assert walked[-1] != walked[-2]  # the events that name Ben were made again
    # The first commit expands both rotations, the swap one; a comment and the people commits none.
    assert sorted(expanded_in_walk) == sorted(["follow", "sustained", "sustained"])


def test_a_build_makes_each_rotations_events_once_for_heads_state_and_the_feeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repo, root = new_repo(tmp_path)
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    git_snapshots.clear_memory()
    made: list[str] = []
    real = events_module.rotation_events

    def counting(project: object, expansion: object, *rest: object) -> object:
        made.append(expansion.rotation_id)  # type: ignore[attr-defined]
        return real(project, expansion, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(events_module, "rotation_events", counting)
    project, _report = load_fixture(root)
    _feeds(root)
    assert sorted(made) == sorted(project.rotations)  # not twice: HEAD's events are the feeds' events


def test_with_heads_state_known_a_build_does_not_list_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, root = new_repo(tmp_path)
    swap_in_fixture(root)
    commit_all(repo, "swap Ben and Chloé", T2)
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    git_snapshots.clear_memory()
    cold = _feeds(root)
    git_snapshots.clear_memory()  # a new process: HEAD's state is on disk

    def no_listing(*args: object, **kwargs: object) -> object:
        raise AssertionError("the whole history was listed")

    monkeypatch.setattr(git_snapshots, "history", no_listing)
    assert _feeds(root) == cold


def _tar(*members: tuple[tarfile.TarInfo, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for info, content in members:
            info.size = len(content) if info.isfile() else 0
            tar.addfile(info, io.BytesIO(content) if info.isfile() else None)
    return out.getvalue()


def test_a_commits_data_is_read_in_memory_unless_it_holds_a_link_or_a_name_outside(tmp_path: Path) -> None:
    plain = tarfile.TarInfo("people/ana.yml")
    folder = tarfile.TarInfo("people")
    folder.type = tarfile.DIRTYPE
    assert git_snapshots._plain_files(_tar((folder, b""), (plain, b"name: Ana\n")), tmp_path / "data") == {
        PurePosixPath("people/ana.yml"): b"name: Ana\n"
    }
    link = tarfile.TarInfo("people/ben.yml")
    link.type, link.linkname = tarfile.SYMTYPE, "ana.yml"
    assert git_snapshots._plain_files(_tar((plain, b"x"), (link, b"")), tmp_path / "data") is None
    outside = tarfile.TarInfo("../people/eve.yml")
    assert git_snapshots._plain_files(_tar((outside, b"x")), tmp_path / "data") is None


def test_a_walk_over_a_commit_with_a_link_loads_it_as_a_fresh_extraction_would(tmp_path: Path) -> None:
    repo, root = new_repo(tmp_path)
    (root / "data" / "people" / "zed.yml").symlink_to("idle.yml")
    commit_all(repo, "a person file that is a link", T2)
    sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True,
                         check=True).stdout.strip()
    settings_ = FeedSettings()
    with tempfile.TemporaryDirectory() as folder_path:
        folder = git_snapshots._DataFolder(Path(folder_path))
        walked = git_snapshots._fingerprints_at(repo, "handbook/", sha, PastFingerprints(settings_), folder)
    assert walked == git_snapshots._fingerprints_at(repo, "handbook/", sha, PastFingerprints(settings_))
