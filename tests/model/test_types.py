"""The model's one import surface lists every class of the modules it gathers, and the every-feature fixture
uses all of it."""

from __future__ import annotations

import functools
import inspect
import types as types_module
import typing
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pydantic

from macros.model import content_types, fields, people_types, rotation_types, types
from macros.model.loader import load_project
from macros.model.project import Project
from macros.rules.validate import validate
from macros.schedule.clock import build_time


def test_every_model_class_is_listed_where_the_code_imports_it() -> None:
    defined = {
        name
        for module in (fields, people_types, rotation_types, content_types)
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module.__name__ and issubclass(value, pydantic.BaseModel)
    }
    assert len(defined) > 30
    assert defined <= set(types.__all__)
    assert all(getattr(types, name) is not None for name in types.__all__)


# --- the every-feature fixture uses all of the model ------------------------------------------------
#
# tests/fixtures/every-feature is the third handbook CI runs the content tests on (.ci/run): a content test
# that wrongly assumes something of the example fails there. It only proves that much if it uses everything a
# handbook can say, so these tests read the model and fail when a field, a Literal value, a weekday, a union
# member or a holder shape is added to it and not to the fixture.

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "every-feature"
EPOCH_FILE = FIXTURE / "source-date-epoch"
MODEL_MODULES = (fields, people_types, rotation_types, content_types)

Atom = object  # a Literal value, an enum member, a bool, or the class of one member of a union


def _model_classes() -> list[type[pydantic.BaseModel]]:
    return sorted(
        (
            value
            for module in MODEL_MODULES
            for value in vars(module).values()
            if inspect.isclass(value) and value.__module__ == module.__name__
            and issubclass(value, pydantic.BaseModel) and value.model_fields
        ),
        key=lambda cls: cls.__name__,
    )


def _owner(cls: type[pydantic.BaseModel], name: str) -> str:
    """`Class.field` named after the class that declares the field (a subclass's inherited fields count once)."""
    declaring = next(
        base for base in reversed(cls.__mro__)
        if isinstance(base, type) and issubclass(base, pydantic.BaseModel) and name in base.__dict__.get(
            "__annotations__", {})
    )
    return f"{declaring.__name__}.{name}"


def _choices(annotation: Any) -> set[Atom]:
    """What a field may be, where the model lists it: Literal values, enum members, booleans, union members."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return set(args)
    if origin is typing.Annotated:
        return _choices(args[0])
    if origin in (typing.Union, types_module.UnionType):
        members = [arg for arg in args if arg is not type(None)]
        found = set().union(*(_choices(arg) for arg in members))
        models = [arg for arg in members if inspect.isclass(arg) and issubclass(arg, pydantic.BaseModel)]
        if len(members) > 1 and models:  # a string or a model, say: each must be written somewhere
            found |= {typing.get_origin(arg) or arg for arg in members}
        return found
    if origin in (list, tuple, set, frozenset):
        return set().union(*(_choices(arg) for arg in args))
    if annotation is bool:
        return {True, False}
    if inspect.isclass(annotation) and issubclass(annotation, Enum):
        return set(annotation)
    return set()


def _atoms(value: Any, choices: set[Atom]) -> Iterator[Atom]:
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _atoms(item, choices)
        return
    if type(value) in choices:
        yield type(value)
    if not isinstance(value, pydantic.BaseModel) and isinstance(value, Hashable) and value in choices:
        yield value


@dataclass
class _Usage:
    written: set[str] = field(default_factory=set)  # `Class.field` written in some file
    seen: dict[str, set[Atom]] = field(default_factory=dict)  # `Class.field` → the choices it took

    def walk(self, value: Any) -> None:
        if isinstance(value, pydantic.BaseModel):
            cls = type(value)
            for name, info in cls.model_fields.items():
                key, field_value = _owner(cls, name), getattr(value, name)
                if name in value.model_fields_set:
                    self.written.add(key)
                self.seen.setdefault(key, set()).update(_atoms(field_value, _choices(info.annotation)))
                self.walk(field_value)
            if isinstance(value, rotation_types.ScheduledPeriod):  # holders are checked when the schedule expands
                self.walk([_holder(item) for item in _holder_values(value.assignments)])
        elif isinstance(value, (list, tuple)):
            for item in value:
                self.walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                self.walk(item)


def _holder_values(value: Any) -> Iterator[Any]:
    """The holders written in a period's assignments: person ids and {person: …} mappings."""
    if isinstance(value, list):
        for item in value:
            yield from _holder_values(item)
    elif isinstance(value, dict) and "person" not in value:
        for item in value.values():
            yield from _holder_values(item)
    else:
        yield value


def _holder(value: Any) -> rotation_types.Holder:
    return rotation_types.Holder.model_validate(value if isinstance(value, dict) else {"person": value})


