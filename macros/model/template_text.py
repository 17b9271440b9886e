"""The marks a template's body may carry: `[[field-id]]` blanks and optional parts.

An optional part is written `[[if field-id]]…[[end field-id]]` and exists only when that field is filled
in: a sentence, a list item or whole paragraphs. A mark alone on its line (spaces around it allowed) takes
its line with it, so a part made of whole lines leaves no empty line behind, whether it is kept or dropped.
Parts do not nest. A mark that does not pair up is reported by `model.references` and otherwise left in
the text as written, like any other bracketed text.

The fill rules (`pages.template_fill`, mirrored by `docs/assets/js/templates.js`) and the reference check
both read the body through `optional_parts`, so there is one definition of what a part is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANK = re.compile(r"\[\[([a-z0-9][a-z0-9-]*)\]\]")
MARK = re.compile(r"\[\[(if|end) ([a-z0-9][a-z0-9-]*)\]\]")


@dataclass(frozen=True, slots=True)
class OptionalPart:
    """One `[[if f]]…[[end f]]` pair: `start:end` is the whole part, `inner_start:inner_end` what it wraps."""

    field: str
    start: int
    inner_start: int
    inner_end: int
    end: int


def _mark_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The text a mark removes: its whole line (with the line break) when it stands alone there."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip(" \t") or text[end:line_end].strip(" \t"):
        return start, end
    return line_start, min(line_end + 1, len(text))


def optional_parts(text: str) -> tuple[list[OptionalPart], list[str]]:
    """The paired optional parts of `text` (line breaks already `\\n`), and a message per unpaired mark."""
    parts: list[OptionalPart] = []
    problems: list[str] = []
    opened: tuple[str, int, int] | None = None  # field, start of the part, start of its inside
    for match in MARK.finditer(text):
        kind, field = match.groups()
        span = _mark_span(text, match.start(), match.end())
        if kind == "if":
            if opened is not None:
                problems.append(f"[[if {field}]] opens inside [[if {opened[0]}]]: optional parts do not nest")
                continue
            opened = (field, span[0], span[1])
            continue
        if opened is None or opened[0] != field:
            problems.append(f"[[end {field}]] closes no [[if {field}]]")
            continue
        parts.append(OptionalPart(field, opened[1], opened[2], span[0], span[1]))
        opened = None
    if opened is not None:
        problems.append(f"[[if {opened[0]}]] has no [[end {opened[0]}]]")
    return parts, problems
