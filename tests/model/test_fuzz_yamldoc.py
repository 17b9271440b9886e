"""Hardening of the YAML reader: whatever the text, the outcome is a document or one-line findings.

Random texts are built from YAML's own punctuation (indentation, flow brackets, anchors, aliases,
tags, merge keys, document markers, block scalars) so that hypothesis reaches the parser's corners,
not only plain words. The fast event reader and the full composer must agree on every document the
fast one accepts. Huge, deep and exponential inputs are refused quickly; the time bounds are loose
on purpose (a CI machine may be slow), the benchmark is where speed is measured.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.model.findings import DataError
from macros.model.yamldoc import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Document,
    SourceMap,
    _read_full,
    _read_plain,
    _Unsupported,
    parse_text,
    read_document,
)

ONE_LINE = re.compile(r"^data/x\.yml:\d+:\d+: error\[yaml\]: [^\n\r]+$")
LOOSE_SECONDS = 20  # a hang or a quadratic blow-up takes far longer; a slow CI machine does not

PIECES = [
    "a", "b", "key", "1", "10:30", "2026-09-07", "no", "~", "null", "''", '""', "x y", "é", "\\", "=",
    ": ", ":", "- ", "-", "? ", ",", "[", "]", "{", "}", "#", "&a ", "*a", "&b ", "*b", "!!str ", "!!int ",
    "!x ", "!", "<<", "<<: ", "|", ">", "|-", "---", "...", "%YAML 1.1", "%TAG ! tag:x,2000:", "'", '"',
    "\n", "\n", "\n", "  ", "  ", "    ", "\t", "\r\n", "\ufeff", "\x00", "\x85",
]

yaml_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs longer than `seconds`."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def outcome(text: str) -> Document | list[str]:
    """The document, or the formatted findings: any other exception fails the test that calls this."""
    try:
        return parse_text(text, "data/x.yml")
    except DataError as exc:
        return [finding.format() for finding in exc.findings]


def assert_one_line_findings(lines: list[str]) -> None:
    assert lines, "a DataError must say what is wrong"
    for line in lines:
        assert ONE_LINE.match(line), line


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_like)
def test_any_text_gives_a_document_or_one_line_findings(text: str) -> None:
    result = outcome(text)
    if isinstance(result, list):
        assert_one_line_findings(result)
    else:
        # Every value is the text written, or None; keys are text.
        assert_plain(result.data)


def assert_plain(value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str)
            assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain(item)
    else:
        assert value is None or isinstance(value, str)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_like)
def test_fast_reader_agrees_with_the_composer(text: str) -> None:
    marks: SourceMap | None = SourceMap("data/x.yml")
    try:
        fast: Any = _read_plain(text, "data/x.yml", marks)
    except _Unsupported:
        fast = marks = None
    try:
        full = _read_full(text, "data/x.yml")
    except DataError:
        assert marks is None, "the fast reader accepted a document the composer refuses"
        return
    if marks is not None:
        assert fast == full.data
        assert marks.values == full.source.values
        assert marks.keys == full.source.keys
        # The deferred map that `parse_text` hands out finds the same marks.
        deferred = parse_text(text, "data/x.yml").source
        assert (deferred.values, deferred.keys) == (full.source.values, full.source.keys)


# NEL and the Unicode line and paragraph separators are line breaks in YAML 1.1, which PyYAML's writer
# folds into spaces: a writer's limitation, not the reader's, so they are left out here.
written_text = st.text(st.characters(exclude_characters="\x85\u2028\u2029", exclude_categories=["Cs"]), max_size=12)
plain_values = st.recursive(
    st.none() | written_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(written_text, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(plain_values)
def test_what_a_yaml_writer_wrote_reads_back_unchanged(value: Any) -> None:
    # Strings come back as written (the writer quotes `no`, `10:30`, `null`, …), None as None.
    text = yaml.safe_dump(value, allow_unicode=True)
    assert parse_text(text, "data/x.yml").data == value


def test_alias_bomb_is_refused_in_seconds() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 30)]
    start = time.monotonic()
    with time_limit(LOOSE_SECONDS):
        result = outcome("\n".join(lines) + "\n")
    assert result == [
        "data/x.yml:2:10: error[yaml]: YAML aliases (*name) are not supported (write the value out in full)"
    ]
    assert time.monotonic() - start < LOOSE_SECONDS


def test_a_ten_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    file = tmp_path / "big.yml"
    with file.open("w", encoding="utf-8") as out:
        out.write("name: Big\ntags:\n")
        for number in range(10 * 1024 * 1024 // 16):
            out.write(f"  - tag-{number:07d}\n")
    size = file.stat().st_size
    assert size > 10 * 1024 * 1024
    with time_limit(LOOSE_SECONDS), pytest.raises(DataError) as caught:
        read_document(file, "data/x.yml")
    assert [f.format() for f in caught.value.findings] == [
        f"data/x.yml:1:1: error[yaml]: the file is too large ({size} bytes) (split it into smaller files)"
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "shape",
    ["many list items", "many keys", "one long flow list", "one long scalar", "long lines"],
)
def test_a_file_just_under_the_size_limit_is_read_in_seconds(tmp_path: Path, shape: str) -> None:
    budget = MAX_FILE_BYTES - 100
    bodies = {
        "many list items": lambda: "tags:\n" + "  - abc\n" * (budget // 8),
        "many keys": lambda: "".join(f"k{number:07d}: v\n" for number in range(budget // 13)),
        "one long flow list": lambda: "a: [" + "b, " * (budget // 3 - 2) + "]\n",
        "one long scalar": lambda: "a: " + "x" * (budget - 5) + "\n",
        "long lines": lambda: "".join(f"k{number}: {'y' * 4000}\n" for number in range(budget // 4010)),
    }
    text = bodies[shape]()
    assert len(text.encode()) < MAX_FILE_BYTES
    file = tmp_path / "big.yml"
    file.write_text(text, encoding="utf-8")
    with time_limit(LOOSE_SECONDS):
        document = read_document(file, "data/x.yml")
    assert isinstance(document.data, dict)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
@pytest.mark.parametrize("style", ["flow lists", "flow mappings", "block lists"])
def test_deep_nesting_is_refused_not_a_crash(depth: int, style: str) -> None:
    # libyaml's composer recurses in C: 40,000 levels crash the interpreter, 500 exhaust Python's stack.
    if style == "flow lists":
        text = "[" * depth + "]" * depth
    elif style == "flow mappings":
        text = "{a: " * depth + "b" + "}" * depth
    else:
        text = "".join(" " * level + "-\n" for level in range(min(depth, 5_000))) + " " * min(depth, 5_000) + "x\n"
    with time_limit(LOOSE_SECONDS):
        result = outcome(text)
    assert isinstance(result, list)
    assert_one_line_findings(result)
    assert f"nested more than {MAX_DEPTH} levels deep" in result[0]


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    document = parse_text(text, "data/x.yml")
    value: Any = document.data
    for _ in range(MAX_DEPTH - 1):
        assert isinstance(value, list) and len(value) == 1
        value = value[0]
    assert value == []


def test_deep_nesting_after_an_anchor_is_refused_by_the_full_reader_too() -> None:
    # An anchor sends the text to the composer; the depth guard must stand in front of it as well.
    text = "a: &x 1\nb: " + "[" * 100_000 + "]" * 100_000 + "\n"
    with time_limit(LOOSE_SECONDS):
        result = outcome(text)
    assert result == [
        f"data/x.yml:2:{MAX_DEPTH + 3}: error[yaml]: the data is nested more than {MAX_DEPTH} levels deep"
        " (data files need only a few levels of indentation)"
    ]
