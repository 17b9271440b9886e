"""Reading one YAML file into plain values plus a map from each value's path to its line and column.

We compose YAML *nodes* (never constructed Python objects) and build the values ourselves, because
PyYAML's YAML 1.1 resolver silently rewrites what people type: `10:30` becomes the integer 630 and
`no` becomes False. Every scalar therefore comes out as the exact text written (or None for an empty
value), and the typed model decides what it may mean. Aliases, merge keys and custom tags are refused:
nothing in a data file can expand exponentially or run code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import yaml

from macros.findings import DataError, Finding, Location, Severity

try:  # The C composer is several times faster; fall back when libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[Union[str, int], ...]
Plain = Union[None, str, list["Plain"], dict[str, "Plain"]]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one document was written."""

    path: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, where: PathKey = (), *, key: bool = False) -> Location:
        """The location of `where`, or of its nearest enclosing value that was written down."""
        if key and where in self.keys:
            return Location(self.path, *self.keys[where])
        probe = tuple(where)
        while probe:
            if probe in self.values:
                return Location(self.path, *self.values[probe])
            probe = probe[:-1]
        return Location(self.path, *self.values.get((), (1, 1)))


@dataclass
class Document:
    """One loaded data file: its values and where they came from."""

    path: str
    data: Plain
    source: SourceMap


def _error(path: str, line: int, column: int, message: str, hint: str) -> DataError:
    return DataError([Finding(Location(path, line, column), Severity.ERROR, "yaml", message, hint)])


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.source = SourceMap(path)
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str, hint: str) -> DataError:
        return _error(self.path, *_mark(node), message, hint)

    def build(self, node: yaml.Node, where: PathKey) -> Plain:
        # A node met twice is an alias: refusing it also refuses "billion laughs" bombs and cycles.
        if id(node) in self.seen:
            raise self.fail(node, "YAML aliases (*name) are not supported", "write the value out in full")
        self.seen.add(id(node))
        self.source.values[where] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise self.fail(node, f"the YAML tag '{node.tag}' is not supported", "remove the '!' tag")
            if node.tag == _TAG + "null" and node.style not in ("'", "\""):
                return None
            return str(node.value)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                raise self.fail(node, f"the YAML tag '{node.tag}' is not supported", "remove the '!' tag")
            return [self.build(item, (*where, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                raise self.fail(node, f"the YAML tag '{node.tag}' is not supported", "remove the '!' tag")
            return self.build_mapping(node, where)
        raise self.fail(node, "unsupported YAML node", "use plain mappings, lists and values")  # pragma: no cover

    def build_mapping(self, node: yaml.MappingNode, where: PathKey) -> dict[str, Plain]:
        result: dict[str, Plain] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be a plain word", "write keys as `name: value`")
            if key_node.tag == _TAG + "merge":
                raise self.fail(key_node, "YAML merge keys (<<) are not supported", "write the keys out in full")
            key = str(key_node.value)
            if key in result:
                first_line = self.source.keys[(*where, key)][0]
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first written on line {first_line})",
                    "keep only one of them",
                )
            self.source.keys[(*where, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*where, key))
        return result


def _refuse_aliases(text: str, path: str) -> None:
    """Point at the first alias itself (the composed tree only knows where its anchor was)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            raise _error(path, line, column, "YAML aliases (*name) are not supported", "write the value out in full")


def parse_text(text: str, path: str) -> Document:
    """Parse YAML text that claims to come from `path` (used in every message)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise _error(path, line, column, f"invalid YAML: {problem}", "check indentation and quoting") from None
    except yaml.YAMLError as exc:
        raise _error(path, 1, 1, f"invalid YAML: {exc}", "check the file's syntax") from None
    if root is None:
        raise _error(path, 1, 1, "the file is empty", "add the fields this file needs, or delete it")
    if "*" in text:
        _refuse_aliases(text, path)
    builder = _Builder(path)
    data = builder.build(root, ())
    return Document(path, data, builder.source)


def read_document(file: Path, shown_as: str) -> Document:
    """Read and parse one file; `shown_as` is the path printed in messages (relative to the project)."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _error(shown_as, 1, 1, f"the file is too large ({size} bytes)", "split it into smaller files")
        raw = file.read_bytes()
    except OSError as exc:
        raise _error(shown_as, 0, 0, f"cannot read the file: {exc.strerror}", "check that it exists") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(shown_as, line, 1, "the file is not valid UTF-8", "save it as UTF-8") from None
    return parse_text(text, shown_as)
