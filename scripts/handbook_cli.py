"""`scripts/handbook`: the command-line adapter over the core in `macros/`.

Exit codes: 0 clean, 1 rule errors (or warnings with --strict), 2 the data cannot be loaded,
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from macros.clock import ClockError, build_time
from macros.findings import DataError, Finding, Severity
from macros.json_schemas import SCHEMA_FOLDER, check_modelines
from macros.loader import load_project
from macros.validate import validate

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


def _summary(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "handbook: the data is valid"
    return f"handbook: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def now_of(arguments: argparse.Namespace) -> dt.datetime:
    if arguments.today:
        return dt.datetime.combine(arguments.today, dt.time(12), dt.timezone.utc)
    return build_time()


def _modeline_findings(root: Path) -> list[Finding]:
    """Editor modelines are checked only in a handbook that ships the schemas they point at."""
    return check_modelines(root) if (root / SCHEMA_FOLDER).is_dir() else []


def run_validate(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        project = load_project(arguments.root)
    except DataError as exc:
        print_findings(exc.findings, arguments.format, out)
        err.write(f"handbook: the data cannot be loaded ({len(exc.findings)} problem(s))\n")
        return EXIT_UNLOADABLE
    report = validate(project, now_of(arguments))
    findings = sorted([*report.findings, *_modeline_findings(arguments.root)], key=Finding.sort_key)
    print_findings(findings, arguments.format, out)
    err.write(_summary(findings) + "\n")
    if report.errors or (arguments.strict and any(f.severity is Severity.WARNING for f in findings)):
        return EXIT_FINDINGS
    return EXIT_OK


def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Check and manage the duty handbook's data.")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the handbook folder (holding data/)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "validate",
        help="check data/ against the format and the rotation rules",
        description="Check every file under data/ and print one line per finding: "
        "path:line:col: severity[rule]: message (hint). Exit 0 when clean, 1 on errors "
        "(and on warnings with --strict), 2 when the data cannot be loaded.",
    )
    check.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text lines, a JSON list, or GitHub Actions annotations",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--today",
        type=date_argument,
        metavar="YYYY-MM-DD",
        help="check as of this date (default: SOURCE_DATE_EPOCH, else now)",
    )
    check.set_defaults(handler=run_validate)
    from handbook_commands import register  # imported here: it builds on this module's helpers

    register(commands)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        code: int = arguments.handler(arguments, out, err)
        return code
    except ClockError as exc:
        err.write(f"handbook: {exc}\n")
        return EXIT_UNLOADABLE
    except Exception as exc:  # noqa: BLE001 - a bug must not show users a traceback
        if os.environ.get("HANDBOOK_DEBUG"):
            raise
        err.write(f"handbook: internal error: {exc!r} (set HANDBOOK_DEBUG=1 for details and please report it)\n")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
