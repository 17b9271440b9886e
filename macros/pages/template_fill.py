"""Filling a template's `[[field-id]]` blanks: the one definition the page script (templates.js) mirrors.

The rules, which `docs/assets/js/templates.js` implements line for line (a browser test compares the two):

- The body is used verbatim: braces, `{{ }}`, `{% %}`, `<script>`, `*` and `#` are just characters.
  Only `[[field-id]]` blanks naming a field of the template are replaced; any other `[[...]]` stays.
- Line endings become `\\n`; trailing spaces and tabs are removed from every line of the result, and
  trailing empty lines from its end, so a copied text never carries stray whitespace.
- An empty value leaves the blank as written (`[[reporter]]`), so an unfilled blank is easy to spot.
- An optional part (`[[if workaround]]…[[end workaround]]`, see `model.template_text`) is kept, without its
  marks, when its field's value is not empty after cleaning, and dropped whole when it is. This happens
  first; blanks are then filled in what remains.
- Only spaces, tabs and line breaks count as white space (the same set in Python and JavaScript).
- `text`, `url` and `date` values: runs of spaces, tabs and line breaks become one space; the ends are
  trimmed.
- `multiline` values: line breaks are kept; trailing spaces of each line and empty lines at the start and
  end are dropped.
- `list` values: one item per line; empty lines are skipped, and a list marker the user typed (`- `, `* `,
  `+ `, `• `, `1. `, `1) `) is removed. How the items are written depends on what precedes the blank on its
  line:
  - indentation and a marker (`- [[steps]]`, `  1. [[steps]]`): one line per item with the same indentation
    and marker, numbers counting up from the one written;
  - nothing or only indentation (`[[steps]]`): one line per item, each starting with `- `;
  - other text (`Tried: [[steps]]`): the items joined by `, ` on that line.

What the copy button puts on the clipboard (`copy_text`) is the filled text with its paragraphs re-flowed:
a line break the template wrote (not one the reader typed into a `multiline` or `list` value) becomes one
space, and the next line's indentation goes, when both lines have text, neither is inside a fenced code
block (```` ``` ```` or `~~~`) or is its fence, the first is not a heading (`# `) or a table row (`|`), and
the second does not start a list item (`- `, `* `, `+ `, `• `, `1. `, `1) `), a heading, a quote (`>`) or a
table row. A list item takes only indented lines as its continuation: an unindented line after it starts
a new line. So a sentence the YAML wrapped is one line again, while lists, code, blank lines and what the
reader typed stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from macros.model.template_text import BLANK, optional_parts
from macros.model.types import TemplateField

_RUNS = re.compile(r"[ \t\r\n]+")
_TRAILING = re.compile(r"[ \t]+$")
_TYPED_MARKER = re.compile(r"^(?:[-*+\u2022]|[0-9]+[.)])[ \t]+")
_INDENT_ONLY = re.compile(r"^[ \t]*$")
_BULLET_PREFIX = re.compile(r"^([ \t]*)([-*+\u2022])([ \t]+)$")
_NUMBER_PREFIX = re.compile(r"^([ \t]*)([0-9]+)([.)])([ \t]+)$")
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")
_ENDS_BLOCK = re.compile(r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|\|)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+\u2022]|[0-9]+[.)])[ \t]")
_STARTS_BLOCK = re.compile(r"^[ \t]*(?:[-*+\u2022][ \t]|[0-9]+[.)][ \t]|#{1,6}(?:[ \t]|$)|>|\|)")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the filled text: literal template text (`field` None) or what one blank became."""

    text: str
    field: str | None = None
    filled: bool = False


def normalise_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def clean_value(kind: str, value: str) -> str:
    """A field's value as it goes into the text (lists: still one item per line)."""
    value = normalise_newlines(value)
    if kind == "multiline":
        lines = [_TRAILING.sub("", line) for line in value.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines)
    if kind == "list":
        return "\n".join(list_items(value))
    return _RUNS.sub(" ", value).strip(" ")


def list_items(value: str) -> list[str]:
    items = []
    for line in normalise_newlines(value).split("\n"):
        item = _RUNS.sub(" ", line).strip(" ")
        item = _TYPED_MARKER.sub("", item).strip(" ")
        if item:
            items.append(item)
    return items


def _render_list(items: list[str], prefix: str) -> str:
    """The list's text from the blank on; `prefix` (the line up to the blank) is already written."""
    bullet = _BULLET_PREFIX.match(prefix)
    if bullet:
        indent, marker, gap = bullet.groups()
        return f"\n{indent}{marker}{gap}".join(items)
    number = _NUMBER_PREFIX.match(prefix)
    if number:
        indent, first, dot, gap = number.groups()
        start = int(first)
        lines = [items[0]] + [f"{indent}{start + offset}{dot}{gap}{item}" for offset, item in enumerate(items[1:], 1)]
        return "\n".join(lines)
    if _INDENT_ONLY.match(prefix):
        return f"\n{prefix}".join(f"- {item}" for item in items)
    return ", ".join(items)


