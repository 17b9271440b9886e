"""`handbook import ROTATION FILE.ics`: a rotation's schedule from an exported on-call calendar."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from handbook_commands import _check_force, _edit_rotation, _editing
from macros.model.project import Project
from macros.model.types import Rotation
from macros.roster.edits import EditError
from macros.roster.importer import import_schedule, read_events, write_imported
from macros.roster.yamledit import RoundTrip


def run_import(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    unmatched: list[str] = []

    def edit(document: RoundTrip, rotation: Rotation, project: Project) -> str:
        path: Path = arguments.file
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise EditError(f"cannot read {path}: {exc.strerror}") from None
        role_id = arguments.role or next((r.id for r in rotation.roles if r.required), rotation.roles[0].id)
        events = read_events(data, rotation.handoff.timezone)
        imported = import_schedule(project, arguments.rotation, role_id, events)
        unmatched.extend(f"{event.start:%Y-%m-%d %H:%M %Z} {event.summary!r}" for event in imported.unmatched)
        if not imported.holders:
            raise EditError(f"no event of {path} names a person of data/people/ ({len(events)} event(s) read)")
        count = write_imported(document, role_id, imported)
        return f"imported {count} period(s) of {role_id} from {len(events)} event(s)"

    code = _edit_rotation(arguments, out, err, edit)
    for line in unmatched:
        err.write(f"handbook: unmatched: {line} names nobody in data/people/ (add the person, or fix the name)\n")
    return code


def register(commands: Any) -> None:
    """Add `import` to the `handbook` parser's subparsers."""
    parser = commands.add_parser(
        "import", help="fill a rotation's schedule from an exported on-call calendar (.ics)",
        description="Read the events of an exported on-call calendar (PagerDuty, Opsgenie, Google Calendar) and "
        "write the rotation's schedule periods: each event's summary is matched to a person by name, handle or "
        "id; events naming nobody are listed. Every rule is checked on the result, as for swap.",
    )
    parser.add_argument("rotation", help="rotation id (file name in data/rotations/)")
    parser.add_argument("file", type=Path, help="the .ics file")
    parser.add_argument("--role", help="the role the events fill (default: the rotation's first required role)")
    _editing(parser)
    parser.set_defaults(handler=_check_force(parser, run_import))
