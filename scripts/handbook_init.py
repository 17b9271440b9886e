"""`handbook init`: start a handbook of one's own (flags for scripts, questions on a terminal)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TextIO

from handbook_common import EXIT_OK, EXIT_UNLOADABLE, date_argument, now_of
from macros.roster.starter import (
    Starter,
    StartError,
    member,
    restore_example,
    role,
    start_handbook,
    summary,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Flag, question, default (None: an answer is needed).
_QUESTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("team", "Team name", None),
    ("rotation", "Rotation name", None),
    ("period_weeks", "Weeks per period", "1"),
    ("weekday", "Hand-off weekday", "monday"),
    ("time", "Hand-off time (HH:MM, local)", "09:00"),
    ("timezone", "Time zone (IANA, e.g. Europe/Berlin)", None),
)


def _ask(prompt: str, default: str | None, ask: Callable[[str], str]) -> str:
    while True:
        answer = ask(f"{prompt}{f' [{default}]' if default else ''}: ").strip()
        if answer or default:
            return answer or str(default)


def _ask_list(prompt: str, ask: Callable[[str], str]) -> list[str]:
    values: list[str] = []
    while True:
        answer = ask(f"{prompt} ({'empty line when done' if values else 'one per line'}): ").strip()
        if not answer and values:
            return values
        if answer:
            values.append(answer)


def complete(arguments: argparse.Namespace, interactive: bool, ask: Callable[[str], str] = input) -> list[str]:
    """Fill missing answers by asking (on a terminal); the flags still missing otherwise."""
    missing: list[str] = []
    for name, prompt, default in _QUESTIONS:
        if getattr(arguments, name) is None:
            if interactive:
                setattr(arguments, name, _ask(prompt, default, ask))
            elif default is None:
                missing.append(f"--{name.replace('_', '-')}")
            else:
                setattr(arguments, name, default)
    for name, prompt in (("role", "Roles as id or id:Title"), ("member", "Members as 'Full Name' or 'Name:handle'")):
        if not getattr(arguments, name):
            if interactive:
                setattr(arguments, name, _ask_list(prompt, ask))
            else:
                missing.append(f"--{name}")
    return missing


def run_init(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        if arguments.example:
            changed = restore_example(arguments.root)
            out.write(f"the example handbook is back: {summary(changed)}\n")
            return EXIT_OK
        missing = complete(arguments, interactive=sys.stdin.isatty() and not arguments.no_input)
        if missing:
            err.write(f"handbook: init needs {', '.join(missing)} (or run it on a terminal to be asked)\n")
            return EXIT_UNLOADABLE
        starter = Starter(
            team_name=arguments.team,
            rotation_name=arguments.rotation,
            period_weeks=int(arguments.period_weeks),
            weekday=arguments.weekday.lower(),
            time=arguments.time,
            timezone=arguments.timezone,
            roles=tuple(role(value) for value in arguments.role),
            members=tuple(member(value) for value in arguments.member),
            site_name=arguments.site_name or "",
            site_url=(arguments.site_url or "").rstrip("/") + "/" if arguments.site_url else "",
        )
        changed = start_handbook(arguments.root, starter, now_of(arguments))
    except (StartError, ValueError) as exc:
        err.write(f"handbook: init: {exc}\n")
        return EXIT_UNLOADABLE
    out.write(f"started the handbook of {starter.team_name} ({starter.team_id}), rotation {starter.rotation_id}: "
              f"{summary(changed)}\n")
    return EXIT_OK


def register(commands: Any) -> None:
    """Add `init` to the `handbook` parser's subparsers."""
    parser = commands.add_parser(
        "init", help="start a handbook of your own: remove the example, write a first team and rotation",
        description="Remove the example's people, teams, rotations, templates, checklists, common tasks and "
        "rotation and team pages; write a first team, its members and one rotation with a planned first quarter; give "
        "every page to the new team. Asks on a terminal; scripts give the flags. Refuses to run over "
        "uncommitted changes. `init --example` brings the example back.",
    )
    parser.add_argument("--example", action="store_true", help="bring the example handbook back")
    parser.add_argument("--team", help="team name, e.g. 'Site Reliability' (its id is derived: site-reliability)")
    parser.add_argument("--rotation", help="rotation name, e.g. 'SRE duty'")
    parser.add_argument("--period-weeks", dest="period_weeks", type=int, help="weeks per period (default 1)")
    parser.add_argument("--weekday", choices=WEEKDAYS, type=str.lower, help="hand-off weekday (default monday)")
    parser.add_argument("--time", help="hand-off time HH:MM, local to --timezone (default 09:00)")
    parser.add_argument("--timezone", help="the rotation's IANA time zone, e.g. Europe/Berlin")
    parser.add_argument("--role", action="append", default=[], metavar="ID[:TITLE]",
                        help="a role of each period (repeat), e.g. primary:Captain")
    parser.add_argument("--member", action="append", default=[], metavar="NAME[:HANDLE]",
                        help="a member of the team (repeat), e.g. 'Ada Lovelace:ada'")
    parser.add_argument("--site-name", dest="site_name", help="the handbook's title (mkdocs.yml site_name)")
    parser.add_argument("--site-url", dest="site_url",
                        help="the handbook's public address, e.g. https://duty.example.org/ (mkdocs.yml site_url)")
    parser.add_argument("--today", type=date_argument, metavar="YYYY-MM-DD", help="plan as of this date (default: now)")
    parser.add_argument("--no-input", dest="no_input", action="store_true", help="never ask, even on a terminal")
    parser.set_defaults(handler=run_init)

