"""Past states of the calendar events, read from the git history of `data/` (see `event_revisions`).

For each commit that touched `data/` (or the code that writes events), newest first, the commit's `data/`
folder is unpacked into a temporary folder, loaded and turned into event fingerprints by the caller's
function. The walk ends at the first commit whose data does not load, after the newest commit that changed
the event-writing code, at `max_commits`, or where the (possibly shallow) history ends. Results are kept in
memory per commit, so `mkdocs serve` pays for each commit once.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path

from macros.feeds.revisions import Snapshot
from macros.model.loader import load_project
from macros.model.project import Project

# Code whose change can change an event's text: history before the newest change to it is not comparable.
RENDERER_PATHS = (
    "macros/feeds/events.py",
    "macros/feeds/meetings.py",
    "macros/feeds/event_content.py",
    "macros/feeds/settings.py",
    "macros/schedule/expansion.py",
    "macros/schedule/localtime.py",
)
DEFAULT_MAX_COMMITS = 200

Fingerprints = Mapping[str, str]
_cache: dict[tuple[str, str, Hashable], Fingerprints | None] = {}
_CACHE_LIMIT = 2048


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _commits(root: Path, paths: tuple[str, ...], max_commits: int) -> list[tuple[str, dt.datetime]]:
    out = _git(root, "log", "--format=%H %ct", f"--max-count={max_commits}", "--", *paths)
    commits = []
    for line in (out or b"").decode("ascii", "replace").splitlines():
        sha, _, seconds = line.partition(" ")
        if seconds.isdigit():
            commits.append((sha, dt.datetime.fromtimestamp(int(seconds), dt.UTC)))
    return commits


def _fingerprints_at(
    top: Path, prefix: str, sha: str, fingerprints_of: Callable[[Project], Fingerprints]
) -> Fingerprints | None:
    """The events' fingerprints for the commit's `<prefix>data/`, or None when that data cannot be read.

    `top` is the top of the work tree: run from a subfolder, `git archive` refuses `<commit>:<path>`.
    """
    archive = _git(top, "archive", "--format=tar", f"{sha}:{prefix}data")
    if archive is None:
        return None
    with tempfile.TemporaryDirectory(prefix="handbook-history-") as tmp:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(Path(tmp) / "data", filter="data")
            return dict(fingerprints_of(load_project(Path(tmp))))
        except Exception:  # noqa: BLE001 - old data that cannot be read (any way) just ends the history
            return None


def snapshots(
    root: Path,
    fingerprints_of: Callable[[Project], Fingerprints],
    cache_key: Hashable,
    *,
    max_commits: int = DEFAULT_MAX_COMMITS,
    renderer_paths: tuple[str, ...] = RENDERER_PATHS,
) -> Iterator[Snapshot]:
    """The states of the events at each relevant commit, newest first; nothing outside a git work tree.

    `cache_key` must change whenever `fingerprints_of` would give other results for the same data
    (for example when the site's address or the page paths change).
    """
    top_out = _git(root, "rev-parse", "--show-toplevel")
    prefix_out = _git(root, "rev-parse", "--show-prefix")
    if top_out is None or prefix_out is None:
        return
    top, prefix = Path(top_out.decode("utf-8").strip()), prefix_out.decode("utf-8").strip()
    commits = _commits(root, ("data", *renderer_paths), max_commits)
    renderer_changes = {sha for sha, _ in _commits(root, renderer_paths, max_commits)}
    for sha, when in commits:
        key = (str(root.resolve()), sha, cache_key)
        if key not in _cache:
            if len(_cache) >= _CACHE_LIMIT:
                _cache.clear()
            _cache[key] = _fingerprints_at(top, prefix, sha, fingerprints_of)
        fingerprints = _cache[key]
        if fingerprints is None:
            return
        yield Snapshot(when, fingerprints)
        if sha in renderer_changes:
            return
