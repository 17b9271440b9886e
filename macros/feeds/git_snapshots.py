"""Past states of the calendar events, read from the git history of `data/` (see `event_revisions`).

For each commit that touched `data/`, the site settings (`mkdocs.yml`, whose `site_url` is in every event's
handbook link) or the code that writes events, newest first, the commit's `data/` folder is unpacked into a
temporary folder, loaded and turned into event fingerprints by the caller's function, with that commit's
`site_url`: an event whose link changed with a new `site_url` is then a changed event. The walk ends at the
first commit whose data does not load, after the newest commit that changed the event-writing code, at
`max_commits`, or where the (possibly shallow) history ends. Results are kept in memory per commit, so
`mkdocs serve` pays for each commit once.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Hashable, Iterator, Mapping
from pathlib import Path

import yaml

from macros.feeds.revisions import Snapshot
from macros.model.loader import load_project
from macros.model.project import Project

# Code whose change can change an event's text: history before the newest change to it is not comparable.
RENDERER_PATHS = (
    "macros/feeds/events.py",
    "macros/feeds/meetings.py",
    "macros/feeds/event_content.py",
    "macros/feeds/plain_text.py",
    "macros/feeds/runs.py",
    "macros/feeds/settings.py",
    "macros/schedule/expansion.py",
    "macros/schedule/localtime.py",
)
DEFAULT_MAX_COMMITS = 200
# The site settings, next to `data/`: its `site_url` is part of every event's text.
SITE_CONFIG = "mkdocs.yml"

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


class _SettingsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: its `!!python/name:` and `!ENV` tags become None, nothing is run."""


_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_url_at(top: Path, prefix: str, sha: str) -> str | None:
    """The `site_url` of the commit's `<prefix>mkdocs.yml`, or None when it has none (or none readable)."""
    text = _git(top, "show", f"{sha}:{prefix}{SITE_CONFIG}")
    try:
        settings = yaml.load(text or b"", Loader=_SettingsLoader)  # noqa: S506 - a SafeLoader that drops tags
    except yaml.YAMLError:
        return None
    url = settings.get("site_url") if isinstance(settings, dict) else None
    return url if isinstance(url, str) and url else None


def _fingerprints_at(
    top: Path, prefix: str, sha: str, fingerprints_of: Callable[[Project, str | None], Fingerprints]
) -> Fingerprints | None:
    """The events' fingerprints for the commit's `<prefix>data/` and `site_url`; None when the data is unreadable.

    `top` is the top of the work tree: run from a subfolder, `git archive` refuses `<commit>:<path>`.
    """
    archive = _git(top, "archive", "--format=tar", f"{sha}:{prefix}data")
    if archive is None:
        return None
    with tempfile.TemporaryDirectory(prefix="handbook-history-") as tmp:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(Path(tmp) / "data", filter="data")
            return dict(fingerprints_of(load_project(Path(tmp)), site_url_at(top, prefix, sha)))
        except Exception:  # noqa: BLE001 - old data that cannot be read (any way) just ends the history
            return None


def snapshots(
    root: Path,
    fingerprints_of: Callable[[Project, str | None], Fingerprints],
    cache_key: Hashable,
    *,
    max_commits: int = DEFAULT_MAX_COMMITS,
    renderer_paths: tuple[str, ...] = RENDERER_PATHS,
) -> Iterator[Snapshot]:
    """The states of the events at each relevant commit, newest first; nothing outside a git work tree.

    `fingerprints_of(project, site_url)` gets each commit's data and the `site_url` its mkdocs.yml set.

    `cache_key` must change whenever `fingerprints_of` would give other results for the same data
    (for example when the site's address or the page paths change).
    """
    top_out = _git(root, "rev-parse", "--show-toplevel")
    prefix_out = _git(root, "rev-parse", "--show-prefix")
    if top_out is None or prefix_out is None:
        return
    top, prefix = Path(top_out.decode("utf-8").strip()), prefix_out.decode("utf-8").strip()
    commits = _commits(root, ("data", SITE_CONFIG, *renderer_paths), max_commits)
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
