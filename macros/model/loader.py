"""Loading `data/` into a `Project`, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros.model.findings import DataError, Finding, Location, Severity
from macros.model.gc_pause import gc_paused
from macros.model.project import Collection, Project
from macros.model.schema_errors import findings_from
from macros.model.text_checks import control_character_findings
from macros.model.types import IDENT_PATTERN, MAX_ID_LENGTH, Checklist, CommonTask, Person, Rotation, Team, Template
from macros.model.yamldoc import SourceMap, read_document

M = TypeVar("M", bound=BaseModel)

# folder under data/ → the model each of its files must match
FOLDERS: dict[str, type[BaseModel]] = {
    "people": Person,
    "teams": Team,
    "rotations": Rotation,
    "templates": Template,
    "checklists": Checklist,
    "common-tasks": CommonTask,
}
_ID = re.compile(IDENT_PATTERN)


# What one file gave, by (path, mtime_ns, size): its model and source map, or its findings.
_Loaded = tuple[BaseModel, SourceMap] | list[Finding]
# root → the files of its last load with `reuse_unchanged` (one handbook's files, replaced at each load).
_unchanged: dict[Path, dict[tuple[str, int, int], _Loaded]] = {}


@dataclass
class _Collector:
    root: Path
    findings: list[Finding]
    # The previous load's files (None: read every file), and this load's, for the next one.
    earlier: dict[tuple[str, int, int], _Loaded] | None = None
    seen: dict[tuple[str, int, int], _Loaded] | None = None

    def load(self, folder: str, model: type[M]) -> Collection[M]:
        items: dict[str, M] = {}
        sources: dict[str, SourceMap] = {}
        directory = self.root / "data" / folder
        files = sorted(directory.glob("*")) if directory.is_dir() else []
        for file in files:
            shown = file.relative_to(self.root).as_posix()
            if file.suffix == ".md" and not file.is_dir():
                continue  # a README beside the data
            if file.name.startswith(".") and not file.is_dir() and file.suffix not in (".yml", ".yaml"):
                continue  # .gitkeep, .DS_Store: not meant as data
            if file.name.startswith(".") or file.is_dir():
                # Not read: say so, or a data file someone added would be silently ignored.
                kind = "folder" if file.is_dir() else "hidden file"
                self._warn(shown, f"{kind} '{file.name}' is not read", f"data files sit directly in data/{folder}/")
                continue
            if file.suffix != ".yml":
                self._error(shown, f"unexpected file '{file.name}'", "data files end in .yml")
                continue
            if not _ID.fullmatch(file.stem):  # fullmatch: `$` alone would accept a name ending in a line break
                hint = "rename it with lower-case letters, digits and dashes (the file name is the id)"
                self._error(shown, f"{file.stem!r} is not a valid id", hint)
                continue
            if len(file.stem) > MAX_ID_LENGTH:
                hint = f"ids name files and pages: use at most {MAX_ID_LENGTH} characters"
                self._error(shown, f"the id is {len(file.stem)} characters long", hint)
                continue
            if not self._inside(file):
                self._error(shown, "the file is a link to a place outside the handbook", "copy the file instead")
                continue
            loaded = self._reused(file, shown, model)
            if loaded is not None:
                items[file.stem], sources[file.stem] = loaded
        return Collection(folder, items, sources)

    def _reused(self, file: Path, shown: str, model: type[M]) -> tuple[M, SourceMap] | None:
        """`_validate`, or what it gave for the same file (path, mtime and size) in the previous load."""
        if self.seen is None:
            return self._validate(file, shown, model)
        try:
            stat = file.stat()
        except OSError:
            return self._validate(file, shown, model)
        key = (shown, stat.st_mtime_ns, stat.st_size)
        before = (self.earlier or {}).get(key)
        if before is None:
            mark = len(self.findings)
            made = self._validate(file, shown, model)
            self.seen[key] = made if made is not None else self.findings[mark:]
            return made
        self.seen[key] = before
        if isinstance(before, list):
            self.findings += before
            return None
        found, source = before
        return (found, source) if isinstance(found, model) else self._validate(file, shown, model)

    def _validate(self, file: Path, shown: str, model: type[M]) -> tuple[M, SourceMap] | None:
        try:
            document = read_document(file, shown)
        except DataError as exc:
            self.findings += exc.findings
            return None
        controls = control_character_findings(document.data, document.source)
        if controls:
            self.findings += controls
            return None
        if not isinstance(document.data, dict):
            self._error(shown, "the file must be a mapping of `key: value` lines", "see the Editing the data page")
            return None
        try:
            return model.model_validate(document.data), document.source
        except ValidationError as exc:
            self.findings += findings_from(exc, model, document.source)
            return None

    def _inside(self, file: Path) -> bool:
        """False for a symbolic link (or a file under a linked folder) that leads out of the handbook."""
        try:
            file.resolve(strict=True).relative_to(self.root.resolve())
        except (OSError, ValueError, RuntimeError):  # outside, dangling, or a loop of links
            return False
        return True

    def _error(self, shown: str, message: str, hint: str) -> None:
        self.findings.append(Finding(Location(shown, 1, 1), Severity.ERROR, "load", message, hint))

    def _warn(self, shown: str, message: str, hint: str) -> None:
        self.findings.append(Finding(Location(shown, 1, 1), Severity.WARNING, "load", message, hint))


def load_project(root: Path, *, reuse_unchanged: bool = False) -> Project:
    """Load and validate every data file under `root/data`; raise `DataError` listing all problems.

    With `reuse_unchanged`, a file whose path, mtime and size are those of the previous such load of `root`
    is not read again: its model (the very same object) or its findings are reused. `mkdocs serve` uses it,
    so a one-line edit re-reads one file.
    """
    if not (root / "data").is_dir():
        raise DataError(
            [
                Finding(
                    Location("data", 0, 0),
                    Severity.ERROR,
                    "load",
                    "no data/ folder here",
                    "run from the handbook's root",
                )
            ]
        )
    key = root.resolve()
    collector = _Collector(root, [], _unchanged.get(key), {}) if reuse_unchanged else _Collector(root, [])
    with gc_paused():
        loaded: dict[str, Collection[Any]] = {
            folder: collector.load(folder, model) for folder, model in FOLDERS.items()
        }
    if reuse_unchanged and collector.seen is not None:
        _unchanged[key] = collector.seen
    if any(finding.severity is Severity.ERROR for finding in collector.findings):
        raise DataError(collector.findings)
    return Project(
        people=loaded["people"],
        teams=loaded["teams"],
        rotations=loaded["rotations"],
        templates=loaded["templates"],
        checklists=loaded["checklists"],
        common_tasks=loaded["common-tasks"],
        load_warnings=tuple(collector.findings),
    )


def forget_unchanged(root: Path) -> None:
    """Drop what `load_project(root, reuse_unchanged=True)` kept of `root`'s files (a folder that goes away)."""
    _unchanged.pop(root.resolve(), None)
