"""The roster commands on fixture repositories: each edit equals its reviewed golden file and validates clean.

A case is a folder under tests/fixtures/edits/: `rotation.yml` (the file before), `command.txt` (the
command line), `expected.yml` (the file after, reviewed by hand). The people and teams are shared, in
tests/fixtures/edits/roster/. Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change,
then review their diff.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shlex
import shutil
from pathlib import Path

import pytest

from fixture_project import write_project
from handbook_cli import main
from macros.feeds.events import shift_uids
from macros.model.loader import load_project
from macros.model.yamldoc import parse_text
from macros.roster.planner import CONSECUTIVE_REASON
from macros.roster.yamledit import unified_diff
from macros.rules.validate import validate
from macros.schedule.expansion import expand_rotation

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "edits"
ROSTER = CASES / "roster"
TODAY = "2026-11-23"
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
NOW_ARGS = ["--today", TODAY]


def _cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "command.txt").is_file())


def _install(case: Path, root: Path) -> tuple[list[str], Path]:
    """Copy the roster and the case's rotation into `root`; return the command's arguments and the file."""
    shutil.copytree(ROSTER / "data", root / "data")
    args = shlex.split((case / "command.txt").read_text(encoding="utf-8"))
    target = root / "data" / "rotations" / f"{args[1]}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(case / "rotation.yml", target)
    return args, target


def run(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(root), *args], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", _cases())
def test_edit_matches_golden_file_and_validates_clean(name: str, tmp_path: Path) -> None:
    case = CASES / name
    args, target = _install(case, tmp_path)
    before = target.read_text(encoding="utf-8")
    code, out, err = run(tmp_path, *args)
    assert code == 0, err
    after = target.read_text(encoding="utf-8")
    golden = case / "expected.yml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(after, encoding="utf-8")
    assert after == golden.read_text(encoding="utf-8")
    # The printed diff is exactly the change written.
    assert out.startswith(f"--- a/data/rotations/{args[1]}.yml\n+++ b/data/rotations/{args[1]}.yml\n")
    assert out == unified_diff(before, after, f"data/rotations/{args[1]}.yml")
    # Every comment of the original is still there, in the same order.
    comments = [line.split("#", 1)[1] for line in before.splitlines() if "#" in line]
    kept = [line.split("#", 1)[1] for line in after.splitlines() if "#" in line]
    assert [c.strip() for c in comments] == [c.strip() for c in kept if c.strip() in {x.strip() for x in comments}]
    findings = validate(load_project(tmp_path), NOW).findings
    if "--force" in args:
        assert [f.rule for f in findings] == ["unavailable"]
    else:
        assert [f.format() for f in findings] == []


def test_keys_keep_their_order(tmp_path: Path) -> None:
    args, target = _install(CASES / "swap-role-with-reason", tmp_path)
    before = parse_text(target.read_text(encoding="utf-8"), "x").data
    assert run(tmp_path, *args)[0] == 0
    after = parse_text(target.read_text(encoding="utf-8"), "x").data
    assert isinstance(before, dict) and isinstance(after, dict)
    assert list(before) == list(after)
    before_periods, after_periods = before["schedule"], after["schedule"]
    assert isinstance(before_periods, list) and isinstance(after_periods, list)
    assert [list(p or ()) for p in before_periods] == [list(p or ()) for p in after_periods]


def test_a_change_that_breaks_a_rule_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    args, target = _install(CASES / "swap-forced", tmp_path)
    before = target.read_text(encoding="utf-8")
    unforced = [a for a in args if a != "--force"]
    code, out, err = run(tmp_path, *unforced)
    assert code == 1
    assert out == (
        "data/rotations/sre-duty.yml:13:11: error[unavailable]: gus holds Duty in the period 2027-01-25 but their "
        "last day is 2027-01-31 (pick someone else, or correct `left:`)\n"
    )
    assert err.startswith("handbook: refused: the change breaks 1 rule(s) (shown above)")
    assert target.read_text(encoding="utf-8") == before


def test_force_needs_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args, _ = _install(CASES / "swap-forced", tmp_path)
    without_reason = args[: args.index("--reason")] + args[args.index("--reason") + 2 :]
    with pytest.raises(SystemExit) as exit_:
        run(tmp_path, *without_reason)
    assert exit_.value.code == 2
    assert "--force needs --reason" in capsys.readouterr().err


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    args, target = _install(CASES / "swap-weeks", tmp_path)
    before = target.read_text(encoding="utf-8")
    code, out, err = run(tmp_path, *args, "--dry-run")
    assert code == 0
    assert out == unified_diff(before, (CASES / "swap-weeks" / "expected.yml").read_text(encoding="utf-8"),
                               "data/rotations/sre-duty.yml")
    assert target.read_text(encoding="utf-8") == before
    assert err.endswith("(dry run: data/rotations/sre-duty.yml is unchanged)\n")


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("swap sre-duty ben cy --period 2026-11-16", "neither ben nor cy is on duty in the period 2026-11-16"),
        ("swap sre-duty ana zed --period 2026-11-16", "there is no person 'zed' (expected one of: ana, ben, cy, "
         "dee, eve, fay, gus)"),
        ("swap sre-duty ana ben --period 2027-06-01", "no period of the schedule contains 2027-06-01: it runs "
         "from 2026-11-16 to 2026-12-20"),
        ("swap sre-dutty ana ben --period 2026-11-16", "there is no rotation 'sre-dutty' (did you mean 'sre-duty'?)"),
        ("override sre-duty --role duty --person ana --from '2026-12-13 09:00' --until '2026-12-15 09:00'",
         "the cover crosses the hand-off at 2026-12-14 09:00: make two overrides, split there"),
        ("override sre-duty --role duty --person ana --from '2026-12-08 09:00' --until '2026-12-09 09:00'",
         "ana already holds duty for all of that time: nothing to cover"),
        ("override sre-duty --role pager --person ana --from '2026-12-08 09:00' --until '2026-12-09 09:00'",
         "'pager' is not a role of sre-duty: expected one of duty"),
        ("plan sre-duty --periods 2 --start 2027-03-01", "cannot plan sre-duty: coverage: the schedule continues "
         "on 2026-12-21, not on 2027-03-01 (leave out --start: the plan starts where the schedule ends)"),
    ],
)
def test_impossible_requests_are_refused_with_a_reason(tmp_path: Path, command: str, message: str) -> None:
    _, target = _install(CASES / "swap-weeks", tmp_path)
    before = target.read_text(encoding="utf-8")
    code, out, err = run(tmp_path, *shlex.split(command), *NOW_ARGS)
    assert (code, out, err) == (1, "", f"handbook: refused: {message}\n")
    assert target.read_text(encoding="utf-8") == before


def test_plan_names_the_period_and_constraint_when_impossible(tmp_path: Path) -> None:
    _, target = _install(CASES / "plan-weekly", tmp_path)
    for person in ("ben", "fay"):
        (tmp_path / "data" / "people" / f"{person}.yml").unlink()
    code, _, err = run(tmp_path, "plan", "sre-duty", "--periods", "8", *NOW_ARGS)
    assert code == 1
    assert err == (
        "handbook: refused: cannot plan the period 2027-02-08: max-consecutive: the period 2027-02-08 can "
        "only be filled by someone on duty more than 2 periods in a row (ana) (move someone's time off, add people "
        "to the roster, or raise the rule's `max`)\n"
    )


def test_plan_writes_a_reason_when_a_second_period_in_a_row_is_unavoidable(tmp_path: Path) -> None:
    away = "name: Ben\nhandle: ben\nteam: core\ntimezone: Europe/Berlin\n" \
        "unavailable: [{from: 2026-12-01, until: 2026-12-13}]\n"
    root = write_project(tmp_path, {"data/people/ben.yml": away})
    code, out, err = run(root, "plan", "duty", "--periods", "2", *NOW_ARGS)
    assert code == 0, err
    assert out.endswith(
        "+  - start: 2026-11-30\n"
        "+    duty: ana\n"
        "+  - start: 2026-12-07\n"
        f"+    duty: {{person: ana, reason: '{CONSECUTIVE_REASON}'}}\n"
    )
    assert "handbook: note: 2026-12-07: ana serves a second period in a row" in err
    assert validate(load_project(root), NOW).findings == []


def test_a_swap_replaces_only_the_swapped_peoples_calendar_events(tmp_path: Path) -> None:
    args, _ = _install(CASES / "swap-weeks", tmp_path)

    def events() -> dict[str, str]:
        expansion = expand_rotation(load_project(tmp_path), "sre-duty")
        return {uid: shift.person for shift, uid in zip(expansion.shifts, shift_uids(expansion), strict=True)}

    before = events()
    assert run(tmp_path, *args)[0] == 0
    after = events()
    # A UID names one person's shift: the two swapped weeks are new events, every other UID stays put.
    assert sorted(set(before) - set(after)) == [
        "sre-duty.duty.2026-12-07.all.s0.ana@duty-handbook", "sre-duty.duty.2026-12-14.all.s0.fay@duty-handbook"]
    assert sorted(set(after) - set(before)) == [
        "sre-duty.duty.2026-12-07.all.s0.fay@duty-handbook", "sre-duty.duty.2026-12-14.all.s0.ana@duty-handbook"]
    assert all(after[uid] == before[uid] for uid in set(after) & set(before))


