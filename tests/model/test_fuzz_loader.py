"""Hardening of the loader and the rule engine: mutated data gives a clean result or one-line findings.

The corpus is the shipped example data when it has rotations and validates without errors, else a
small synthetic handbook (every kind of rotation the generator knows). Each example edits one file,
as a person would by mistake: text edits (a line dropped, doubled, swapped, re-indented, cut off, or
random characters typed in) and structural edits (a value replaced by another id, a date, a time, a
list, a mapping or nothing; a key removed or misspelt; an item doubled). The only allowed outcomes
are a report, or a `DataError`, each finding on one line pointing at `file:line:col`; never another
exception, never a hang.
"""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_yamldoc import time_limit

import handbook_cli
import synthetic_data
from macros.model.findings import DataError, Finding
from macros.model.loader import load_project
from macros.model.yamldoc import PathKey, parse_text
from macros.rules.validate import validate
from site_fixture import content_now

REPO = Path(__file__).resolve().parents[2]
NOW = content_now()  # the shipped data is the corpus: looked at as of the content tests' "now"
FINDING = re.compile(r"^data/[a-z-]+/[^/:\s]+\.yml:[1-9]\d*:[1-9]\d*: (error|warning)\[[a-z-]+\]: [^\n\r]+$")
HANG_SECONDS = 60  # one example takes well under a second; a loop that never ends would take forever
# HANDBOOK_FUZZ_EXAMPLES=2000 for a long local session; CI runs the default.
FUZZ = settings(
    max_examples=int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


def _example_is_usable() -> bool:
    """The shipped data, when it has rotations to exercise the rules and validates without errors."""
    if not any((REPO / "data" / "rotations").glob("*.yml")):
        return False
    try:
        return not validate(load_project(REPO), NOW).errors
    except DataError:
        return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    if _example_is_usable():
        shutil.copytree(REPO / "data", root / "data")
    else:
        synthetic_data.generate(root, 200, 4, 1, seed=3)
    assert not validate(load_project(root), NOW).errors, "the corpus itself must be valid"
    return root


def _files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.yml"))


def assert_clean_or_one_line_findings(root: Path) -> list[Finding]:
    with time_limit(HANG_SECONDS):
        try:
            project = load_project(root)
        except DataError as exc:
            findings = exc.findings
            assert findings, "a DataError must say what is wrong"
        else:
            findings = validate(project, NOW).findings
    for finding in findings:
        assert FINDING.match(finding.format()), finding.format()
    return findings


@contextmanager
def edited(file: Path, text: str) -> Iterator[None]:
    """`file` holds `text` inside the block, and its original content again afterwards."""
    original = file.read_bytes()
    file.write_text(text, encoding="utf-8")
    try:
        yield
    finally:
        file.write_bytes(original)


# --- text edits -----------------------------------------------------------------------------------

TYPED = st.sampled_from([":", "- ", "  ", "\t", "'", '"', "[", "{", "}", "#", "&x ", "*x", "!!", "<<: ", "\n", "x"])


@st.composite
def text_edit(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    where = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(st.sampled_from(["drop", "double", "swap", "indent", "dedent", "cut", "type", "blank-value"]))
    if kind == "drop":
        del lines[where]
    elif kind == "double":
        lines.insert(where, lines[where])
    elif kind == "swap" and where + 1 < len(lines):
        lines[where], lines[where + 1] = lines[where + 1], lines[where]
    elif kind == "indent":
        lines[where] = "  " + lines[where]
    elif kind == "dedent":
        lines[where] = lines[where][2:] if lines[where].startswith("  ") else lines[where].lstrip()
    elif kind == "cut":
        return text[: draw(st.integers(0, len(text)))]
    elif kind == "type":
        line = lines[where]
        at = draw(st.integers(0, len(line)))
        typed = draw(st.one_of(TYPED, st.text(max_size=4)))
        lines[where] = line[:at] + typed + line[at:]
    elif kind == "blank-value" and ":" in lines[where]:
        lines[where] = lines[where].split(":", 1)[0] + ":"
    return "\n".join(lines)


@st.composite
def any_file(draw: st.DrawFn, root: Path) -> Path:
    """A data file, folders weighted alike: rotations are few but hold most of what the rules check."""
    folders = sorted({file.parent for file in _files(root)})
    folder = draw(st.sampled_from(folders))
    return draw(st.sampled_from(sorted(folder.glob("*.yml"))))


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_text_edits_give_a_report_or_one_line_findings(corpus: Path, data: st.DataObject) -> None:
    file = data.draw(any_file(corpus))
    mutated = data.draw(text_edit(file.read_text(encoding="utf-8")))
    with edited(file, mutated):
        assert_clean_or_one_line_findings(corpus)
        # The command line's own path as well: exit 0, 1 or 2 (3 would mean an internal error), one line each.
        out, err = io.StringIO(), io.StringIO()
        code = handbook_cli.main(["--root", str(corpus), "validate", "--today", "2026-11-23"], out, err)
        assert code in (0, 1, 2), err.getvalue()
        for line in out.getvalue().splitlines():
            assert FINDING.match(line), line


# --- structural edits -----------------------------------------------------------------------------


def _ids(root: Path) -> list[str]:
    ids = [file.stem for file in _files(root)]
    for file in (root / "data" / "rotations").glob("*.yml"):
        rotation = parse_text(file.read_text(encoding="utf-8"), "r").data
        if isinstance(rotation, dict):
            for key in ("roles", "shifts"):
                items = rotation.get(key)
                ids += [str(item["id"]) for item in items or []
                        if isinstance(item, dict) and isinstance(item.get("id"), str)]
    return sorted(set(ids))


SCALARS = [
    "", " ", "0", "-1", "1.5", "99999999999999999999", "yes", "no", "null", "~", "true",
    "2026-11-23", "2026-02-29", "2026-13-01", "2026-11-23 25:00", "2026-11-23 09:00", "0001-01-01", "9999-12-31",
    "09:00", "24:00", "9", "monday", "Monday", "funday", "Europe/Berlin", "Mars/Olympus", "UTC", "@handle",
    "primary", "per_shift", "<script>alert(1)</script>", "line one\nline two", "é" * 3, "a" * 300,
]


def replacement_values(ids: list[str]) -> st.SearchStrategy[Any]:
    scalar = st.one_of(st.none(), st.sampled_from(SCALARS), st.sampled_from(ids), st.text(max_size=10))
    return st.recursive(
        scalar,
        lambda children: st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(ids + SCALARS), children, max_size=3),
        max_leaves=6,
    )


def _get(value: Any, path: PathKey) -> Any:
    for element in path:
        value = value[element]
    return value


@st.composite
def structural_edit(draw: st.DrawFn, text: str, ids: list[str]) -> str:
    document = parse_text(text, "x")
    data = copy.deepcopy(document.data)
    paths = [path for path in document.source.values if path]
    if not paths:
        return text
    path = draw(st.sampled_from(paths))
    parent = _get(data, path[:-1])
    last = path[-1]
    kind = draw(st.sampled_from(["replace", "remove", "misspell", "add-key", "double"]))
    if kind == "replace":
        parent[last] = draw(replacement_values(ids))
    elif kind == "remove":
        del parent[last]
    elif kind == "misspell" and isinstance(last, str):
        parent[last[:-1] + last[-1:] * 2] = parent.pop(last)
    elif kind == "add-key" and isinstance(parent, dict):
        parent[draw(st.sampled_from(ids + SCALARS))] = draw(replacement_values(ids))
    elif kind == "double" and isinstance(parent, list):
        parent.insert(int(last), copy.deepcopy(parent[int(last)]))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_structural_edits_give_a_report_or_one_line_findings(corpus: Path, data: st.DataObject) -> None:
    file = data.draw(any_file(corpus))
    mutated = data.draw(structural_edit(file.read_text(encoding="utf-8"), _ids(corpus)))
    with edited(file, mutated):
        assert_clean_or_one_line_findings(corpus)


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_several_edits_at_once(corpus: Path, data: st.DataObject) -> None:
    # Problems in several files at once: each is reported where it is, none hides another's line.
    files = data.draw(st.lists(any_file(corpus), min_size=2, max_size=4, unique=True))
    originals = {file: file.read_bytes() for file in files}
    ids = _ids(corpus)
    try:
        for file in files:
            file.write_text(data.draw(structural_edit(file.read_text(encoding="utf-8"), ids)), encoding="utf-8")
        assert_clean_or_one_line_findings(corpus)
    finally:
        for file, original in originals.items():
            file.write_bytes(original)


def test_the_corpus_itself_is_clean(corpus: Path) -> None:
    assert [f.format() for f in assert_clean_or_one_line_findings(corpus) if f.severity.value == "error"] == []
