"""The state of the calendar events at HEAD, from the git history of `data/` (see `revisions`).

The history is the first-parent line of HEAD, limited to the commits that touched `data/`, the site settings
(`mkdocs.yml`, whose `site_url` is in every event's handbook link) or the code that writes events. Each commit's
events are made with that commit's own `site_url`, so an event whose link changed with a new `site_url` is a
changed event. Each such commit's state follows from the one before (`revisions.advance`); the walk goes back
from HEAD only until it meets a state already known (in memory or in `history_cache`), the last commit that
changed the event-writing code, a commit whose data does not load, or the start of the (possibly shallow)
history, then steps forward, storing every state it makes. A commit's `data/` is unpacked into a temporary
folder and loaded; HEAD's is not when the work tree's `data/` equals it: the build's own events are used.

In a shallow clone the states are neither read from nor written to the disk cache: there, the start of the
history is only the shallow boundary, and a state made from it would differ from a full clone's.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from macros.feeds.history_cache import KEEP_STATES, StateStore, cache_dir
from macros.feeds.revisions import State, advance
from macros.model.loader import forget_unchanged, load_project
from macros.model.project import Project
from macros.model.site_settings import SITE_CONFIG, read_site_settings, site_url_of

# Code whose change can change an event's text: history before the newest change to it is not comparable.
RENDERER_PATHS = (
    "macros/feeds/events.py",
    "macros/feeds/meetings.py",
    "macros/feeds/event_content.py",
    "macros/feeds/plain_text.py",
    "macros/feeds/runs.py",
    "macros/feeds/settings.py",
    "macros/schedule/covers.py",
    "macros/schedule/expansion.py",
    "macros/schedule/localtime.py",
    "macros/schedule/shift_types.py",
)

Fingerprints = Mapping[str, str]
# A past commit's events, made from its data and the `site_url` its mkdocs.yml set.
PastFingerprints = Callable[[Project, "str | None"], Fingerprints]
_MISSING = object()
# (handbook folder, commit, settings key) → state, so `mkdocs serve` reads each state from disk once.
_memory: dict[tuple[str, str, str], State | None] = {}
_MEMORY_LIMIT = 256


@dataclass(frozen=True)
class _Commit:
    sha: str
    when: dt.datetime
    starts_history: bool  # changed the event-writing code: the state before it is not comparable


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _log(root: Path, paths: tuple[str, ...], limit: int | None = None) -> list[tuple[str, dt.datetime]]:
    bounded = [f"--max-count={limit}"] if limit is not None else []
    out = _git(root, "log", "--first-parent", *bounded, "--format=%H %ct", "HEAD", "--", *paths)
    commits = []
    for line in (out or b"").decode("ascii", "replace").splitlines():
        sha, _, seconds = line.partition(" ")
        if seconds.isdigit():
            commits.append((sha, dt.datetime.fromtimestamp(int(seconds), dt.UTC)))
    return commits


def history(root: Path, renderer_paths: tuple[str, ...] = RENDERER_PATHS) -> list[_Commit]:
    """The commits whose states matter, newest first (empty outside git)."""
    code_changes = {sha for sha, _ in _log(root, renderer_paths)}
    walked = _log(root, ("data", SITE_CONFIG, *renderer_paths))
    return [_Commit(sha, when, sha in code_changes) for sha, when in walked]


def site_url_at(top: Path, prefix: str, sha: str) -> str | None:
    """The `site_url` of the commit's `<prefix>mkdocs.yml`, or None when it has none (or none readable)."""
    return _site_url_in(_git(top, "show", f"{sha}:{prefix}{SITE_CONFIG}") or b"")


@functools.lru_cache(maxsize=16)
def _site_url_in(settings: bytes) -> str | None:
    # Most commits of a history share one mkdocs.yml: it is parsed once per text, not once per commit.
    return site_url_of(read_site_settings(settings))


