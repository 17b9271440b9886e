"""Findings: what the loader and the rules report, each pinned to a place in a data file."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a data file; line and column are 1-based, as editors count them."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where it is, which check found it, what is wrong and what to do."""

    location: Location
    severity: Severity
    rule: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """The one-line form shared by the CLI and the build: `path:line:col: error[rule]: message (hint)`."""
        text = f"{self.location}: {self.severity.value}[{self.rule}]: {self.message}"
        return _one_line(f"{text} ({self.hint})" if self.hint else text)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.location.path, self.location.line, self.location.column, self.rule, self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
        }


# Messages quote what the user wrote, which may hold a line break: escape every character that
# `str.splitlines` would break on, so a finding stays one line for editors, CI and grep.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


class DataError(Exception):
    """The data cannot be loaded at all; carries the findings that say why."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = sorted(findings, key=Finding.sort_key)
        super().__init__("\n".join(f.format() for f in self.findings))


def _similarity(word: str, candidate: str) -> float:
    """How alike two spellings are (0 to 1), ignoring case: `Munday` is close to `monday`."""
    return difflib.SequenceMatcher(None, word.casefold(), candidate.casefold(), autojunk=False).ratio()


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known spelling most like `word`, if any is alike enough; ties go to the first in sorted order."""
    best, best_score = None, cutoff
    for candidate in sorted(set(choices)):
        # A cheap upper bound first: with thousands of candidates (time zones) most are ruled out by length.
        longest = max(len(word), len(candidate))
        if longest and 2 * min(len(word), len(candidate)) / (len(word) + len(candidate)) < best_score:
            continue
        score = _similarity(word, candidate)
        if score > best_score or (best is None and score >= best_score):
            best, best_score = candidate, score
    return best


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known spelling, or listing the known ones when none is close."""
    options = sorted(set(choices))
    close = closest(word, options)
    if close is not None:
        return f"did you mean '{close}'?"
    if not options:
        return "none are defined"
    shown = ", ".join(options[:12]) + (", …" if len(options) > 12 else "")
    return f"expected one of: {shown}"
