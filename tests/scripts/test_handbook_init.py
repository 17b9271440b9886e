"""`handbook init`: the flags a script gives, the questions a terminal asks."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from handbook_cli import build_parser, main
from handbook_init import complete


def _arguments(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["init", *argv])


def test_without_a_terminal_the_missing_flags_are_named(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(tmp_path), "init", "--no-input", "--team", "Ops"], out, err)
    assert code == 2
    assert "--rotation" in err.getvalue() and "--timezone" in err.getvalue() and "--member" in err.getvalue()
    assert "--team" not in err.getvalue()


def test_a_terminal_is_asked_for_each_missing_answer() -> None:
    answers = iter(["Web on-call", "", "wednesday", "", "Europe/Lisbon", "primary:Captain", "",
                    "Rosa Diaz", "Ken Sato", ""])
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    arguments = _arguments("--team", "Web Platform")
    assert complete(arguments, interactive=True, ask=ask) == []
    assert (arguments.rotation, arguments.period_weeks, arguments.weekday) == ("Web on-call", "1", "wednesday")
    assert (arguments.time, arguments.timezone) == ("09:00", "Europe/Lisbon")
    assert arguments.role == ["primary:Captain"] and arguments.member == ["Rosa Diaz", "Ken Sato"]
    assert not any(prompt.startswith("Team") for prompt in asked)


def test_outside_a_checkout_init_says_so(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(tmp_path), "init", "--team", "Ops", "--rotation", "Duty", "--timezone", "UTC",
                 "--role", "duty", "--member", "Ada Example"], out, err)
    assert code == 2
    assert "holds no data/ folder" in err.getvalue()