class _DataFolder:
    """One folder that a history walk unpacks each commit's `data/` into, one commit after another.

    Only files whose bytes differ from the previous commit's are written (each with an mtime no other write
    used), so `load_project(..., reuse_unchanged=True)` reads again only what the commit changed and keeps the
    very same model objects for the rest; `fingerprints_of` can then keep whatever those objects gave before
    (a commit that edits one rotation re-expands and rewrites that rotation only).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self._writes = 0

    def unpack(self, files: Mapping[PurePosixPath, bytes]) -> None:
        """Make `data/` hold exactly `files` (relative path → content)."""
        wanted = {Path(*relative.parts): content for relative, content in files.items()}
        if self.data.is_dir():
            for path in sorted(self.data.rglob("*"), reverse=True):  # files before their folders
                relative = path.relative_to(self.data)
                if path.is_file() and relative not in wanted:
                    path.unlink()
                elif path.is_dir() and not any(w.is_relative_to(relative) for w in wanted):
                    path.rmdir()
        for relative, content in wanted.items():
            target = self.data / relative
            if target.is_file() and target.read_bytes() == content:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            self._writes += 1
            # Not the clock: two writes within one tick of the file system's clock would look unchanged.
            os.utime(target, ns=(self._writes, self._writes))


def _plain_files(archive: bytes, destination: Path) -> dict[PurePosixPath, bytes] | None:
    """The archive's files by relative path; None when it holds anything but folders and plain files, or a
    name `tarfile`'s "data" filter refuses (only a real extraction then says what the loader makes of it)."""
    files: dict[PurePosixPath, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isdir():
                continue
            if not member.isfile():
                return None
            try:
                tarfile.data_filter(member, str(destination))
            except tarfile.FilterError:
                return None
            content = tar.extractfile(member)
            if content is None:
                return None
            files[PurePosixPath(member.name)] = content.read()
    return files


def _fingerprints_at(
    top: Path, prefix: str, sha: str, fingerprints_of: PastFingerprints, folder: _DataFolder | None = None
) -> Fingerprints | None:
    """The events' fingerprints for the commit's `<prefix>data/` and `site_url`; None when the data is unreadable.

    `top` is the top of the work tree: run from a subfolder, `git archive` refuses `<commit>:<path>`. With
    `folder`, the data is loaded there when it is only folders and plain files (see `_DataFolder`), else from
    a folder of its own.
    """
    archive = _git(top, "archive", "--format=tar", f"{sha}:{prefix}data")
    if archive is None:
        return None
    try:
        files = None if folder is None else _plain_files(archive, folder.data)
        if folder is not None and files is not None:
            folder.unpack(files)
            project = load_project(folder.root, reuse_unchanged=True)
        else:
            with tempfile.TemporaryDirectory(prefix="handbook-history-") as tmp:
                with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                    tar.extractall(Path(tmp) / "data", filter="data")
                project = load_project(Path(tmp))
        return dict(fingerprints_of(project, site_url_at(top, prefix, sha)))
    except Exception:  # noqa: BLE001 - old data that cannot be read (any way) just ends the history
        return None


def _data_is_committed(root: Path) -> bool:
    """Whether the work tree's `data/` is exactly HEAD's: no change, no untracked or ignored file."""
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--ignored", "--", "data")
    return status is not None and not status.strip()


def head_state(
    root: Path,
    fingerprints_of: PastFingerprints,
    settings_key: str,
    *,
    current: Callable[[], Fingerprints] | None = None,
    current_site_url: str | None = None,
    renderer_paths: tuple[str, ...] = RENDERER_PATHS,
    store_in: Path | None = None,
) -> State | None:
    """The events' state at HEAD, or None outside git (or when HEAD's data does not load).

    `fingerprints_of(project, site_url)` gives the events of a past commit's project with that commit's
    `site_url`; `current`, when given, the events of the work tree's data made with `current_site_url` (used for
    HEAD when both equal HEAD's). `settings_key` must change whenever
    `fingerprints_of` would give other results for the same data (the site's address, the page paths).
    """
    # One process for three answers (each git process costs a few milliseconds of every build).
    where = _git(root, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository")
    lines = (where or b"").decode("utf-8", "replace").split("\n")
    if len(lines) < 3:
        return None
    top, prefix, shallow = Path(lines[0]), lines[1], lines[2] == "true"
    store = None if shallow else StateStore(store_in or cache_dir(root), settings_key)
    memory_root = f"{root.resolve()}\0{'shallow' if shallow else ''}"

    def known(sha: str) -> object:
        key = (memory_root, sha, settings_key)
        if key in _memory:
            return _memory[key]
        if store is not None:
            found, state = store.get(sha)
            if found:
                _memory[key] = state
                return state
        return _MISSING

    # Usually HEAD's state is known (the last build made it): then the whole history need not be listed.
    newest = _log(root, ("data", SITE_CONFIG, *renderer_paths), limit=1)
    if not newest:
        return None
    found_newest = known(newest[0][0])
    if found_newest is not _MISSING:
        return found_newest  # type: ignore[return-value]
    commits = history(root, renderer_paths)
    if not commits:
        return None
    todo: list[_Commit] = []
    state: State | None = None
    for commit in commits:
        found = known(commit.sha)
        if found is not _MISSING:
            state = found  # type: ignore[assignment]
            break
        todo.append(commit)
        if commit.starts_history:
            break
    with tempfile.TemporaryDirectory(prefix="handbook-history-walk-") as walk:
        folder = _DataFolder(Path(walk))
        for step, commit in enumerate(reversed(todo)):
            if (
                commit is commits[0]
                and current is not None
                and _data_is_committed(root)
                and site_url_at(top, prefix, commit.sha) == current_site_url
            ):
                fingerprints: Fingerprints | None = current()
            else:
                fingerprints = _fingerprints_at(top, prefix, commit.sha, fingerprints_of, folder)
            before = None if commit.starts_history else state
            state = None if fingerprints is None else advance(before, fingerprints, commit.when)
            if len(_memory) >= _MEMORY_LIMIT:
                _memory.clear()
            _memory[(memory_root, commit.sha, settings_key)] = state
            # The cache keeps the newest states only: older ones of a long first walk would be written in vain.
            if store is not None and step >= len(todo) - KEEP_STATES:
                store.put(commit.sha, state)
        forget_unchanged(folder.root)
    if store is not None:
        store.prune()
    return state


def clear_memory() -> None:
    """Forget the states kept in memory (tests use this to build as a fresh process would)."""
    _memory.clear()
