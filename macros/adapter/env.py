"""The macros the pages call: `rotations_table()` and `data_reference()`.

Registered by `define_env` (the macros plugin's entry point, reached through `macros/__init__.py`).
Data is never loaded here at import or registration time: each macro asks `build_cache.check`, which
re-reads `data/` only when a file changed, so a build loads it once however many pages use it.

Everything taken from the data is passed through `plain()`: shown as written, never interpreted as
HTML or Markdown. Only fields the model documents as Markdown may carry markup, and none of those is
used here. The reference tables are generated from the pydantic model, so the page cannot drift from it.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import asdict
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal, Protocol, Union

import annotated_types
from markupsafe import escape
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from macros.adapter import build_cache
from macros.adapter import calendar_macros as mkdocs_calendar
from macros.adapter import content_macros as mkdocs_content
from macros.adapter import duty_macros as mkdocs_pages
from macros.adapter.page_context import checked_data, remembered
from macros.model.loader import FOLDERS
from macros.model.project import Project
from macros.model.types import Ident, Markdown, Rotation, TimeZoneName
from macros.pages.markup import period_text
from macros.roster.examples import RosterExamples, roster_examples
from macros.roster.report import report_page
from macros.schedule.localtime import add_days


class MacrosEnv(Protocol):
    """The part of the macros plugin's environment we use."""

    @property
    def project_dir(self) -> str: ...

    def macro(self, v: Callable[..., Any], name: str = "") -> Callable[..., Any]: ...


def define_env(env: MacrosEnv) -> None:
    root = Path(env.project_dir)

    def project() -> Project:
        data = checked_data(root)
        assert data.project is not None
        return data.project

    env.macro(lambda: rotations_table(project()), "rotations_table")
    env.macro(data_reference, "data_reference")
    mkdocs_content.register(env, root)  # templates_page, checklists_page, common_tasks_page
    mkdocs_pages.register(env, root)  # duty_overview, duty_now, rotation_*, team_*

    def duty_report() -> str:
        data = checked_data(root)
        assert data.project is not None and data.report is not None
        make = partial(report_page, data.project, data.now, data.report.expansions)  # the check's expansions
        return remembered(env, root, "duty_report", (), make)

    env.macro(duty_report, "duty_report")
    mkdocs_calendar.register(env, root)  # calendar_feeds
    env.macro(lambda: roster_example_values(root), "roster_examples")


# Shown instead of ids when no rotation has two periods ahead (an empty schedule): the words say what goes there.
_ROSTER_PLACEHOLDERS = {name: name.upper().replace("_", "-") for name in RosterExamples.__dataclass_fields__}


def roster_example_values(root: Path) -> dict[str, str]:
    """The "Changing the roster" page's ids and dates, from the handbook's own data (`roster.examples`)."""
    data = checked_data(root)
    project, report = data.project, data.report
    assert project is not None and report is not None
    # Made from the whole data (each candidate is checked by every rule): kept while nothing in it changed.
    reuse = build_cache.reuse(root)
    make = partial(roster_examples, root, project, report.expansions, data.now, report.findings, reuse)
    examples = reuse.get("roster examples", data.identity, make)
    if examples is None:
        return dict(_ROSTER_PLACEHOLDERS)
    return {name: str(value) for name, value in asdict(examples).items()}


# --- escaping -------------------------------------------------------------------------------------

# Characters Markdown would act on inside a table cell, as numeric entities. markupsafe has already
# turned `&<>"'` into entities, whose `&#;` must stay as they are.
_MARKDOWN_ACTIVE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]|~"})


def plain(value: object) -> str:
    """Text from the data, safe in Markdown and HTML: displayed literally, on one line."""
    text = " ".join(str(value).split())
    return str(escape(text)).translate(_MARKDOWN_ACTIVE)


# --- rotations table (home page) ------------------------------------------------------------------


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def _handoff_cell(rotation: Rotation) -> str:
    handoff = rotation.handoff
    return f"{handoff.weekday.day_name} {handoff.time:%H:%M} ({plain(handoff.timezone)})"


def _roles_cell(rotation: Rotation) -> str:
    roles = []
    for role in rotation.roles:
        text = f"{plain(role.title)} (<code>{plain(role.id)}</code>)"
        roles.append(text if role.required else f"{text}, optional")
    return "<br>".join(roles)


def _schedule_end_cell(rotation: Rotation) -> str:
    if not rotation.schedule:
        return "no periods yet"
    last = rotation.schedule[-1].start
    end = add_days(last, rotation.period.total_days)
    return f"{end:%Y-%m-%d} {rotation.handoff.time:%H:%M}"


