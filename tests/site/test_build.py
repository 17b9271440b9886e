"""The whole site build: `mkdocs build --strict` on a small handbook, broken data, and `make site`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from macros.adapter.build_cache import check
from site_fixture import BUILD_NOW, build_env, copy_site, make_command, mkdocs, snapshot

pytestmark = pytest.mark.slow

ROTATION = "data/rotations/ops-duty.yml"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def unknown_key(root: Path) -> None:
    edit(root, ROTATION, "team: ops\n", "team: ops\nteem: ops\n")


def three_in_a_row(root: Path) -> None:
    """ada holds duty three weeks running (2026-11-23 was already hers)."""
    edit(root, ROTATION, "  - start: 2026-11-09\n    duty: bo", "  - start: 2026-11-09\n    duty: ada")
    edit(root, ROTATION, "  - start: 2026-11-16\n    duty: cy", "  - start: 2026-11-16\n    duty: ada")


def logged(stderr: str, level: str = "ERROR") -> list[str]:
    """The messages of MkDocs' `LEVEL   -  message` lines, colours removed."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", stderr)
    return [line.split("-  ", 1)[1] for line in plain.splitlines() if line.startswith(level)]


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_example_builds_in_strict_mode(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "<td>Ops duty</td>" in home
    assert "<td>Monday 10:00 (Europe/Berlin)</td>" in home
    reference = (root / "site" / "editing-data" / "index.html").read_text(encoding="utf-8")
    assert 'id="data-handoff"' in reference
    assert "<code>weekday</code>" in reference
    # No third-party requests: no Google Fonts, no repository widget calling api.github.com.
    assert "fonts.googleapis.com" not in home
    assert "md-source" not in home
    # Site-wide features the handbook promises: an edit link to the page's file in the repository,
    # and the light/dark switch.
    assert 'href="https://github.com/example/duty-handbook/edit/main/docs/editing-data.md"' in reference
    assert 'data-md-color-scheme="slate"' in home and "Switch to dark mode" in home
    # Every event links the handbook by the site's address (mkdocs.yml's site_url), as URL and in its text.
    feed = (root / "site" / "calendars" / "rotation" / "ops-duty.ics").read_bytes().decode("utf-8").splitlines()
    assert "URL:https://handbook.example.com/rotations/ops-duty/" in feed
    assert feed.count("BEGIN:VEVENT") == feed.count("URL:https://handbook.example.com/rotations/ops-duty/") > 0


def test_a_strict_build_without_site_url_stops_with_one_clear_line(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    settings = root / "mkdocs.yml"
    lines = settings.read_text(encoding="utf-8").splitlines(keepends=True)
    settings.write_text("".join(line for line in lines if not line.startswith("site_url:")), encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert logged(result.stderr) == [
        "mkdocs.yml:1:1: error[site-url]: site_url is not set (set it to the handbook's public address, "
        "e.g. `site_url: https://handbook.example.com/`: calendar events link the handbook by it)"
    ]
    assert not (root / "site").exists()
    assert_no_traceback(result)


def test_unloadable_data_stops_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    assert mkdocs(root, "build").returncode == 0
    before = snapshot(root / "site")
    unknown_key(root)

    result = mkdocs(root, "build", "--strict")

    assert result.returncode == 1
    assert logged(result.stderr) == [
        "data/rotations/ops-duty.yml:5:1: error[schema]: unknown key 'teem' (did you mean 'team'?)"
    ]
    assert "Aborted: 1 error in data/ (listed above); nothing was built." in result.stdout
    assert_no_traceback(result)
    assert snapshot(root / "site") == before


def test_rule_error_stops_the_build_with_every_finding_and_keeps_the_site(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    assert mkdocs(root, "build").returncode == 0
    before = snapshot(root / "site")
    three_in_a_row(root)
    expected = [f.format() for f in check(root, BUILD_NOW).errors]
    assert any(re.match(r"data/rotations/ops-duty\.yml:\d+:\d+: error\[max-consecutive\]: ", line) for line in expected)

    result = mkdocs(root, "build")

    assert result.returncode == 1
    assert logged(result.stderr) == expected
    assert_no_traceback(result)
    assert snapshot(root / "site") == before


def test_make_site_swaps_in_a_complete_build_only(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    stale = root / "site" / "stale.html"
    stale.parent.mkdir()
    stale.write_text("from an older build", encoding="utf-8")

    built = subprocess.run(make_command("site"), cwd=root, env=build_env(), capture_output=True, text=True, timeout=120)

    assert built.returncode == 0, built.stderr
    assert (root / "site" / "index.html").is_file()
    assert not stale.exists()  # replaced as a whole, not built over
    assert not (root / "site.tmp").exists() and not (root / "site.old").exists()

    before = snapshot(root / "site")
    unknown_key(root)
    failed = subprocess.run(
        make_command("site"), cwd=root, env=build_env(), capture_output=True, text=True, timeout=120
    )

    assert failed.returncode != 0
    assert "error[schema]: unknown key 'teem'" in failed.stderr
    assert snapshot(root / "site") == before
    assert not (root / "site.tmp").exists()


def test_data_warnings_are_warnings_and_fail_strict_builds_before_touching_the_site(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook")
    edit(root, ROTATION, "horizon_days: 0", "horizon_days: 42")  # the schedule ends 17 days after "now"
    expected = [f.format() for f in check(root, BUILD_NOW).warnings]
    assert expected and all("warning[coverage]" in line for line in expected)

    preview = mkdocs(root, "build")
    assert preview.returncode == 0, preview.stderr
    assert logged(preview.stderr, "WARNING") == expected
    before = snapshot(root / "site")

    strict = mkdocs(root, "build", "--strict")
    assert strict.returncode == 1
    assert logged(strict.stderr, "WARNING") == expected
    assert "Aborted: 1 warning in data/ in strict mode (listed above); nothing was built." in strict.stdout
    assert_no_traceback(strict)
    assert snapshot(root / "site") == before
