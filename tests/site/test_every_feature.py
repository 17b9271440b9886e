"""The every-feature fixture handbook in place of the example, as `.ci/run` puts it (`tests/content_swap.py`).

CI runs every content test on the result; this checks, in a second, that it is a valid handbook there:
its data and pages pass `validate --strict` as of its pinned "now", every page has an owner the handbook
knows, and the fixture's own pages and pictures replace the example's.
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml

from content_swap import swap_content
from handbook_cli import main
from macros.roster.starter import kept_pages
from macros.schedule.clock import build_time
from site_fixture import FIXTURES, copy_site

FIXTURE = FIXTURES / "every-feature"


def _owner(page: Path) -> object:
    meta = yaml.safe_load(page.read_text(encoding="utf-8")[4:].partition("\n---\n")[0])
    return meta.get("owner") if isinstance(meta, dict) else None


def test_the_fixture_in_place_of_the_example_validates_strictly(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    reowned = swap_content(FIXTURE, root)
    assert "docs/now.md" in reowned and "docs/index.md" not in reowned
    assert (root / "docs" / "img" / "people" / "aroha-ngata.png").is_file()
    assert sorted(p.stem for p in (root / "docs" / "rotations").glob("*.md")) == sorted(
        p.stem for p in (FIXTURE / "docs" / "rotations").glob("*.md"))
    assert {_owner(page) for page in kept_pages(root)} <= {"keel", "berth", "dockside", "anton-petrescu"}
    assert (root / ".github" / "CODEOWNERS").is_file()
    today = build_time({"SOURCE_DATE_EPOCH": (FIXTURE / "source-date-epoch").read_text(encoding="utf-8")}).date()
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(root), "validate", "--strict", "--today", today.isoformat()], out, err)
    assert code == 0, out.getvalue() + err.getvalue()
