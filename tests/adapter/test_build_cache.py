"""The data cache: one load per state of data/, re-read after any edit, addition or removal."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.adapter import build_cache
from macros.adapter.build_cache import check, fingerprint
from macros.model.project import Project

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=1)

FILES = {
    "data/teams/ops.yml": "name: Ops\n",
    "data/people/ada.yml": "name: Ada\nhandle: ada\nteam: ops\ntimezone: Europe/Berlin\n",
    "data/rotations/duty.yml": """\
        name: Duty
        period: {weeks: 1}
        handoff: {weekday: monday, time: "09:00", timezone: Europe/Berlin}
        roles:
          - {id: duty, title: Duty}
        rules:
          coverage: {horizon_days: 0}
        schedule:
          - {start: 2026-11-16, duty: ada}
        """,
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for relative, text in FILES.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every root the cache actually loads from disk, in order."""
    build_cache.clear()
    calls: list[Path] = []
    real = build_cache.load_project

    def counting(root: Path, *, reuse_unchanged: bool = False) -> Project:
        calls.append(root)
        return real(root, reuse_unchanged=reuse_unchanged)

    monkeypatch.setattr(build_cache, "load_project", counting)
    yield calls
    build_cache.clear()


def touch_forward(path: Path) -> None:
    """Move the file's mtime on, as a save a moment later would (some filesystems tick coarsely)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def test_unchanged_data_is_loaded_once(root: Path, loads: list[Path]) -> None:
    first = check(root, NOW)
    assert first.ok and first.findings == []
    assert check(root, NOW) is first
    assert check(root) is first  # pages of the same build reuse the build's own check
    assert loads == [root.resolve()]


def test_a_new_now_revalidates_without_reloading(root: Path, loads: list[Path]) -> None:
    first = check(root, NOW)
    second = check(root, LATER)
    assert second is not first and second.now == LATER
    assert second.project is first.project
    assert len(loads) == 1


def test_an_edit_is_read_on_the_next_check(root: Path, loads: list[Path]) -> None:
    assert check(root, NOW).project is not None
    person = root / "data/people/ada.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("name: Ada", "name: Ada Lovelace"), encoding="utf-8")
    touch_forward(person)
    checked = check(root, NOW)
    assert checked.project is not None and checked.project.people["ada"].name == "Ada Lovelace"
    assert len(loads) == 2


def test_a_build_fingerprints_once_and_the_next_build_sees_an_edit(
    root: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[Path] = []
    real = build_cache.fingerprint

    def counting(at: Path) -> build_cache.Fingerprint:
        taken.append(at)
        return real(at)

    monkeypatch.setattr(build_cache, "fingerprint", counting)
    build_cache.begin_build(root)
    first = check(root, NOW)
    person = root / "data/people/ada.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("name: Ada", "name: Ada Lovelace"), encoding="utf-8")
    touch_forward(person)
    assert check(root) is first and check(root) is first  # the pages of the build see what it began with
    assert len(taken) == 1
    build_cache.end_build()
    build_cache.begin_build(root)  # a `mkdocs serve` rebuild
    second = check(root, NOW)
    assert second.project is not None and second.project.people["ada"].name == "Ada Lovelace"
    assert len(taken) == 2 and len(loads) == 2


def test_after_a_build_every_check_fingerprints_again(root: Path, loads: list[Path]) -> None:
    build_cache.begin_build(root)
    assert check(root, NOW).project is not None
    build_cache.end_build()
    person = root / "data/people/ada.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("name: Ada", "name: Ada Lovelace"), encoding="utf-8")
    touch_forward(person)
    checked = check(root, NOW)
    assert checked.project is not None and checked.project.people["ada"].name == "Ada Lovelace"
    assert len(loads) == 2


def test_added_and_removed_files_change_the_fingerprint(root: Path) -> None:
    before = fingerprint(root)
    extra = root / "data/people/bo.yml"
    extra.write_text("name: Bo\nhandle: bo\nteam: ops\ntimezone: Europe/Berlin\n", encoding="utf-8")
    added = fingerprint(root)
    assert added != before
    assert "data/people/bo.yml" in [path for path, _, _ in added]
    extra.unlink()
    assert "data/people/bo.yml" not in [path for path, _, _ in fingerprint(root)]


def test_unloadable_data_gives_the_load_findings(root: Path, loads: list[Path]) -> None:
    (root / "data/teams/ops.yml").write_text("name: Ops\nname: Ops\n", encoding="utf-8")
    checked = check(root, NOW)
    assert checked.project is None and checked.report is None and not checked.ok
    assert [f.format() for f in checked.errors] == [
        "data/teams/ops.yml:2:1: error[yaml]: duplicate key 'name' (first written on line 1) (keep only one of them)"
    ]


def test_rule_findings_are_sorted_into_errors_and_warnings(root: Path, loads: list[Path]) -> None:
    rotation = root / "data/rotations/duty.yml"
    rotation.write_text(rotation.read_text(encoding="utf-8").replace("horizon_days: 0", "horizon_days: 30"), "utf-8")
    checked = check(root, NOW)
    assert checked.errors == []
    assert [f.rule for f in checked.warnings] == ["coverage"]
    assert checked.ok


def test_without_data_folder(tmp_path: Path, loads: list[Path]) -> None:
    assert fingerprint(tmp_path) == ()
    assert [f.format() for f in check(tmp_path, NOW).errors] == [
        "data: error[load]: no data/ folder here (run from the handbook's root)"
    ]


def test_each_root_has_one_reuse_that_each_build_begins(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    build_cache.clear()
    kept = build_cache.reuse(root)
    assert build_cache.reuse(root / "data" / "..") is kept
    assert build_cache.reuse(tmp_path_factory.mktemp("other")) is not kept
    build_cache.begin_build(root)
    kept.get("x", 1, lambda: "made")
    build_cache.end_build()
    build_cache.begin_build(root)  # the next build: what the last one made is still there
    assert kept.get("x", 1, lambda: "again") == "made"
    build_cache.end_build()
    build_cache.clear()
    assert build_cache.reuse(root) is not kept
