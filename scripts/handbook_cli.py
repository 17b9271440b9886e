"""`scripts/handbook`: the command-line adapter over the core in `macros/`.

Exit codes: 0 clean, 1 rule errors (or warnings with --strict), 2 the data cannot be loaded,
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from handbook_commands import register
from handbook_common import (
    DEFAULT_ROOT,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNLOADABLE,
    date_argument,
    now_of,
    print_findings,
    summary,
)
from handbook_import import register as register_import
from handbook_init import register as register_init
from macros.model.findings import DataError, Finding, Severity
from macros.model.json_schemas import SCHEMA_FOLDER, check_modelines
from macros.model.loader import load_project
from macros.pages.page_checks import check_pages
from macros.rules.validate import validate
from macros.schedule.clock import ClockError


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
    now = now_of(arguments)
    report = validate(project, now)
    # The hand-written pages too: a macro naming a rotation the data no longer has would stop the build.
    pages = check_pages(arguments.root, arguments.root / "docs", project, now.date())
    findings = sorted([*report.findings, *_modeline_findings(arguments.root), *pages], key=Finding.sort_key)
    print_findings(findings, arguments.format, out)
    err.write(summary(findings) + "\n")
    errors = any(f.severity is Severity.ERROR for f in findings)
    if errors or (arguments.strict and any(f.severity is Severity.WARNING for f in findings)):
        return EXIT_FINDINGS
    return EXIT_OK


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
    register(commands)
    register_init(commands)
    register_import(commands)
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
