"""Keeping what one build made from the data for the next build of the same handbook (`mkdocs serve`).

A `Reuse` holds results by name, each with the *inputs* it was made from. The next build asks for the same
name with its own inputs and gets the kept result when they are the same, else makes it again. Inputs are
compared strictly: plain values (text, numbers, dates, instants) by equality, anything else by identity.
Identity is what makes this exact and cheap: `load_project(..., reuse_unchanged=True)` keeps the very same
model object for a file that did not change, and an expansion is kept while its rotation is, so "the same
objects" means "the same content" without hashing any of it. A caller must name every input its result
depends on; a result made from the project as a whole names `data_identity(project)`.

Each build starts with `begin()`: a result no build asked for since the previous `begin()` is dropped, so a
`Reuse` holds about one build's results whatever the number of rebuilds. A build without a `Reuse` (the CLI,
a first build) makes everything, with the same output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import TypeVar

from macros.model.project import Project

T = TypeVar("T")
_VALUES = (str, int, float, bool, bytes, type(None), dt.date, dt.datetime, dt.time, dt.timedelta)


def same(first: object, second: object) -> bool:
    """Whether two inputs are the same: tuples element by element, plain values by value, others by identity."""
    if first is second:
        return True
    if type(first) is not type(second):
        return False
    if isinstance(first, tuple) and isinstance(second, tuple):
        return len(first) == len(second) and all(same(a, b) for a, b in zip(first, second, strict=True))
    if isinstance(first, dt.datetime) and isinstance(second, dt.datetime):
        # `==` holds across zones: an instant in another zone is written differently.
        return first == second and repr(first.tzinfo) == repr(second.tzinfo)
    return isinstance(first, _VALUES) and first == second


def data_identity(project: Project) -> tuple[object, ...]:
    """Every model object of `project` and its source map, by folder and id: the inputs "the whole data"."""
    folders = (project.people, project.teams, project.rotations, project.templates, project.checklists,
               project.common_tasks)
    return (
        tuple(
            (folder.folder, tuple((item_id, item, folder.sources.get(item_id)) for item_id, item in folder.items()))
            for folder in folders
        ),
        project.load_warnings,
    )


class Reuse:
    """Results kept from the previous build, by name, with the inputs they were made from (see the module)."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, tuple[object, object]] = {}
        self._current: dict[Hashable, tuple[object, object]] = {}
        self.made = 0  # results made (not reused) since the last `begin()`: what tests count
        self.reused = 0

    def begin(self) -> None:
        """A build starts: what the last build used stays available, anything older is dropped."""
        if self._current:  # else the last build made nothing (it failed early): keep what the one before made
            self._previous, self._current = self._current, {}
        self.made = self.reused = 0

    def get(self, name: Hashable, inputs: object, make: Callable[[], T]) -> T:
        """The result kept under `name` if it was made from the same `inputs` (see `same`), else `make()`."""
        for kept in (self._current.get(name), self._previous.get(name)):
            if kept is not None and same(kept[0], inputs):
                self._current[name] = kept
                self.reused += 1
                return kept[1]  # type: ignore[return-value]  # stored by this method with its own T
        value = make()
        self._current[name] = (inputs, value)
        self.made += 1
        return value

    def clear(self) -> None:
        self._previous, self._current = {}, {}