def resolve_optional(text: str, kinds: Mapping[str, str], values: Mapping[str, str]) -> str:
    """`text` with each optional part of a known field kept (marks removed) or dropped (value empty)."""
    out: list[str] = []
    position = 0
    for part in optional_parts(text)[0]:
        if part.field not in kinds:
            continue
        out.append(text[position : part.start])
        if clean_value(kinds[part.field], values.get(part.field, "")):
            out.append(text[part.inner_start : part.inner_end])
        position = part.end
    out.append(text[position:])
    return "".join(out)


def _raw_segments(body: str, fields: Iterable[TemplateField], values: Mapping[str, str]) -> list[Segment]:
    kinds = {field.id: field.type for field in fields}
    text = resolve_optional(normalise_newlines(body), kinds, values)
    out: list[Segment] = []
    position = 0
    for match in BLANK.finditer(text):
        field_id = match.group(1)
        if field_id not in kinds:
            continue
        if match.start() > position:
            out.append(Segment(text[position : match.start()]))
        position = match.end()
        kind = kinds[field_id]
        value = clean_value(kind, values.get(field_id, ""))
        if not value:
            out.append(Segment(match.group(0), field_id, False))
            continue
        if kind == "list":
            prefix = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
            value = _render_list(value.split("\n"), prefix)
        out.append(Segment(value, field_id, True))
    if position < len(text):
        out.append(Segment(text[position:]))
    return out


def _tidy(pieces: list[Segment]) -> list[Segment]:
    """Drop spaces and tabs that end a line and line breaks that end the text, wherever they came from."""
    kept: list[tuple[str, int]] = []
    pending: list[tuple[str, int]] = []  # spaces and tabs that are trailing if a line break or the end follows
    for index, piece in enumerate(pieces):
        for char in piece.text:
            if char in " \t":
                pending.append((char, index))
                continue
            if char != "\n":
                kept += pending
            pending = []
            kept.append((char, index))
    while kept and kept[-1][0] == "\n":
        kept.pop()
    out: list[Segment] = []
    owners: list[int] = []  # which input piece each output segment comes from
    for char, index in kept:
        if owners and owners[-1] == index:
            out[-1] = Segment(out[-1].text + char, out[-1].field, out[-1].filled)
        else:
            out.append(Segment(char, pieces[index].field, pieces[index].filled))
            owners.append(index)
    return out


def segments(body: str, fields: Iterable[TemplateField], values: Mapping[str, str]) -> list[Segment]:
    """The filled text in pieces, as the page shows it: literal text, filled blanks and empty blanks."""
    return _tidy(_raw_segments(body, fields, values))


def fill(body: str, fields: Iterable[TemplateField], values: Mapping[str, str]) -> str:
    """The text a reader copies after typing `values` (field id → what they typed) into the form."""
    return "".join(segment.text for segment in segments(body, fields, values))


def reflow(pieces: list[Segment]) -> str:
    """The text of `pieces` with the template's own line breaks inside paragraphs made spaces (rules above)."""
    lines = [""]
    literal_breaks: list[bool] = []  # after lines[i]: did the template write this line break?
    for piece in pieces:
        chunks = piece.text.split("\n")
        lines[-1] += chunks[0]
        for chunk in chunks[1:]:
            literal_breaks.append(piece.field is None)
            lines.append(chunk)
    in_code: list[bool] = []  # a fence line or a line between fences
    fenced = False
    for line in lines:
        fence = bool(_FENCE.match(line))
        in_code.append(fenced or fence)
        if fence:
            fenced = not fenced
    out = lines[0]
    in_item = bool(_LIST_ITEM.match(lines[0]))
    for index in range(1, len(lines)):
        before, line = lines[index - 1], lines[index]
        joined = (
            literal_breaks[index - 1]
            and not in_code[index - 1]
            and not in_code[index]
            and before.strip(" \t") != ""
            and line.strip(" \t") != ""
            and not _ENDS_BLOCK.match(before)
            and not _STARTS_BLOCK.match(line)
            and not (in_item and line[:1] not in (" ", "\t"))
        )
        out += " " + line.lstrip(" \t") if joined else "\n" + line
        in_item = in_item if joined else bool(_LIST_ITEM.match(line))
    return out


def copy_text(body: str, fields: Iterable[TemplateField], values: Mapping[str, str]) -> str:
    """What the copy button puts on the clipboard: the filled text, its paragraphs re-flowed."""
    return reflow(segments(body, fields, values))
