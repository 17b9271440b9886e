"""The loaded handbook data: every model object plus where each file's values were written."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel

from macros.model.findings import Finding, Location
from macros.model.types import Checklist, CommonTask, Person, Rotation, Team, Template
from macros.model.yamldoc import PathKey, SourceMap

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Collection(Mapping[str, M]):
    """The files of one kind (`data/<folder>/<id>.yml`), by id, in id order, with their source maps."""

    folder: str
    by_id: Mapping[str, M] = field(default_factory=dict)
    sources: Mapping[str, SourceMap] = field(default_factory=dict)

    def __getitem__(self, key: str) -> M:
        return self.by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_id)

    def __len__(self) -> int:
        return len(self.by_id)

    def locate(self, item_id: str, where: PathKey = (), *, key: bool = False) -> Location:
        source = self.sources.get(item_id)
        if source is None:
            return Location(f"data/{self.folder}/{item_id}.yml", 1, 1)
        return source.locate(where, key=key)


@dataclass(frozen=True)
class Project:
    """Everything under `data/`, validated against the model (references are checked separately)."""

    people: Collection[Person]
    teams: Collection[Team]
    rotations: Collection[Rotation]
    templates: Collection[Template]
    checklists: Collection[Checklist]
    common_tasks: Collection[CommonTask]
    # Files the loader did not read (sub-folders, hidden files): warnings, reported by `validate`.
    load_warnings: tuple[Finding, ...] = ()
