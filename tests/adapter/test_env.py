"""The page macros: the rotations table (escaped data) and the reference generated from the model."""

from __future__ import annotations

import re
import textwrap
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import pytest
from pydantic import BaseModel

from macros.adapter import build_cache
from macros.adapter.env import anchor, data_reference, define_env, plain, rotations_table
from macros.adapter.page_context import HandbookDataError
from macros.model.loader import FOLDERS, load_project
from macros.model.types import Handoff, Rotation
from macros.pages.macro_catalog import HANDBOOK_MACROS

XSS = "<img src=x onerror=alert(1)>"

FILES = {
    "data/teams/ops.yml": "name: Ops\n",
    "data/people/ada.yml": "name: Ada\nhandle: ada\nteam: ops\ntimezone: Europe/Berlin\n",
    "data/rotations/night.yml": f"""\
        name: "{XSS}"
        period: {{weeks: 2}}
        segment: {{weeks: 1}}
        handoff: {{weekday: wednesday, time: 10:30, timezone: America/New_York}}
        roles:
          - {{id: captain, title: "*Captain* | of the ship", per_segment: true}}
          - {{id: mate, title: First mate, required: false}}
        schedule:
          - start: 2026-11-04
            captain: ada
        """,
    "data/rotations/quiet.yml": """\
        name: Quiet
        period: {weeks: 1, days: 3}
        handoff: {weekday: monday, time: "09:00", timezone: UTC}
        roles:
          - {id: duty, title: Duty}
        """,
}


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def to_html(text: str) -> str:
    return str(markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"]))


def test_plain_shows_markup_literally() -> None:
    assert plain(XSS) == "&lt;img src=x onerror=alert(1)&gt;"
    assert plain("*a* | [b](c){d} `e` ~f_ \\ &") == (
        "&#42;a&#42; &#124; &#91;b&#93;(c)&#123;d&#125; &#96;e&#96; &#126;f&#95; &#92; &amp;"
    )
    assert plain("two\nlines") == "two lines"


def test_rotations_table_rows(tmp_path: Path) -> None:
    table = rotations_table(load_project(write(tmp_path, FILES)))
    assert table.splitlines() == [
        "| Rotation | Period | Hand-off | Roles | Schedule ends |",
        "| --- | --- | --- | --- | --- |",
        "| &lt;img src=x onerror=alert(1)&gt; | 2 weeks, in parts of 1 week | Wednesday 10:30 (America/New&#95;York) "
        "| &#42;Captain&#42; &#124; of the ship (<code>captain</code>)<br>First mate (<code>mate</code>), optional "
        "| 2026-11-18 10:30 |",
        "| Quiet | 1 week 3 days | Monday 09:00 (UTC) | Duty (<code>duty</code>) | no periods yet |",
    ]


def test_rotations_table_renders_data_as_text_not_html(tmp_path: Path) -> None:
    html = to_html(rotations_table(load_project(write(tmp_path, FILES))))
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>" not in html  # `*Captain*` stays literal
    assert all(row.count("<td>") == 5 for row in re.findall(r"<tr>.*?</tr>", html, re.S)[1:])


def test_rotations_table_without_rotations(tmp_path: Path) -> None:
    project = load_project(write(tmp_path, {"data/teams/ops.yml": "name: Ops\n"}))
    assert rotations_table(project) == "*No rotations yet: add one under `data/rotations/`.*"


def reachable_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    queue: list[Any] = list(FOLDERS.values())
    while queue:
        item = queue.pop(0)
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item in found:
                continue
            found.append(item)
            queue += [field.annotation for field in item.model_fields.values()]
        else:
            queue += list(typing.get_args(item))
    return found


def sections(reference: str) -> dict[str, str]:
    """The reference split at its headings, by the heading's `{#anchor}`."""
    parts = re.split(r"^#{3,4} .*\{#([a-z-]+)\}$", reference, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_reference_has_a_table_for_every_model_and_a_row_for_every_key() -> None:
    by_anchor = sections(data_reference())
    models = reachable_models()
    assert sorted(by_anchor) == sorted(anchor(model) for model in models)
    for model in models:
        for name, info in model.model_fields.items():
            assert f"\n| `{info.alias or name}` | " in by_anchor[anchor(model)], (model.__name__, name)


def test_reference_rows_come_from_the_model() -> None:
    handoff = sections(data_reference())[anchor(Handoff)]
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    weekdays = ", ".join(f"`{day}`" for day in days)
    assert (
        f"| `weekday` | one of {weekdays} | **required** | {Handoff.model_fields['weekday'].description} |" in handoff
    )
    assert f"| `time` | time `HH:MM` | **required** | {Handoff.model_fields['time'].description} |" in handoff
    rotation = sections(data_reference())[anchor(Rotation)]
    assert "| `handoff` | [Handoff](#data-handoff) | **required** |" in rotation
    assert "| `roles` | list of [Role](#data-role) (at least 1 item) | **required** |" in rotation


def test_reference_uses_the_keys_people_write() -> None:
    reference = data_reference()
    assert "| `from` | date `YYYY-MM-DD` | **required** |" in reference  # alias of Absence.start
    assert "| `max-consecutive` | [Max consecutive](#data-maxconsecutive) |" in reference
    assert "| *role id* |" in reference  # ScheduledPeriod's extra keys


def test_reference_renders_to_tables_with_anchors() -> None:
    html = to_html(data_reference())
    assert '<h3 id="data-rotation">Rotations</h3>' in html
    assert '<h4 id="data-handoff">Handoff</h4>' in html
    assert html.count("<table>") == len(reachable_models())


class FakeEnv:
    """Stands in for the macros plugin: records what `define_env` registers."""

    def __init__(self, project_dir: Path) -> None:
        self.project_dir = str(project_dir)
        self.macros: dict[str, Callable[..., Any]] = {}

    def macro(self, v: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.macros[name or v.__name__] = v
        return v


def test_define_env_registers_macros_and_loads_nothing_yet(tmp_path: Path) -> None:
    env = FakeEnv(tmp_path)  # no data/ at all: registering must not look for it
    define_env(env)
    assert {"data_reference", "rotations_table"} <= set(env.macros)
    assert env.macros["data_reference"]() == data_reference()


def test_define_env_registers_exactly_the_catalogued_macros(tmp_path: Path) -> None:
    """The page checks know a macro by the catalogue: it must be what a page can really call."""
    env = FakeEnv(tmp_path)
    define_env(env)
    assert set(env.macros) == set(HANDBOOK_MACROS)


VALID = {
    "data/teams/ops.yml": "name: Ops\n",
    "data/people/ada.yml": "name: Ada\nhandle: ada\nteam: ops\ntimezone: Europe/Berlin\n",
    "data/rotations/quiet.yml": """\
        name: Quiet
        period: {weeks: 1}
        handoff: {weekday: monday, time: "09:00", timezone: UTC}
        roles:
          - {id: duty, title: Duty}
        rules:
          coverage: {horizon_days: 0}
        schedule:
          - {start: 2026-11-02, duty: ada}
        """,
}


def test_macros_read_the_data_when_called(tmp_path: Path) -> None:
    build_cache.clear()
    env = FakeEnv(write(tmp_path, VALID))
    define_env(env)
    assert "| Quiet | 1 week | Monday 09:00 (UTC) | Duty (<code>duty</code>) | 2026-11-09 09:00 |" in env.macros[
        "rotations_table"
    ]().splitlines()


def test_macros_refuse_data_with_errors(tmp_path: Path) -> None:
    build_cache.clear()
    env = FakeEnv(write(tmp_path, {**VALID, "data/teams/ops.yml": "name: Ops\nnmae: Ops\n"}))
    define_env(env)
    with pytest.raises(HandbookDataError, match=re.escape("data/teams/ops.yml:2:1: error[schema]: unknown key 'nmae'")):
        env.macros["rotations_table"]()
