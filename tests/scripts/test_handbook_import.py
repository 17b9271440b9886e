"""`handbook import`: the schedule from an exported calendar, checked like every edit, unmatched names listed."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from handbook_cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_import_writes_the_periods_and_lists_the_unmatched(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "site-minimal" / "data", tmp_path / "data")
    out, err = io.StringIO(), io.StringIO()
    export = FIXTURES / "import" / "oncall-export.ics"
    code = main(["--root", str(tmp_path), "import", "ops-duty", str(export), "--today", "2026-11-03"], out, err)
    assert code == 0, err.getvalue()
    text = (tmp_path / "data" / "rotations" / "ops-duty.yml").read_text(encoding="utf-8")
    assert "- start: 2026-10-05\n    duty: ada\n" in text
    assert "unmatched: 2026-09-28 09:00 UTC 'On call: Former Colleague'" in err.getvalue()


def test_import_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "site-minimal" / "data", tmp_path / "data")
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(tmp_path), "import", "ops-duty", str(tmp_path / "none.ics")], out, err)
    assert code == 1
    assert "cannot read" in err.getvalue()
