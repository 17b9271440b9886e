"""The `handbook` command: output lines, formats and exit codes."""

import io
import json
import re
import subprocess
from pathlib import Path

from fixture_project import write_project
from handbook_cli import main
from handbook_common import github_annotation
from macros.model.findings import Finding, Location, Severity

REPO = Path(__file__).resolve().parents[2]
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
    finding = Finding(
        Location("data/rotations/a,b.yml", 12, 5), Severity.ERROR, "max-consecutive", "50% done\nnext", "fix it"
    )
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


# --- GitHub annotations: the workflow-command syntax of actions/toolkit, exactly -------------------

_ANNOTATION = re.compile(
    r"^::(error|warning) file=(?P<file>[^,:\r\n]+)(,line=\d+,col=\d+)?,title=(?P<title>[^,:\r\n]+)::(?P<msg>[^\r\n]*)$"
)


def test_github_annotation_for_a_warning_without_a_line() -> None:
    finding = Finding(Location("data"), Severity.WARNING, "load", "a: b, c", "")
    assert github_annotation(finding) == "::warning file=data,title=load::a: b, c"


def test_github_annotation_escapes_properties_and_data_like_the_actions_toolkit() -> None:
    finding = Finding(Location("data/x:y.yml", 3, 1), Severity.ERROR, "rule:id", "100%\r\nsure", "")
    assert github_annotation(finding) == "::error file=data/x%3Ay.yml,line=3,col=1,title=rule%3Aid::100%25%0D%0Asure"


def test_validate_format_github_prints_one_annotation_per_finding(tmp_path: Path) -> None:
    root = write_project(tmp_path, THREE_IN_A_ROW)
    code, out, _ = run(root, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(_ANNOTATION.match(line) for line in lines), lines
    assert (
        "::error file=data/rotations/duty.yml,line=9,col=31,title=max-consecutive::ana is on duty 3 periods in a "
        "row (2026-11-09, 2026-11-16, 2026-11-23); at most 2 allowed (give the period 2026-11-23 to someone else)"
    ) in lines


def test_modelines_are_checked_where_the_schemas_are_shipped(tmp_path: Path) -> None:
    root = write_project(tmp_path, CLEAN)
    assert run(root)[0:2] == (0, "")
    (root / "docs" / "schemas").mkdir(parents=True)
    code, out, err = run(root)
    assert code == 0 and err == "handbook: 0 errors, 3 warnings\n"
    assert out.splitlines()[0] == (
        "data/people/ana.yml:1:1: warning[modeline]: the file does not start with its schema modeline (make the "
        "first line `# yaml-language-server: $schema=../../docs/schemas/person.schema.json`)"
    )
    assert run(root, "--strict")[0] == 1
