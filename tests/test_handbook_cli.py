"""The `handbook` command: output lines, formats and exit codes."""

import io
import json
import subprocess
from pathlib import Path

from fixture_project import write_project
from handbook_cli import github_annotation, main
from macros.findings import Finding, Location, Severity

REPO = Path(__file__).resolve().parent.parent
CLEAN = {"data/rotations/duty.yml": None}
THREE_IN_A_ROW = {
    "data/rotations/duty.yml": """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: monday, time: "09:00", timezone: UTC}
        roles: [{id: duty, title: Duty}]
        rules: {coverage: {horizon_days: 0}}
        schedule:
          - {start: 2026-11-09, duty: ana}
          - {start: 2026-11-16, duty: ana}
          - {start: 2026-11-23, duty: ana}
        """
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(root), "validate", "--today", "2026-11-23", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_clean_data_exits_zero(tmp_path: Path) -> None:
    code, out, err = run(write_project(tmp_path, CLEAN))
    assert (code, out, err) == (0, "", "handbook: the data is valid\n")


def test_unloadable_data_exits_two(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"data/teams/core.yml": "name: Core\nnmae: x\n"})
    code, out, err = run(root)
    assert code == 2
    assert out == "data/teams/core.yml:2:1: error[schema]: unknown key 'nmae' (did you mean 'name'?)\n"
    assert err == "handbook: the data cannot be loaded (1 problem(s))\n"


def test_rule_errors_exit_one_and_json_lists_them(tmp_path: Path) -> None:
    root = write_project(tmp_path, THREE_IN_A_ROW)
    code, out, _ = run(root, "--format", "json")
    assert code == 1
    records = json.loads(out)
    assert {r["rule"] for r in records} >= {"max-consecutive"}
    assert all(r["path"] == "data/rotations/duty.yml" and r["line"] > 0 for r in records)


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    files = dict(THREE_IN_A_ROW)
    files["data/rotations/duty.yml"] = files["data/rotations/duty.yml"].replace(
        "  - {start: 2026-11-23, duty: ana}\n", "  - {start: 2026-11-23, duty: ben}\n"
    )
    root = write_project(tmp_path, files)
    code, out, _ = run(root)
    assert code == 0 and "warning[consecutive-needs-reason]" in out
    assert run(root, "--strict")[0] == 1


def test_github_annotation_format() -> None:
    finding = Finding(Location("data/rotations/a,b.yml", 12, 5), Severity.ERROR, "max-consecutive", "50% done\nnext", "fix it")
    assert github_annotation(finding) == (
        "::error file=data/rotations/a%2Cb.yml,line=12,col=5,title=max-consecutive::50%25 done%0Anext (fix it)"
    )


def test_wrapper_script_runs_without_a_traceback(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"data/people/ana.yml": "name: [unclosed\n"})
    result = subprocess.run(
        [str(REPO / "scripts/handbook"), "--root", str(root), "validate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stdout.startswith("data/people/ana.yml:2:1: error[yaml]: invalid YAML:")
    assert "Traceback" not in result.stderr


def test_bad_today_is_a_usage_error(tmp_path: Path, capsys: object) -> None:
    try:
        main(["--root", str(tmp_path), "validate", "--today", "soon"])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:  # pragma: no cover
        raise AssertionError("argparse should have exited")
