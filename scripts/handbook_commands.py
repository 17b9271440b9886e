"""The roster-editing and reporting subcommands of `scripts/handbook` (thin adapters over `macros/`).

swap, override and plan edit one rotation file in place (comments, key order and layout kept), run
every rule on the result, print the unified diff, and refuse a change that adds a rule error unless
`--force --reason "…"` (the reason is written into the file). report, diff, schemas, modelines and
codeowners read the data; the last three also write generated files.

Exit codes, as for `validate`: 0 done, 1 refused (or rule errors / files out of date), 2 the data cannot
be loaded (or the command line is wrong).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from handbook_common import EXIT_FINDINGS, EXIT_OK, EXIT_UNLOADABLE, date_argument, now_of, print_findings
from macros.model import json_schemas
from macros.model.findings import DataError, Severity, did_you_mean
from macros.model.loader import load_project
from macros.model.project import Project
from macros.model.references import check_references
from macros.model.types import Rotation
from macros.roster import codeowners as owners_file
from macros.roster.diff import diff_projects
from macros.roster.diff import render_markdown as render_diff
from macros.roster.edits import EditError, check_edit, period_containing, read_rotation_text, rotation_path, write_edit
from macros.roster.git_revisions import RevisionError, commit_messages, project_at
from macros.roster.override import OverrideRequest, add_override, parse_local
from macros.roster.plan_format import write_periods
from macros.roster.plan_report import plan_report, render_plan_report
from macros.roster.planner import MAX_PERIODS, PlanError, plan_rotation
from macros.roster.report import build_report, default_window, render_markdown
from macros.roster.swap import SwapRequest, swap
from macros.roster.yamledit import RoundTrip, load_roundtrip
from macros.schedule.expansion import expand_rotation

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _load(root: Path, out: TextIO, err: TextIO) -> Project | None:
    try:
        return load_project(root)
    except DataError as exc:
        print_findings(exc.findings, "text", out)
        err.write(f"handbook: the data cannot be loaded ({len(exc.findings)} problem(s)); fix it first\n")
        return None


def _refuse(err: TextIO, message: str) -> int:
    err.write(f"handbook: refused: {message}\n")
    return EXIT_FINDINGS


# --- editing a rotation file ----------------------------------------------------------------------

Edit = Callable[[RoundTrip, Rotation, Project], str]  # edits the document in place, returns a summary


def _edit_rotation(arguments: argparse.Namespace, out: TextIO, err: TextIO, edit: Edit) -> int:
    root: Path = arguments.root
    project = _load(root, out, err)
    if project is None:
        return EXIT_UNLOADABLE
    rotation_id: str = arguments.rotation
    if rotation_id not in project.rotations:
        return _refuse(err, f"there is no rotation '{rotation_id}' ({did_you_mean(rotation_id, project.rotations)})")
    relative = rotation_path(rotation_id)
    # A rotation whose ids do not hold together (a role named like a period key, a role the rules name
    # but the file lacks) cannot be edited safely: say what to fix first.
    broken = [f for f in check_references(project) if f.location.path == relative and f.severity is Severity.ERROR]
    if broken:
        print_findings(broken, "text", out)
        return _refuse(err, f"{relative} has {len(broken)} error(s) to fix first (shown above)")
    try:
        text = read_rotation_text(root, rotation_id)
        document = load_roundtrip(text, relative)
        summary = edit(document, project.rotations[rotation_id], project)
        check = check_edit(root, project, relative, document.render(), now_of(arguments))
    except EditError as exc:
        return _refuse(err, str(exc))
    except DataError as exc:
        print_findings(exc.findings, "text", out)
        return _refuse(err, "the edited file would not load")
    new_errors = check.new_errors
    if new_errors and not getattr(arguments, "force", False):
        print_findings(new_errors, "text", out)
        return _refuse(err, f"the change breaks {len(new_errors)} rule(s) (shown above); fix that, "
                       "or accept it with --force --reason \"why\"")
    out.write(check.diff)
    for finding in check.new_warnings:
        err.write(f"handbook: note: {finding.format()}\n")
    if new_errors:
        err.write(f"handbook: forced past {len(new_errors)} rule error(s); the reason is recorded in the file\n")
    if arguments.dry_run:
        err.write(f"handbook: {summary} (dry run: {relative} is unchanged)\n")
    else:
        write_edit(root, check)
        err.write(f"handbook: {summary}; wrote {relative}\n")
    return EXIT_OK


def _check_people(project: Project, *people: str) -> None:
    for person in people:
        if person not in project.people:
            raise EditError(f"there is no person '{person}' ({did_you_mean(person, project.people)})")


def run_swap(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    def edit(document: RoundTrip, rotation: Rotation, project: Project) -> str:
        _check_people(project, arguments.person, arguments.other)
        periods = [period_containing(rotation, day) for day in arguments.period]
        request = SwapRequest(arguments.rotation, arguments.person, arguments.other, periods,
                              arguments.role or (), arguments.shift or (), arguments.reason)
        count = swap(document, rotation, request)
        return f"swapped {arguments.person} and {arguments.other} in {count} place(s)"

    return _edit_rotation(arguments, out, err, edit)


def run_override(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    def edit(document: RoundTrip, rotation: Rotation, project: Project) -> str:
        _check_people(project, arguments.person)
        request = OverrideRequest(arguments.rotation, arguments.role, arguments.person, arguments.start,
                                  arguments.end, arguments.shift, arguments.reason)
        index = add_override(document, rotation, request, expand_rotation(project, arguments.rotation))
        return f"{arguments.person} covers {arguments.role} in the period {rotation.schedule[index].start}"

    return _edit_rotation(arguments, out, err, edit)


def run_plan(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    notes: list[str] = []
    reports: list[str] = []

    def edit(document: RoundTrip, rotation: Rotation, project: Project) -> str:
        try:
            plan = plan_rotation(project, arguments.rotation, arguments.periods, now_of(arguments),
                                 start=arguments.start)
        except PlanError as exc:
            where = f"the period {exc.day}" if exc.day else arguments.rotation
            raise EditError(f"cannot plan {where}: {exc.constraint}: {exc.message} ({exc.hint})") from None
        write_periods(document, rotation, plan.periods)
        notes.extend(plan.notes)
        reports.append(render_plan_report(plan_report(project, plan)))
        first, last = plan.periods[0].day, plan.periods[-1].day
        return f"planned {len(plan.periods)} period(s) of {arguments.rotation}, {first} to {last}"

    code = _edit_rotation(arguments, out, err, edit)
    for note in notes:
        err.write(f"handbook: note: {note}\n")
    for report in reports:
        err.write(report)  # stdout stays the diff alone, so it can be piped into `git apply`
    return code


# --- reading --------------------------------------------------------------------------------------


def run_report(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    project = _load(arguments.root, out, err)
    if project is None:
        return EXIT_UNLOADABLE
    first, last = default_window(now_of(arguments))
    first, last = arguments.start or first, arguments.end or last
    if last < first:
        err.write("handbook: --until is before --from\n")
        return EXIT_UNLOADABLE
    report = build_report(project, first, last)
    if arguments.format == "json":
        json.dump(report.as_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(render_markdown(report))
    return EXIT_OK


def run_diff(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root: Path = arguments.root
    head_label = arguments.head or "the working tree"
    try:
        try:
            base: Project | None = project_at(root, arguments.base)
        except DataError:
            err.write(f"handbook: note: the data at {arguments.base} does not load; comparing with nothing\n")
            base = None
        head = project_at(root, arguments.head) if arguments.head else load_project(root)
        messages = commit_messages(root, arguments.base, arguments.head or "HEAD")
    except RevisionError as exc:
        err.write(f"handbook: git: {exc}\n")
        return EXIT_UNLOADABLE
    except DataError as exc:
        print_findings(exc.findings, "text", err)
        err.write(f"handbook: the data at {head_label} cannot be loaded\n")
        return EXIT_UNLOADABLE
    diff = diff_projects(base, head, now_of(arguments), messages)
    markdown = render_diff(diff, arguments.base, arguments.head)
    if arguments.output:
        Path(arguments.output).write_text(markdown, encoding="utf-8")
    else:
        out.write(markdown)
    if diff.new_errors or diff.unexplained_history:
        err.write("handbook: the change adds rule errors or rewrites past shifts (see the summary)\n")
        return EXIT_FINDINGS
    return EXIT_OK


# --- generated files ------------------------------------------------------------------------------


def run_schemas(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root: Path = arguments.root
    if arguments.check:
        stale = json_schemas.stale_schemas(root)
        for path in stale:
            out.write(f"{path}: out of date with macros/model/types.py\n")
        if stale:
            err.write("handbook: run `scripts/handbook schemas` and commit the result\n")
        return EXIT_FINDINGS if stale else EXIT_OK
    for path in json_schemas.write_schemas(root):
        out.write(f"wrote {path}\n")
    return EXIT_OK


def run_modelines(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root: Path = arguments.root
    missing = json_schemas.check_modelines(root)
    if arguments.check:
        print_findings(missing, "text", out)
        return EXIT_FINDINGS if missing else EXIT_OK
    for path in sorted({finding.location.path for finding in missing}):
        file = root / path
        folder = Path(path).parent.name
        file.write_text(json_schemas.with_modeline(file.read_text(encoding="utf-8"), folder), encoding="utf-8")
        out.write(f"added the schema modeline to {path}\n")
    return EXIT_OK


def run_codeowners(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root: Path = arguments.root
    project = _load(root, out, err)
    if project is None:
        return EXIT_UNLOADABLE
    _, warnings = owners_file.codeowners(project)
    for warning in warnings:
        err.write(f"handbook: warning: {warning}\n")
    if arguments.check:
        if owners_file.is_current(root, project):
            return EXIT_OK
        out.write(f"{owners_file.CODEOWNERS_PATH}: out of date with the rotations' owners\n")
        err.write("handbook: run `scripts/handbook codeowners` and commit the result\n")
        return EXIT_FINDINGS
    if owners_file.write_codeowners(root, project):
        out.write(f"wrote {owners_file.CODEOWNERS_PATH}\n")
    return EXIT_OK


# --- the command line -----------------------------------------------------------------------------


def _local_datetime(text: str) -> dt.datetime:
    try:
        return parse_local(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _periods(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_PERIODS:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of periods from 1 to {MAX_PERIODS}")
    return int(text)


def _today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=date_argument, metavar="YYYY-MM-DD",
                        help="act as of this date (default: SOURCE_DATE_EPOCH, else now)")


def _editing(parser: argparse.ArgumentParser, *, force: bool = True) -> None:
    parser.add_argument("--dry-run", action="store_true", help="print the diff, change nothing")
    if force:
        parser.add_argument("--reason", help="why: written as `reason:` on each changed assignment or the override")
        parser.add_argument("--force", action="store_true", help="make the change even if it breaks a rule "
                            "(needs --reason)")
    _today(parser)


def _check_force(parser: argparse.ArgumentParser, handler: Handler) -> Handler:
    def checked(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        if getattr(arguments, "force", False) and not arguments.reason:
            parser.error("--force needs --reason \"why\": the reason is recorded in the file")
        return handler(arguments, out, err)

    return checked


def register(commands: Any) -> None:
    """Add the subcommands to the `handbook` parser's subparsers."""
    swap_parser = commands.add_parser(
        "swap", help="two people exchange their places in one or more periods",
        description="Exchange two people's places in the periods containing the given dates (every role, "
        "or only --role / --shift), overrides included. Example, Ana takes Ben's week and Ben takes Ana's: "
        "handbook swap sre-duty ana ben --period 2027-01-04 --period 2027-01-11",
    )
    swap_parser.add_argument("rotation", help="rotation id (file name in data/rotations/)")
    swap_parser.add_argument("person", help="person id")
    swap_parser.add_argument("other", help="the other person's id")
    swap_parser.add_argument("--period", type=date_argument, action="append", required=True, metavar="YYYY-MM-DD",
                             help="a date inside the period (repeat for a second period)")
    swap_parser.add_argument("--role", action="append", help="only this role (repeatable)")
    swap_parser.add_argument("--shift", action="append", help="only this daily shift (repeatable)")
    _editing(swap_parser)
    swap_parser.set_defaults(handler=_check_force(swap_parser, run_swap))

    cover = commands.add_parser(
        "override", help="someone covers part of a shift",
        description="Add an override: PERSON covers ROLE from --from until --until (local time of the "
        "rotation's hand-off zone). Example: handbook override sre-duty --role duty --person ana "
        "--from '2027-01-05 09:00' --until '2027-01-06 09:00' --reason 'dentist'",
    )
    cover.add_argument("rotation", help="rotation id")
    cover.add_argument("--role", required=True, help="the role covered")
    cover.add_argument("--shift", help="the daily shift, for roles held per daily shift")
    cover.add_argument("--person", required=True, help="who covers")
    cover.add_argument("--from", dest="start", type=_local_datetime, required=True, metavar="'YYYY-MM-DD HH:MM'")
    cover.add_argument("--until", dest="end", type=_local_datetime, required=True, metavar="'YYYY-MM-DD HH:MM'")
    _editing(cover)
    cover.set_defaults(handler=_check_force(cover, run_override))

    planner = commands.add_parser(
        "plan", help="fill the next periods of a rotation fairly",
        description="Append N periods to the rotation's schedule: eligible, available people only, public "
        "holidays avoided, every rule kept, least recently served first. Same data, same plan. When no valid "
        "plan exists, names the period and the constraint.",
    )
    planner.add_argument("rotation", help="rotation id")
    planner.add_argument("--periods", type=_periods, required=True, metavar="N", help="how many periods to add")
    planner.add_argument("--start", type=date_argument, metavar="YYYY-MM-DD",
                         help="first period's start, for an empty schedule (default: the next hand-off day)")
    _editing(planner, force=False)
    planner.set_defaults(handler=run_plan)

    report = commands.add_parser(
        "report", help="duty per person and schedule health per rotation",
        description="Per person: shifts, hours, weekend days and public holidays on duty, longest streak. "
        "Per rotation: coverage gaps and the date the schedule runs out. Default window: 91 days either "
        "side of today.",
    )
    report.add_argument("--from", dest="start", type=date_argument, metavar="YYYY-MM-DD")
    report.add_argument("--until", dest="end", type=date_argument, metavar="YYYY-MM-DD")
    report.add_argument("--format", choices=["markdown", "json"], default="markdown")
    _today(report)
    report.set_defaults(handler=run_report)

    diff = commands.add_parser(
        "diff", help="the schedule change between two git revisions, as Markdown",
        description="Compare the data at BASE with HEAD (default: the working tree): who gains or loses "
        "shifts, rules newly failing or passing, calendar events changed. Exits 1 when the change adds rule "
        "errors or changes shifts that already ended without a commit message saying `history:` or `backfill`.",
    )
    diff.add_argument("base", help="base revision, e.g. origin/main")
    diff.add_argument("head", nargs="?", help="head revision (default: the working tree)")
    diff.add_argument("--output", metavar="FILE", help="write the Markdown to FILE instead of standard output")
    _today(diff)
    diff.set_defaults(handler=run_diff)

    schemas = commands.add_parser("schemas", help="regenerate the JSON Schemas in docs/schemas/ from the model")
    schemas.add_argument("--check", action="store_true", help="only report schemas that are out of date")
    schemas.set_defaults(handler=run_schemas)

    modelines = commands.add_parser("modelines", help="start every data file with its schema modeline")
    modelines.add_argument("--check", action="store_true", help="only list files without it")
    modelines.set_defaults(handler=run_modelines)

    owners = commands.add_parser("codeowners", help="regenerate .github/CODEOWNERS from the rotations' owners")
    owners.add_argument("--check", action="store_true", help="only report whether it is out of date")
    owners.set_defaults(handler=run_codeowners)
