"""`Project` and its collections: files of one kind by id, and where each value was written."""

from __future__ import annotations

from pathlib import Path

from fixture_project import load


def test_collections_hold_the_files_by_id_in_id_order(tmp_path: Path) -> None:
    files: dict[str, str | None] = {"data/people/aaron.yml": "name: Aaron\nhandle: aaron\nteam: core\ntimezone: UTC\n"}
    project = load(tmp_path, files)
    assert list(project.people) == ["aaron", "ana", "ben"]
    assert project.people["ben"].name == "Ben" and len(project.people) == 3


def test_locate_points_at_the_line_a_value_was_written_on(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    assert str(project.people.locate("ben", ("timezone",))) == "data/people/ben.yml:4:11"
    assert str(project.people.locate("ben", ("timezone",), key=True)) == "data/people/ben.yml:4:1"


def test_locate_without_a_source_names_the_file(tmp_path: Path) -> None:
    project = load(tmp_path, {})
    assert str(project.teams.locate("nowhere")) == "data/teams/nowhere.yml:1:1"
