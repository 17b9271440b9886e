"""The "Writing pages" reference lists every macro a page may call, each with an example call."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros.adapter.env import define_env

PAGE = Path(__file__).resolve().parents[2] / "docs" / "page-macros.md"


class _Recorder:
    """Stands in for the macros plugin's environment: records the names `define_env` registers."""

    def __init__(self) -> None:
        self.project_dir = str(PAGE.parents[1])
        self.names: list[str] = []

    def macro(self, v: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.names.append(name or v.__name__)
        return v


def test_every_registered_macro_is_on_the_page_with_an_example() -> None:
    recorder = _Recorder()
    define_env(recorder)
    text = PAGE.read_text(encoding="utf-8")
    rows = {m[1]: m[0] for m in re.finditer(r"^\| `([a-z_]+)\(.*$", text, flags=re.MULTILINE)}
    assert sorted(recorder.names) == sorted(rows)
    for name, row in rows.items():
        assert f"{name}(" in row.rsplit("|", 2)[-2], f"{name}: no example call in its row"
