"""Checks every text value of a data file must pass, whatever field it is for, at load time.

Data is untrusted (anyone who opens a pull request can change it), and a value travels into pages,
calendar feeds and JSON. Control characters are the one kind of text no output can carry: RFC 5545
forbids them in calendar TEXT (strict parsers reject the whole feed), HTML and JSON show them as
garbage or not at all. YAML's reader refuses them written raw, but a double-quoted escape (`"\\v"`,
`"\\x0c"`, `"\\ud800"`) still makes one; they are refused here, in keys and values alike, at the
value's `file:line:col`. Tab and line feed stay allowed: multi-line fields (Markdown, notes) need them,
and every output escapes or folds them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from macros.model.findings import Finding, Severity
from macros.model.yamldoc import PathKey, Plain, SourceMap

ALLOWED_CONTROLS = frozenset("\t\n")
# Cc: C0, DEL and C1 controls; Cs: lone surrogates (from `\ud800` escapes), which no UTF-8 output can hold.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})


def first_control_character(value: str) -> str | None:
    """The first character of `value` no output may carry, or None."""
    for character in value:
        if character not in ALLOWED_CONTROLS and unicodedata.category(character) in _REFUSED_CATEGORIES:
            return character
    return None


def _strings(value: Plain, where: PathKey) -> Iterator[tuple[str, PathKey, bool]]:
    """Every string in the data: (text, its path, whether it is a key)."""
    if isinstance(value, str):
        yield value, where, False
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key, (*where, key), True
            yield from _strings(item, (*where, key))


def control_character_findings(data: Plain, source: SourceMap) -> list[Finding]:
    """One error per text value (or key) holding a control character, at that value."""
    findings = []
    for text, where, is_key in _strings(data, ()):
        character = first_control_character(text)
        if character is None:
            continue
        findings.append(Finding(
            source.locate(where, key=is_key), Severity.ERROR, "text",
            f"the text holds the control character U+{ord(character):04X}, which pages and calendar feeds "
            "cannot carry", "remove it; only tab and line feed are allowed",
        ))
    return findings