def rotations_table(project: Project) -> str:
    """A Markdown table of every rotation: name, period, hand-off, roles and where the schedule ends."""
    if not project.rotations:
        return "*No rotations yet: add one under `data/rotations/`.*"
    lines = [
        "| Rotation | Period | Hand-off | Roles | Schedule ends |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rotation in project.rotations.values():
        cells = [
            plain(rotation.name),
            period_text(rotation),
            _handoff_cell(rotation),
            _roles_cell(rotation),
            _schedule_end_cell(rotation),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --- data reference (Editing the data) ------------------------------------------------------------

_SCALARS: dict[Any, str] = {
    str: "text",
    int: "whole number",
    bool: "`true` or `false`",
    dt.date: "date `YYYY-MM-DD`",
    dt.time: "time `HH:MM`",
    dt.datetime: "date and time `YYYY-MM-DD HH:MM`",
}
_NAMED: list[tuple[Any, str]] = [(Markdown, "Markdown"), (Ident, "id"), (TimeZoneName, "time zone")]
_SECTION_TITLES = {"common-tasks": "Common tasks"}


def anchor(model: type[BaseModel]) -> str:
    return f"data-{model.__name__.lower()}"


def _title(model: type[BaseModel]) -> str:
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in model.__name__).strip()
    return words[:1].upper() + words[1:]


def _link(model: type[BaseModel]) -> str:
    return f"[{_title(model)}](#{anchor(model)})"


def type_text(annotation: Any) -> str:
    """How an annotation reads to someone editing YAML: "list of [Role](#data-role)", "time `HH:MM`"."""
    for named, text in _NAMED:
        if annotation == named:
            return text
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_text(args[0])
    if origin is Union or isinstance(annotation, types.UnionType):
        return " or ".join(type_text(arg) for arg in args if arg is not type(None))
    if origin is list:
        return f"list of {type_text(args[0])}"
    if origin is dict:
        return f"mapping of {type_text(args[0])} to {type_text(args[1])}"
    if origin is Literal:
        return "one of " + ", ".join(f"`{value}`" for value in args)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _link(annotation)
    return _SCALARS.get(annotation, "text")


def _limits(info: FieldInfo, annotation: Any) -> str:
    unit = "character" if annotation is str else "item"
    words = []
    for item in info.metadata:
        if isinstance(item, annotated_types.Ge):
            words.append(f"at least {item.ge}")
        elif isinstance(item, annotated_types.Gt):
            words.append(f"more than {item.gt}")
        elif isinstance(item, annotated_types.Le):
            words.append(f"at most {item.le}")
        elif isinstance(item, annotated_types.Lt):
            words.append(f"less than {item.lt}")
        elif isinstance(item, annotated_types.MinLen):
            words.append(f"at least {_plural(item.min_length, unit)}")
        elif isinstance(item, annotated_types.MaxLen):
            words.append(f"at most {_plural(item.max_length, unit)}")
    return f" ({', '.join(words)})" if words else ""


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    return str(value)


def _default_text(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    value = info.get_default(call_default_factory=True)
    if value is None:
        return "optional"
    if isinstance(value, BaseModel):
        return "optional (defaults in its table)"
    return f"optional, default `{_yaml_value(value)}`"


def _cell(text: str) -> str:
    """A description written in the model (trusted Markdown) made safe for a table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _nested(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _nested(arg)


def _model_table(model: type[BaseModel]) -> list[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    rows = ["| Key | Type | Required / default | Description |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        type_cell = type_text(hints.get(name, info.annotation)) + _limits(info, info.annotation)
        rows.append(f"| `{key}` | {type_cell} | {_default_text(info)} | {_cell(info.description or '')} |")
    if model.model_config.get("extra") == "allow":
        extra = model.model_config.get("json_schema_extra")
        schema = extra.get("additionalProperties", {}) if isinstance(extra, dict) else {}
        description = schema.get("description", "") if isinstance(schema, dict) else ""
        rows.append(f"| *role id* | holder (see description) | optional | {_cell(str(description))} |")
    return rows


def _doc(model: type[BaseModel]) -> str:
    doc = model.__dict__.get("__doc__") or ""
    return " ".join(doc.split())


@cache  # made from the model's classes alone: the same for every build of the process
def data_reference(level: int = 3) -> str:
    """One table per kind of file (`data/<folder>/`) and per nested part, generated from the model."""
    lines: list[str] = []
    seen: set[type[BaseModel]] = set()
    for folder, model in FOLDERS.items():
        queue = [model]
        seen.add(model)
        while queue:
            current = queue.pop(0)
            heading = "#" * (level if current is model else level + 1)
            if current is model:
                title = _SECTION_TITLES.get(folder, folder.capitalize())
                lines += [f"{heading} {title} {{#{anchor(current)}}}", ""]
            else:
                lines += [f"{heading} {_title(current)} {{#{anchor(current)}}}", ""]
            if _doc(current):
                lines += [_doc(current), ""]
            lines += [*_model_table(current), ""]
            hints = typing.get_type_hints(current, include_extras=True)
            for name in current.model_fields:
                for part in _nested(hints[name]):
                    if part not in seen:
                        seen.add(part)
                        queue.append(part)
    return "\n".join(lines).rstrip() + "\n"
