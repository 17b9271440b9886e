"""Reading the handbook's data as it was at a git revision, and the messages of the commits between two.

`git archive` unpacks the revision's `data/` into a temporary folder (never touching the work tree), and
the ordinary loader reads it there, so an old revision is checked exactly like the current one.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from macros.model.loader import load_project
from macros.model.project import Project


class RevisionError(Exception):
    """git could not answer: not a repository, an unknown revision, no data/ at that revision."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RevisionError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def resolve(root: Path, revision: str) -> str:
    """The full commit id of `revision` (a branch, tag, `HEAD~1`, …)."""
    if revision.startswith("-"):
        raise RevisionError(f"'{revision}' is not a revision")
    return _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode("ascii").strip()


def project_at(root: Path, revision: str) -> Project:
    """The data at `revision`, loaded; raises `DataError` when it does not load, `RevisionError` when git fails."""
    commit = resolve(root, revision)
    prefix = _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    archive = _git(root, "archive", "--format=tar", f"{commit}:{prefix}data")
    with tempfile.TemporaryDirectory(prefix="handbook-revision-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(Path(scratch) / "data", filter="data")
        return load_project(Path(scratch))


def commit_messages(root: Path, base: str, head: str = "HEAD") -> list[str]:
    """The full messages of the commits in `base..head`, newest first."""
    out = _git(root, "log", "--format=%B%x00", f"{resolve(root, base)}..{resolve(root, head)}")
    return [message.strip() for message in out.decode("utf-8", "replace").split("\0") if message.strip()]
