"""Every template of the example handbook, filled in and copied in Chromium, gives the expected clipboard.

Generic: it walks whatever templates `data/` holds. The expected text is worked out here from the YAML by
rules written down independently of `macros/pages/template_fill.py` (each field gets a one-line value, so
every line break in the result is one the template wrote): optional parts kept or dropped, blanks
replaced, trailing white space dropped, and lines joined within a paragraph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from browser_fixture import PageLog, Site

from macros.model.loader import load_project
from macros.model.types import Template, TemplateField
from site_fixture import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Page

TEMPLATES = load_project(REPO).templates
MARK_LINE = re.compile(r"^[ \t]*(\[\[(?:if|end) [a-z0-9-]+\]\])[ \t]*(?:\n|$)", re.MULTILINE)
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d+[.)])[ \t]")
BLOCK_START = re.compile(r"^[ \t]*(?:[-*+•][ \t]|\d+[.)][ \t]|#{1,6}(?:[ \t]|$)|>|\||```|~~~)")
BLOCK_END = re.compile(r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|\|)")
FENCE = re.compile(r"^[ \t]*(?:```|~~~)")


def value_for(field: TemplateField) -> str:
    """A one-line value the form accepts, different for every field."""
    if field.type == "date":
        return "2031-02-03"
    if field.type == "url":
        return f"https://example.org/{field.id}"
    return f"value of {field.id}"


def expected_copy(template: Template, values: dict[str, str]) -> str:
    text = MARK_LINE.sub(r"\1", template.body)  # a mark alone on its line takes the line with it
    for field in template.fields:
        keep = bool(values.get(field.id))
        pattern = re.compile(rf"\[\[if {field.id}\]\](.*?)\[\[end {field.id}\]\]", re.DOTALL)
        text = pattern.sub(lambda match, keep=keep: match.group(1) if keep else "", text)
    lines = []
    for line in text.split("\n"):
        for field in template.fields:
            blank = f"[[{field.id}]]"
            value = values.get(field.id, "")
            # A list blank with only indentation before it becomes a "- " item.
            if field.type == "list" and value and line.strip(" \t") == blank:
                value = "- " + value
            line = line.replace(blank, value) if value else line
        lines.append(line.rstrip(" \t"))
    return join_paragraphs("\n".join(lines).rstrip("\n"))


def join_paragraphs(text: str) -> str:
    lines = text.split("\n")
    code: list[bool] = []  # fence lines and the lines between them
    fenced = False
    for line in lines:
        fence = bool(FENCE.match(line))
        code.append(fenced or fence)
        fenced = fenced != fence
    out = [lines[0]]
    in_item = bool(LIST_ITEM.match(lines[0]))
    for index, line in enumerate(lines[1:], 1):
        previous = lines[index - 1]
        joins = (
            not code[index - 1]
            and not code[index]
            and previous.strip(" \t") != ""
            and line.strip(" \t") != ""
            and not BLOCK_END.match(previous)
            and not BLOCK_START.match(line)
            and not (in_item and not line.startswith((" ", "\t")))
        )
        if joins:
            out[-1] += " " + line.lstrip(" \t")
        else:
            out.append(line)
            in_item = bool(LIST_ITEM.match(line))
    return "\n".join(out)


def test_a_handbook_without_templates_says_so(page: Page, page_log: PageLog, example_site: Site) -> None:
    """Whatever the data holds, the Templates page shows exactly its templates (none is a valid handbook too)."""
    page.goto(example_site.url("templates/"))
    shown = page.locator("[data-hb-template]").count()
    assert shown == len(TEMPLATES)
    assert page_log.problems() == []


@pytest.mark.parametrize("optional_empty", [False, True], ids=["all-filled", "optional-empty"])
@pytest.mark.parametrize("template_id", list(TEMPLATES) or [None], ids=lambda value: value or "no-templates")
def test_the_copy_of_every_template(
    page: Page, page_log: PageLog, example_site: Site, template_id: str | None, optional_empty: bool
) -> None:
    if template_id is None:  # a handbook without templates: the page offers nothing to copy
        page.goto(example_site.url("templates/"))
        assert page.get_by_role("button", name="Copy text").count() == 0
        return
    template = TEMPLATES[template_id]
    values = {f.id: "" if optional_empty and f.optional else value_for(f) for f in template.fields}
    if page.url == "about:blank" or not page.url.endswith("/templates/"):
        page.clock.install(time=example_site.now)
        page.goto(example_site.url("templates/"))
    root = page.locator(f"#hb-template-{template_id}")
    root.locator("xpath=self::*[@data-hb-ready='1']").wait_for()
    for field_id, value in values.items():
        root.locator(f"#hb-{template_id}-{field_id}").fill(value)
    root.get_by_role("button", name="Copy text").click()
    page.wait_for_function(
        "el => el.querySelector('.hb-template__status').textContent === 'Copied.'", arg=root.element_handle()
    )
    copied = str(page.evaluate("navigator.clipboard.readText()"))
    assert copied == expected_copy(template, values)
    for field in template.fields:  # no blank and no optional mark is left behind
        assert f"[[{field.id}]]" not in copied and f"[[if {field.id}]]" not in copied
    assert page_log.problems() == []
