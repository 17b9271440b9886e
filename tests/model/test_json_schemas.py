"""The committed JSON Schemas match the model; they accept the example data and reject what the loader rejects."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from ruamel.yaml import YAML

from fixture_project import write_project
from macros.model.json_schemas import (
    KINDS,
    check_modelines,
    expected_files,
    modeline,
    schema_path,
    stale_schemas,
    with_modeline,
    write_schemas,
)
from macros.model.loader import load_project

REPO = Path(__file__).resolve().parents[2]


def _yaml_as_an_editor_reads_it(text: str) -> Any:
    """YAML 1.2 values, dates as the strings they were written as (JSON has no date type)."""
    value = YAML(typ="safe", pure=True).load(text)

    def plain(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(k): plain(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plain(v) for v in node]
        if isinstance(node, (dt.date, dt.datetime)):
            return node.isoformat()
        return node

    return plain(value)


def _validator(folder: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / schema_path(KINDS[folder][0])).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schemas_match_the_model() -> None:
    assert stale_schemas(REPO) == [], "run `scripts/handbook schemas` and commit the result"
    committed = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "docs/schemas").glob("*.json"))
    assert sorted(expected_files()) == committed


def test_a_changed_schema_is_reported_stale_and_rewritten(tmp_path: Path) -> None:
    assert write_schemas(tmp_path) == list(expected_files())
    target = tmp_path / schema_path("person")
    target.write_text("{}\n", encoding="utf-8")
    assert stale_schemas(tmp_path) == [schema_path("person")]
    assert write_schemas(tmp_path) == [schema_path("person")]
    assert stale_schemas(tmp_path) == []


@pytest.mark.parametrize("folder", sorted(KINDS))
def test_every_example_file_satisfies_its_schema(folder: str) -> None:
    validator = _validator(folder)
    files = sorted((REPO / "data" / folder).glob("*.yml"))
    for file in files:
        errors = [e.message for e in validator.iter_errors(_yaml_as_an_editor_reads_it(file.read_text("utf-8")))]
        assert errors == [], file.name


@pytest.mark.parametrize(
    ("folder", "text", "message"),
    [
        ("people", "name: A\nhandle: a\nteam: t\ntimezone: UTC\nnmae: x\n", "Additional properties are not allowed"),
        ("rotations", "name: R\nperiod: {weeks: 1}\nhandoff: {weekday: moonday, time: '09:00', timezone: UTC}\n"
         "roles: [{id: d, title: D}]\n", "'moonday' is not one of"),
        ("rotations", "name: R\nperiod: {weeks: 1}\nhandoff: {weekday: monday, time: '9 am', timezone: UTC}\n"
         "roles: [{id: d, title: D}]\n", "'9 am' does not match"),
    ],
)
def test_schemas_reject_mistakes_editors_should_flag(folder: str, text: str, message: str) -> None:
    errors = [e.message for e in _validator(folder).iter_errors(_yaml_as_an_editor_reads_it(text))]
    assert any(message in error for error in errors), errors


def test_times_and_local_datetimes_are_written_the_way_people_type_them() -> None:
    rotation = _validator("rotations")
    text = (
        "name: R\nperiod: {weeks: 1}\nhandoff: {weekday: monday, time: '09:00', timezone: UTC}\n"
        "roles: [{id: d, title: D}]\nschedule:\n  - start: 2026-11-16\n    d: ana\n"
        "    overrides: [{role: d, person: ben, from: 2026-11-17 09:00, until: 2026-11-18 09:00}]\n"
    )
    assert [e.message for e in rotation.iter_errors(_yaml_as_an_editor_reads_it(text))] == []


def test_modeline_points_from_the_data_file_to_its_schema() -> None:
    assert modeline("common-tasks") == "# yaml-language-server: $schema=../../docs/schemas/common-task.schema.json"
    assert with_modeline("name: A\n", "people") == f"{modeline('people')}\nname: A\n"
    assert with_modeline(f"{modeline('people')}\nname: A\n", "people") == f"{modeline('people')}\nname: A\n"
    wrong = "# yaml-language-server: $schema=old.json\nname: A\n"
    assert with_modeline(wrong, "people") == f"{modeline('people')}\nname: A\n"


def test_missing_or_misplaced_modelines_are_warnings(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "data/teams/core.yml": f"{modeline('teams')}\nname: Core\n",
        "data/people/ana.yml": "# Ana\n" + modeline("people") + "\nname: Ana\nhandle: ana\nteam: core\ntimezone: UTC\n",
        "data/people/ben.yml": "# yaml-language-server: $schema=x.json\nname: Ben\n",
    })
    assert [f.format() for f in check_modelines(root)] == [
        "data/people/ana.yml:2:1: warning[modeline]: the schema modeline is not the first line "
        f"(make the first line `{modeline('people')}`)",
        "data/people/ben.yml:1:1: warning[modeline]: the schema modeline points at 'x.json' "
        f"(make the first line `{modeline('people')}`)",
        "data/rotations/duty.yml:1:1: warning[modeline]: the file does not start with its schema modeline "
        f"(make the first line `{modeline('rotations')}`)",
    ]


def test_every_example_data_file_starts_with_its_modeline() -> None:
    assert [f.format() for f in check_modelines(REPO)] == []


def test_a_byte_order_mark_before_the_modeline_is_not_a_missing_modeline(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "data/teams/core.yml": f"\ufeff{modeline('teams')}\nname: Core\n",
        "data/rotations/duty.yml": None,
    }, base=False)
    assert check_modelines(root) == []
    assert load_project(root).teams["core"].name == "Core"
