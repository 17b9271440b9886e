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
from typing import Any, Union

import yaml

from macros.model.findings import DataError, Finding, Location, Severity

try:  # The C composer is several times faster; fall back when libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[Union[str, int], ...]
Plain = Union[None, str, list["Plain"], dict[str, "Plain"]]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
# The largest data file, a rotation with five years of weekly periods and daily shifts, is about 30 KB.
# A limit far above that still keeps a stray or hostile file from tying up a build for minutes.
MAX_FILE_BYTES = 1024 * 1024
# Data files need a handful of levels. libyaml's composer recurses in C (a deep enough file crashes the
# interpreter) and slows down quadratically with depth, so deeper input is refused before composing.
MAX_DEPTH = 64
_RESOLVER = yaml.resolver.Resolver()
# First characters for which YAML 1.1 may resolve a plain scalar to something other than a string.
_RESOLVABLE = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key is not None)
_WILDCARD = None in _RESOLVER.yaml_implicit_resolvers


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
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            raise _error(path, line, column, "YAML aliases (*name) are not supported", "write the value out in full")


def _too_deep(path: str, event: yaml.Event) -> DataError:
    mark = event.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return _error(path, line, column, f"the data is nested more than {MAX_DEPTH} levels deep",
                  "data files need only a few levels of indentation")


def _refuse_deep_nesting(text: str, path: str) -> None:
    """Raise before composing a document nested deeper than `MAX_DEPTH`; leave syntax errors to the composer."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(path, event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return


_STR, _NULL, _MERGE = _TAG + "str", _TAG + "null", _TAG + "merge"
_QUOTED = ("'", '"')
_resolved: dict[str, str] = {}  # plain scalar → its implicit tag, for values a resolver might claim


def _plain_tag(value: str) -> str:
    """The tag the composer gives an untagged plain scalar: the resolver's answer, memoised."""
    tag = _resolved.get(value)
    if tag is None:
        if len(_resolved) > 50_000:
            _resolved.clear()  # a bound for hostile input; real data repeats a few thousand values
        tag = _resolved[value] = str(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))
    return tag


class _Frame:
    """An open mapping or list while reading events: where it is, and the key awaiting its value."""

    __slots__ = ("container", "where", "key")

    def __init__(self, container: dict[str, Plain] | list[Plain], where: PathKey) -> None:
        self.container = container
        self.where = where
        self.key: str | None = None


class _Unsupported(Exception):
    """The text needs the full reader: it holds something the fast one does not handle."""


def _read_plain(text: str, path: str, source: SourceMap | None = None) -> Plain:
    """Read a document made only of untagged mappings, lists and scalars straight from the parser's events.

    This is the common case and skips building a node tree, which halves the time to load a large
    handbook; the marks are written into `source` only when one is given. Anything else (syntax
    errors, anchors, aliases, tags, merge keys, duplicate or non-scalar keys, several documents, an
    empty file) raises `_Unsupported`, and `_read_full` reads the text again and reports exactly what
    is wrong, so both readers agree on every document this one accepts.
    """
    marks = source is not None
    values = source.values if source is not None else {}
    keys = source.keys if source is not None else {}
    where: PathKey = ()
    stack: list[_Frame] = []
    root: Plain = None
    documents = 0
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    parser = _Loader(text)
    try:
        while True:
            # Any: the attributes read depend on the event's kind, checked just below.
            event: Any = parser.get_event()
            kind = type(event)
            if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    raise _Unsupported
                frame = stack[-1] if stack else None
                if frame is not None and frame.key is None and type(frame.container) is dict:
                    key = event.value if kind is scalar_event else None
                    if key is None or key in frame.container or (key == "<<" and event.implicit[0]):
                        raise _Unsupported  # a collection as key, a duplicate key or a merge key
                    frame.key = key
                    if marks:
                        keys[(*frame.where, key)] = (event.start_mark.line + 1, event.start_mark.column + 1)
                    continue
                if marks:
                    if frame is None:
                        where = ()
                    elif frame.key is not None:
                        where = (*frame.where, frame.key)
                    else:
                        where = (*frame.where, len(frame.container))
                    values[where] = (event.start_mark.line + 1, event.start_mark.column + 1)
                value: Plain
                if kind is scalar_event:
                    scalar: str = event.value
                    value = scalar
                    if event.implicit[0] and (_WILDCARD or not scalar or scalar[0] in _RESOLVABLE):
                        tag = _plain_tag(scalar)
                        if tag == _NULL and event.style not in _QUOTED:
                            value = None
                        elif tag not in _SCALAR_TAGS:
                            raise _Unsupported
                elif kind is mapping_start:
                    value = {}
                else:
                    value = []
                if frame is None:
                    root = value
                elif isinstance(frame.container, dict):
                    frame.container[frame.key or ""] = value  # the key is set: a value follows its key
                    frame.key = None
                else:
                    frame.container.append(value)
                if kind is not scalar_event:
                    if len(stack) >= MAX_DEPTH:
                        raise _too_deep(path, event)
                    stack.append(_Frame(value, where))  # type: ignore[arg-type]  # a dict or list here
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unsupported
            elif kind is yaml.StreamEndEvent or event is None:
                break
            elif kind is yaml.AliasEvent:
                raise _Unsupported
    except yaml.YAMLError:
        raise _Unsupported from None
    finally:
        parser.dispose()
    if documents != 1:
        raise _Unsupported
    return root


class _DeferredSourceMap(SourceMap):
    """A source map worked out from the text on first use: most files have no finding and never need one."""

    def __init__(self, path: str, text: str) -> None:  # no dataclass __init__: `values` and `keys` come later
        self.path = path
        self._text = text

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet. Computing twice (two threads at once) gives the same maps.
        if name in ("values", "keys") and "_text" in self.__dict__:
            found = SourceMap(self.path)
            _read_plain(self._text, self.path, found)
            self.values, self.keys = found.values, found.keys
            return getattr(self, name)
        raise AttributeError(name)


def parse_text(text: str, path: str) -> Document:
    """Parse YAML text that claims to come from `path` (used in every message)."""
    try:
        data = _read_plain(text, path)
    except _Unsupported:
        return _read_full(text, path)
    return Document(path, data, _DeferredSourceMap(path, text))


def _read_full(text: str, path: str) -> Document:
    """Compose the node tree and check every node: slower, and the reference for what each problem is called."""
    _refuse_deep_nesting(text, path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise _error(path, line, column, f"invalid YAML: {problem}", "check indentation and quoting") from None
    except yaml.reader.ReaderError as exc:
        # A character YAML forbids (a control character, say): point at it, as an editor counts.
        position = max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        message = f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}"
        raise _error(path, line, column, message, "remove it, or write it as an escape in double quotes") from None
    except yaml.YAMLError as exc:
        raise _error(path, 1, 1, f"invalid YAML: {' '.join(str(exc).split())}", "check the file's syntax") from None
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
