"""The Templates page: forms, verbatim text, and the on-duty names embedded as of the build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from content_fixture import BUILD_NOW, ROOT, assert_golden, content, elements, to_html
from macros.model.types import Template, TemplateField
from macros.pages.template_fill import fill
from macros.pages.templates import on_duty_names, template_widget, templates_page

SCHEDULE_URL = "../api/schedule.json"
UTC = dt.UTC


def page_html() -> str:
    project, expansions = content()
    return to_html("# Templates\n\n" + templates_page(project, expansions, BUILD_NOW, SCHEDULE_URL))


def test_the_page_matches_its_golden_file() -> None:
    project, expansions = content()
    assert_golden("templates.md", templates_page(project, expansions, BUILD_NOW, SCHEDULE_URL))


def test_each_template_text_survives_markdown_verbatim() -> None:
    project, _ = content()
    html = page_html()
    ids = [e.attrs["id"] for e in elements(html, "div", "hb-template")]
    texts = dict(zip(ids, [e.text for e in elements(html, "pre", "hb-template__text")], strict=True))
    assert set(texts) == {f"hb-template-{t}" for t in project.templates}
    for template_id, template in project.templates.items():
        # HTMLParser keeps the newline after <pre> that browsers drop.
        assert texts[f"hb-template-{template_id}"] == "\n" + fill(template.body, template.fields, {})


def test_jinja_html_and_markdown_characters_come_out_as_written() -> None:
    shown = next(e.text for e in elements(page_html(), "pre") if "config.site_name" in e.text)
    assert shown == (
        "\n{{ config.site_name }} {% if true %}yes{% endif %} {# comment #}\n"
        '<script>window.hbInjected = true; alert("template")</script>\n'
        '<img src=x onerror="window.hbInjected = true">\n'
        "**not bold** _not italic_ `not code` [not a link](https://example.org)\n"
        "# not a heading\n"
        "{braces} {{ [[who]] }} &amp; &lt; < >\n"
        "    indented line\n"
        "trailing spaces here"
    )
    html = page_html()
    assert "<script>" not in html and "<img src=x" not in html
    heading = elements(html, "h3", None)
    assert "<b>Raw</b> {{ page.title }} *stars*" in [h.text for h in heading]
    labels = [e.text for e in elements(html, "label")]
    assert "<i>Who</i> {{ x }}" in labels


def test_the_script_gets_body_fields_and_names_in_one_attribute() -> None:
    project, expansions = content()
    widgets = {e.attrs["id"]: e for e in elements(page_html(), "div", "hb-template")}
    config = json.loads(widgets["hb-template-status-update"].attrs["data-hb-template"])
    template = project.templates["status-update"]
    assert config["body"] == template.body
    assert config["rotation"] == "ops-duty"
    assert config["scheduleUrl"] == SCHEDULE_URL
    assert config["onDuty"] == {"lead": "Ada Example"}
    assert config["fields"][1] == {"id": "since", "type": "date", "prefill": "today", "offsetDays": -7, "role": None}


def test_inputs_match_the_field_types() -> None:
    project, _ = content()
    html = to_html(template_widget("status-update", project.templates["status-update"], {}, SCHEDULE_URL))
    inputs = {e.attrs["data-field"]: e.attrs.get("type", "textarea") for e in elements(html, "input")}
    inputs.update({e.attrs["data-field"]: "textarea" for e in elements(html, "textarea")})
    assert inputs == {
        "date": "date", "since": "date", "lead": "text", "resolved": "text",
        "next": "textarea", "board": "url", "notes": "textarea",
    }
    placeholder = next(e for e in elements(html, "input") if e.attrs["data-field"] == "resolved").attrs["placeholder"]
    assert placeholder == "e.g. 12 (3 for customers)"
    notes = [e.text for e in elements(html, "span", "hb-field__note")]
    assert notes == [
        "Filled with today's date.",
        "Filled with the date 7 days ago.",
        "Filled with whoever is on duty now.",
        "One item per line.",
    ]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2026, 11, 20, 12, 0, tzinfo=UTC), {"lead": "Ada Example"}),
        # The hand-off is Monday 09:00 Europe/Berlin (08:00 UTC): one minute before and one minute after.
        (dt.datetime(2026, 11, 23, 7, 59, tzinfo=UTC), {"lead": "Ada Example"}),
        (dt.datetime(2026, 11, 23, 8, 1, tzinfo=UTC), {"lead": "Bo Sample"}),
        (dt.datetime(2026, 12, 22, 12, 0, tzinfo=UTC), {"lead": "<img src=x onerror=alert(1)>"}),
        (dt.datetime(2027, 1, 4, 12, 0, tzinfo=UTC), {}),
    ],
    ids=["mid-period", "before-handoff", "after-handoff", "name-is-html", "past-the-end"],
)
def test_on_duty_names_follow_the_schedule(moment: dt.datetime, expected: dict[str, str]) -> None:
    project, expansions = content()
    assert on_duty_names(project, expansions, project.templates["status-update"], moment) == expected


def test_a_template_of_no_rotation_has_no_on_duty_names() -> None:
    project, expansions = content()
    assert on_duty_names(project, expansions, project.templates["verbatim"], BUILD_NOW) == {}


def test_an_html_name_stays_text_in_the_attribute() -> None:
    project, expansions = content()
    moment = dt.datetime(2026, 12, 22, 12, 0, tzinfo=UTC)
    html = to_html(templates_page(project, expansions, moment, SCHEDULE_URL))
    assert "<img src=x onerror=alert(1)>" not in html
    config = json.loads(elements(html, "div", "hb-template")[1].attrs["data-hb-template"])
    assert config["onDuty"] == {"lead": "<img src=x onerror=alert(1)>"}


def test_no_templates_gives_a_hint() -> None:
    project, expansions = content()
    empty = type(project.templates)("templates")
    bare = dataclasses.replace(project, templates=empty)
    assert templates_page(bare, expansions, BUILD_NOW, SCHEDULE_URL) == (
        "*No templates yet: add one under `data/templates/`.*\n"
    )


def test_templates_follow_the_order_the_rotation_lists_them(tmp_path: Path) -> None:
    from fixture_project import load
    from macros.schedule.expansion import expand_all

    rotation = (ROOT / "data/rotations/ops-duty.yml").read_text(encoding="utf-8")
    project = load(tmp_path, {
        "data/rotations/duty.yml": None,
        "data/rotations/ops-duty.yml": rotation.replace("\nroles:", "\ntemplates: [zz-last-by-name]\nroles:", 1),
        "data/templates/aa-first-by-name.yml": "title: A\nrotation: ops-duty\nbody: a\n",
        "data/templates/zz-last-by-name.yml": "title: Z\nrotation: ops-duty\nbody: z\n",
    })
    page = templates_page(project, expand_all(project), BUILD_NOW, SCHEDULE_URL)
    assert page.index("template-zz-last-by-name") < page.index("template-aa-first-by-name")


def test_replies_come_before_the_long_forms_each_in_the_order_given() -> None:
    project, expansions = content()
    by_id = dict(project.templates.by_id)
    # Long forms first in the data, replies last: the page turns that round and keeps each group's order.
    long_forms = [t for t, template in by_id.items() if template.kind != "reply"]
    replies = [t for t, template in by_id.items() if template.kind == "reply"]
    assert long_forms and replies
    reordered = {t: by_id[t] for t in [*long_forms, *reversed(replies)]}
    shuffled = dataclasses.replace(project, templates=type(project.templates)("templates", reordered))
    html = to_html(templates_page(shuffled, expansions, BUILD_NOW, SCHEDULE_URL))
    shown = [e.attrs["id"].removeprefix("hb-template-") for e in elements(html, "div", "hb-template")]
    rotations = {t: (reordered[t].rotation in project.rotations) for t in reordered}
    for in_rotation in (True, False):
        group = [t for t in shown if rotations[t] is in_rotation]
        expected = [t for t in [*reversed(replies), *long_forms] if rotations[t] is in_rotation]
        assert group == expected


def test_an_optional_field_says_so_and_its_part_is_left_out_of_the_shown_text() -> None:
    field = TemplateField(id="fix", label="Fix", type="list", optional=True)
    template = Template(title="T", fields=[field], body="Bug.\n\n[[if fix]]\nTry:\n- [[fix]]\n[[end fix]]\nBye\n")
    html = to_html(template_widget("t", template, {}, SCHEDULE_URL))
    assert [e.text for e in elements(html, "pre", "hb-template__text")] == ["\nBug.\n\nBye"]
    notes = [e.text for e in elements(html, "span", "hb-field__note")]
    assert notes == ["One item per line. Optional: left empty, the text that needs it is left out."]
