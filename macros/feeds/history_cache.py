"""The history's per-commit event states, kept on disk so each commit is processed once, ever.

A commit's state (`revisions.State`) depends only on the commit itself and on the code that turns data into
events, so it is stored under a *key* made of that code's version and the feed settings that change an
event's text, in one JSON file per commit: `<cache dir>/history/<key>/<commit>.json`. The folder is ignored
by git (`.cache/` in `.gitignore`) and may be saved and restored between CI runs: a state read from it is
exactly what recomputing it would give, so a cold and a warm cache build byte-identical sites.

The cache dir is `HANDBOOK_CACHE_DIR` when set, else `.cache/` in the handbook's folder. Only the newest
`KEEP_STATES` states of a key and the newest `KEEP_KEYS` keys are kept: a build needs only HEAD's state,
older ones only when an older commit is checked out (and then they are recomputed from the last one kept).
A file that cannot be read is treated as missing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

from macros.feeds.revisions import State

FORMAT = 1
KEEP_STATES = 64
KEEP_KEYS = 4
# The code that turns data into events: a change to any of it may change an event's fingerprint.
_EVENT_CODE_PACKAGES = ("model", "schedule", "feeds")


@functools.cache
def event_code_version() -> str:
    """A digest of the running code that loads data and writes events (every module of those packages)."""
    macros = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for package in _EVENT_CODE_PACKAGES:
        for module in sorted((macros / package).glob("*.py")):
            digest.update(f"{package}/{module.name}\0".encode())
            digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir(root: Path) -> Path:
    configured = os.environ.get("HANDBOOK_CACHE_DIR")
    return Path(configured) if configured else root / ".cache"


class StateStore:
    """The stored states of one key (event code version and settings)."""

    def __init__(self, folder: Path, settings_key: str) -> None:
        key = hashlib.sha256(f"{event_code_version()}\0{settings_key}".encode()).hexdigest()[:16]
        self.history = folder / "history"
        self.folder = self.history / key
        self.written = False

    def _path(self, commit: str) -> Path:
        return self.folder / f"{commit}.json"

    def get(self, commit: str) -> tuple[bool, State | None]:
        """(found, state): a found None is a commit whose data did not load."""
        path = self._path(commit)
        try:
            stored = json.loads(path.read_bytes())
            os.utime(path)  # recently used: `prune` keeps it
        except (OSError, ValueError):
            return False, None
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or "state" not in stored:
            return False, None
        state = stored["state"]
        if state is None:
            return True, None
        return True, {uid: (fingerprint, since) for uid, (fingerprint, since) in state.items()}

    def put(self, commit: str, state: State | None) -> None:
        """Store a state; a cache that cannot be written is no error (the next build recomputes)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.folder, suffix=".tmp", delete=False) as out:
                # `dumps`, not `dump`: only the one-shot form uses the C encoder (10 times faster on a big state).
                out.write(json.dumps({"format": FORMAT, "state": state}, separators=(",", ":"), sort_keys=True))
            os.replace(out.name, self._path(commit))
            self.written = True
        except OSError:
            return

    def prune(self) -> None:
        """Keep the newest states of this key and the newest keys (called once a build wrote what it made)."""
        if not self.written:
            return
        try:
            _keep_newest(list(self.folder.glob("*.json")), KEEP_STATES)
            for stale in self.folder.glob("*.tmp"):
                stale.unlink(missing_ok=True)
            os.utime(self.folder)
            keys = [path for path in self.history.iterdir() if path.is_dir()]
            for old in _newest_first(keys)[KEEP_KEYS:]:
                for path in old.iterdir():
                    path.unlink(missing_ok=True)
                old.rmdir()
        except OSError:
            return


def _newest_first(paths: list[Path]) -> list[Path]:
    return sorted(paths, key=lambda path: (path.stat().st_mtime_ns, path.name), reverse=True)


def _keep_newest(paths: list[Path], count: int) -> None:
    for path in _newest_first(paths)[count:]:
        path.unlink(missing_ok=True)
