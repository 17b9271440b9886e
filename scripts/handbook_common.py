"""What the `scripts/handbook` commands share: exit codes, printing findings, and reading dates.

Both `handbook_cli` (the parser and `validate`) and `handbook_commands` (the roster commands) import it,
so neither imports the other's helpers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from macros.model.findings import Finding, Severity
from macros.schedule.clock import build_time

EXIT_OK, EXIT_FINDINGS, EXIT_UNLOADABLE, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_ROOT = Path(__file__).resolve().parent.parent


def github_annotation(finding: Finding) -> str:
    """A GitHub Actions workflow command that marks the finding on its line in a pull request."""

    def escape_data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    level = "error" if finding.severity is Severity.ERROR else "warning"
    where = finding.location
    props = [f"file={escape_property(where.path)}"]
    if where.line:
        props += [f"line={where.line}", f"col={where.column}"]
    props.append(f"title={escape_property(finding.rule)}")
    message = f"{finding.message} ({finding.hint})" if finding.hint else finding.message
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def print_findings(findings: Sequence[Finding], output_format: str, out: TextIO) -> None:
    if output_format == "json":
        json.dump([f.as_dict() for f in findings], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif output_format == "github":
        for finding in findings:
            out.write(github_annotation(finding) + "\n")
    else:
        for finding in findings:
            out.write(finding.format() + "\n")


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "handbook: the data is valid"
    return f"handbook: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def now_of(arguments: argparse.Namespace) -> dt.datetime:
    if arguments.today:
        return dt.datetime.combine(arguments.today, dt.time(12), dt.timezone.utc)
    return build_time()


def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None
