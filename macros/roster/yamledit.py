"""Editing a data file in place while keeping what people wrote: comments, key order, quoting, layout.

`ruamel.yaml`'s round-trip mode keeps comments and order; this module adds the two things it leaves to
the caller: finding the indentation that reproduces the file byte for byte (so an edit's diff shows only
the edit), and building new nodes in the style of their neighbours (flow `{…}` next to flow, block next
to block). The typed model never sees these objects: edited text is loaded again through `yamldoc`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from macros.model.findings import DataError, Finding, Location, Severity
from macros.model.yamldoc import parse_text

# (mapping indent, sequence indent, dash offset): the common layouts, most common first.
_LAYOUTS: tuple[tuple[int, int, int], ...] = ((2, 2, 0), (2, 4, 2), (4, 4, 0), (4, 6, 2), (4, 4, 2), (3, 3, 0))


def _yaml(layout: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line someone wrote
    mapping, sequence, offset = layout
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@dataclass
class RoundTrip:
    """One file loaded for editing; `dump()` writes it back in the layout it was read in."""

    path: str
    original: str
    data: Any
    yaml: YAML
    exact: bool  # whether an unedited dump reproduces the file byte for byte
    baseline: str  # the unedited dump

    def dump(self) -> str:
        """The document as ruamel writes it (the whole file in ruamel's layout)."""
        return _dump(self.yaml, self.data)

    def render(self) -> str:
        """The edited file: the original text with only the edited lines replaced (see `splice_edit`)."""
        edited = self.dump()
        if self.exact:
            return edited
        spliced = splice_edit(self.original, self.baseline, edited)
        return spliced if _same_values(spliced, edited, self.path) else edited


def load_roundtrip(text: str, path: str) -> RoundTrip:
    """Load `text` for editing, with the layout whose unedited dump differs least from it."""
    try:
        data = _yaml(_LAYOUTS[0]).load(text)  # the layout matters only when writing
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataError([Finding(Location(path, line, column), Severity.ERROR, "yaml",
                                 "cannot edit the file: it is not valid YAML",
                                 "run `scripts/handbook validate`")]) from None
    shape = _shape(text)
    best: RoundTrip | None = None
    best_distance = -1
    for layout in _LAYOUTS:
        yaml = _yaml(layout)
        dumped = _dump(yaml, data)
        if dumped == text:
            return RoundTrip(path, text, data, yaml, True, dumped)
        other = _shape(dumped)
        matcher = difflib.SequenceMatcher(None, shape, other, autojunk=False)
        distance = len(shape) + len(other) - 2 * sum(block.size for block in matcher.get_matching_blocks())
        if best is None or distance < best_distance:
            best, best_distance = RoundTrip(path, text, data, yaml, False, dumped), distance
        if distance == 0:
            break  # only spacing inside lines differs: no other layout can do better
    assert best is not None
    return best


def splice_edit(original: str, baseline: str, edited: str) -> str:
    """Carry an edit over to the original text when ruamel cannot reproduce the file's layout.

    ruamel drops what it cannot represent (spaces that align the columns of `{ a: 1,   b: 2 }`, some
    comments between flow items), so its dump of an edited file would reformat every such line. Instead
    the lines that differ between ruamel's unedited dump (`baseline`) and its edited dump are located in
    the original through a line alignment of the original with the baseline, and only those are replaced.
    """
    old, base, new = (text.splitlines(keepends=True) for text in (original, baseline, edited))
    # For each baseline line, the range of original lines it stands for.
    where: list[tuple[int, int]] = [(0, 0)] * len(base)
    for tag, o1, o2, b1, b2 in difflib.SequenceMatcher(None, old, base, autojunk=False).get_opcodes():
        for k in range(b1, b2):
            if tag == "equal" or (tag == "replace" and o2 - o1 == b2 - b1):
                where[k] = (o1 + k - b1, o1 + k - b1 + 1)
            else:  # a block reformatted into another number of lines, or a line only ruamel writes
                where[k] = (o1, o2)
    edits: list[tuple[int, int, list[str]]] = []
    for tag, b1, b2, e1, e2 in difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if b1 == b2:  # pure insertion: before the original line that stands for base[b1]
            start = where[b1][0] if b1 < len(base) else len(old)
            edits.append((start, start, new[e1:e2]))
        else:
            span = [where[k] for k in range(b1, b2)]
            edits.append((min(s for s, _ in span), max(e for _, e in span), new[e1:e2]))
    ordered = sorted(edits, key=lambda e: (e[0], e[1]))
    if any(later[0] < earlier[1] for earlier, later in zip(ordered, ordered[1:], strict=False)):
        return edited  # two edits land in one reformatted block: no safe way to splice them
    result = list(old)
    if old and not old[-1].endswith("\n") and any(start == len(old) for start, _, _ in edits):
        result[-1] += "\n"
    for start, end, lines in reversed(ordered):
        result[start:end] = lines
    return "".join(result)


def _same_values(one: str, other: str, path: str) -> bool:
    try:
        return parse_text(one, path).data == parse_text(other, path).data
    except DataError:
        return False


def _shape(text: str) -> list[str]:
    """Lines as indentation plus their other characters, spaces left out (ruamel may re-space within a line)."""
    return [line[: len(line) - len(line.lstrip())] + "".join(line.split()) for line in text.splitlines()]


def unified_diff(before: str, after: str, path: str) -> str:
    """A `git diff`-style unified diff of one file ('' when nothing changed)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return text


# --- building nodes in the style of their neighbours ----------------------------------------------


def is_flow(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(node.fa.flow_style())


def new_map(items: Iterable[tuple[str, Any]], *, flow: bool) -> CommentedMap:
    node = CommentedMap()
    for key, value in items:
        node[key] = value
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def new_seq(items: Iterable[Any], *, flow: bool) -> CommentedSeq:
    node = CommentedSeq(list(items))
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def holder_node(person: str, reason: str | None, *, flow: bool = True) -> Any:
    """A holder as written in a schedule: the bare id, or `{person: id, reason: why}` with a reason."""
    if reason is None:
        return person
    return new_map([("person", person), ("reason", reason)], flow=flow)


def holder_person(node: Any) -> str | None:
    """The person id of a holder node (`id` or `{person: id, …}`), None for anything else."""
    if isinstance(node, str):
        return node
    if isinstance(node, Mapping) and isinstance(node.get("person"), str):
        return str(node["person"])
    return None


def with_person(node: Any, person: str, reason: str | None) -> Any:
    """The holder node `node` with its person replaced (and its reason set when one is given)."""
    if isinstance(node, CommentedMap):
        node["person"] = person
        if reason is not None:
            node["reason"] = reason
        return node
    return holder_node(person, reason)


def date_value(node: Any) -> dt.date | None:
    """A `start:` value as ruamel reads it: a date (or a string that looks like one)."""
    if isinstance(node, dt.datetime):
        return node.date()
    if isinstance(node, dt.date):
        return node
    if isinstance(node, str):
        try:
            return dt.date.fromisoformat(node.strip())
        except ValueError:
            return None
    return None