@functools.cache
def _project() -> Project:
    return load_project(FIXTURE)


@functools.cache
def _usage() -> _Usage:
    project = _project()
    usage = _Usage()
    for collection in (project.people, project.teams, project.rotations, project.templates, project.checklists,
                       project.common_tasks):
        usage.walk(list(collection.values()))
    return usage


def test_the_fixture_writes_every_field_of_every_model_class() -> None:
    declared = {_owner(cls, name) for cls in _model_classes() for name in cls.model_fields}
    assert len(declared) > 100
    assert sorted(declared - _usage().written) == []


def test_the_fixture_takes_every_literal_value_weekday_flag_and_union_member() -> None:
    """Each field takes each of its Literal values, both values of a flag and each member of a union; each
    enum member (every weekday) is taken by some field."""
    missing: dict[str, list[str]] = {}
    enum_members: set[Atom] = set()
    seen_anywhere = set().union(*_usage().seen.values())
    for cls in _model_classes():
        for name, info in cls.model_fields.items():
            key, choices = _owner(cls, name), _choices(info.annotation)
            enum_members |= {choice for choice in choices if isinstance(choice, Enum)}
            left = {choice for choice in choices if not isinstance(choice, Enum)} - _usage().seen.get(key, set())
            if left:
                missing[key] = sorted(map(str, left))
    assert missing == {}
    assert set(fields.Weekday) <= enum_members
    assert sorted(map(str, enum_members - seen_anywhere)) == []
    assert set(_usage().seen["Template.kind"]) == set(typing.get_args(content_types.Template.model_fields[
        "kind"].annotation))  # the introspection does see Literals


def _schema_shapes(schema: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every shape the rotation schema lets a role's holder take, as a path: ("per shift", "list", "person id")."""
    if "anyOf" in schema:
        for option in schema["anyOf"]:
            yield from _schema_shapes(option, path)
    elif schema.get("type") == "array":
        yield from _schema_shapes(schema["items"], (*path, "list"))
    elif schema.get("type") == "object" and isinstance(schema.get("additionalProperties"), dict):
        yield from _schema_shapes(schema["additionalProperties"], (*path, "per shift"))
    elif schema.get("type") == "object":
        yield (*path, "{person: …}")
    else:
        assert schema.get("type") == "string", schema
        yield (*path, "person id")


def _value_shapes(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(value, list):
        for item in value:
            yield from _value_shapes(item, (*path, "list"))
    elif isinstance(value, dict) and "person" in value:
        yield (*path, "{person: …}")
    elif isinstance(value, dict):
        for item in value.values():
            yield from _value_shapes(item, (*path, "per shift"))
    else:
        yield (*path, "person id")


def test_the_fixture_writes_every_shape_a_role_holder_can_take() -> None:
    schema = rotation_types.Rotation.model_json_schema(by_alias=True)
    period = next(definition for name, definition in schema["$defs"].items() if name == "ScheduledPeriod")
    allowed = set(_schema_shapes(period["additionalProperties"]))
    assert len(allowed) >= 6
    written: set[tuple[str, ...]] = set()
    kinds: set[tuple[bool, bool]] = set()
    per_segment_forms: set[str] = set()
    for rotation in _project().rotations.values():
        kinds |= {(role.per_shift, role.per_segment) for role in rotation.roles}
        for period_ in rotation.schedule:
            for role_id, value in period_.assignments.items():
                written |= set(_value_shapes(value))
                role = rotation.role(role_id)
                assert role is not None
                if role.per_segment:
                    holders = value.values() if role.per_shift else [value]
                    per_segment_forms |= {"a list" if isinstance(h, list) else "one for every segment" for h in holders}
    assert sorted(allowed - written) == []
    # Roles held per period, per daily shift, per segment, or per shift and segment; a per-segment role's
    # holder written once (every segment) or as a list.
    assert kinds == {(False, False), (True, False), (False, True), (True, True)}
    assert per_segment_forms == {"a list", "one for every segment"}


def test_the_fixture_is_valid_as_of_its_pinned_now_with_every_rule_and_several_time_zones() -> None:
    now = build_time({"SOURCE_DATE_EPOCH": EPOCH_FILE.read_text(encoding="utf-8").strip()})
    report = validate(_project(), now)
    assert [finding.format() for finding in report.findings] == []
    project = _project()
    assert len(project.teams) >= 5 and len(project.rotations) >= 4 and len(project.people) >= 20
    assert len({rotation.handoff.timezone for rotation in project.rotations.values()}) == len(project.rotations)
    # "now" falls inside every rotation's schedule, so the content tests see someone on duty everywhere.
    for rotation_id, expansion in report.expansions.items():
        assert any(span.start <= now < span.end for span in expansion.periods), rotation_id
