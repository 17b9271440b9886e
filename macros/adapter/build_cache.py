"""Loading and checking `data/` once per change, however many pages (or builds) ask for it.

A site build asks for the data many times: once before the build (the MkDocs hook, which stops the
build on errors), then from every page that uses a macro, and `mkdocs serve` rebuilds on each save.
`check()` keeps the last result per project root and reuses it while the *fingerprint* of `data/`
(path, mtime_ns and size of every file and folder under it) is unchanged, so an edited, added or
deleted file is always re-read and an unchanged tree never is. Nothing is loaded at import time:
some MkDocs-compatible tools re-run the macros entry point for every page.

Within one site build the fingerprint is taken once: the MkDocs hook calls `begin_build()` before its
own check and `end_build()` when the build is over, and the checks in between (one per page macro,
each of which would list and stat every file under `data/`) use that build's fingerprint. The next
build, such as a `mkdocs serve` rebuild after an edit, takes a new one.

Each project root also has a `Reuse` (`reuse(root)`): the results of its last build that follow from the
data (events' texts, feeds, JSON, people pages, the roster examples), kept with the model objects they were
made from, so a rebuild after a one-line edit makes again only what that edit changed.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from macros.model.findings import DataError, Finding, Severity
from macros.model.loader import load_project
from macros.model.project import Project
from macros.model.reuse import Reuse, data_identity
from macros.rules.validate import Report, validate
from macros.schedule.clock import build_time

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Checked:
    """The data of one project as of `now`: loaded and validated, or the findings that stopped loading."""

    root: Path
    now: dt.datetime
    project: Project | None
    report: Report | None
    load_findings: tuple[Finding, ...] = ()

    @property
    def findings(self) -> list[Finding]:
        """Every finding, sorted by file and line: load problems, or else the validation's findings."""
        return list(self.load_findings) if self.report is None else list(self.report.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return self.project is not None and not self.errors

    @cached_property
    def identity(self) -> tuple[object, ...]:
        """What every result made from this data depends on, as `Reuse` compares inputs: every model object
        (`data_identity`), every expansion, and `now`."""
        expansions = tuple(self.report.expansions.items()) if self.report is not None else ()
        data = data_identity(self.project) if self.project is not None else ()
        return (data, expansions, self.now)


def fingerprint(root: Path) -> Fingerprint:
    """What identifies one state of `root/data`: every entry's relative path, mtime_ns and size."""
    data = root / "data"
    if not data.is_dir():
        return ()
    entries: list[tuple[str, int, int]] = []
    for path in sorted(data.rglob("*")):
        try:
            stat = path.stat()
        except OSError:  # removed while we looked: the next call sees the new state
            continue
        entries.append((path.relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size))
    data_stat = data.stat()
    return (("data", data_stat.st_mtime_ns, 0), *entries)


def _load(root: Path) -> tuple[Project | None, tuple[Finding, ...]]:
    try:
        return load_project(root, reuse_unchanged=True), ()  # an edit re-reads the edited files only
    except DataError as exc:
        return None, tuple(exc.findings)


@dataclass
class _Entry:
    fingerprint: Fingerprint
    project: Project | None
    load_findings: tuple[Finding, ...]
    checked: Checked | None = None


_lock = threading.Lock()
_entries: dict[Path, _Entry] = {}
# root → the fingerprint its running build took in `begin_build`.
_builds: dict[Path, Fingerprint] = {}
# root → what its builds made from the data, for the next build (see `Reuse`).
_reuses: dict[Path, Reuse] = {}


def begin_build(root: Path) -> None:
    """A site build of `root` starts: fingerprint `data/` now, and let every `check` until `end_build` use it."""
    root = root.resolve()
    with _lock:
        _builds[root] = fingerprint(root)
        _reuses.setdefault(root, Reuse()).begin()


def reuse(root: Path) -> Reuse:
    """The results the builds of `root` keep for each other (one `Reuse` per project root)."""
    root = root.resolve()
    with _lock:
        return _reuses.setdefault(root, Reuse())


def end_build() -> None:
    """The build is over (done or failed): `check` fingerprints `data/` on every call again.

    MkDocs runs one build at a time, and its error event does not say which project failed: every
    build's fingerprint is dropped.
    """
    with _lock:
        _builds.clear()


def check(root: Path, now: dt.datetime | None = None) -> Checked:
    """The data under `root` loaded and validated as of `now`, re-read only when a file changed.

    With `now` omitted, the last result for unchanged data is reused whatever instant it was checked
    at (pages of one build see what the build's own check saw); with no such result, the data is
    checked as of `clock.build_time()`. During a build (`begin_build`) the build's fingerprint stands for
    the data's current state.
    """
    root = root.resolve()
    with _lock:
        current = _builds.get(root)
        if current is None:
            current = fingerprint(root)
        entry = _entries.get(root)
        # The last expansions of this root: a rotation whose file did not change is not expanded again.
        earlier = entry.checked.report.expansions if entry and entry.checked and entry.checked.report else None
        if entry is None or entry.fingerprint != current:
            project, load_findings = _load(root)
            entry = _Entry(current, project, load_findings)
            _entries[root] = entry
        if entry.checked is not None and (now is None or entry.checked.now == now):
            return entry.checked
        when = build_time() if now is None else now
        report = validate(entry.project, when, earlier) if entry.project is not None else None
        entry.checked = Checked(root, when, entry.project, report, entry.load_findings)
        return entry.checked


def clear() -> None:
    """Forget every cached result (tests use this; builds never need to)."""
    with _lock:
        _entries.clear()
        _builds.clear()
        _reuses.clear()
