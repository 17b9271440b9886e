"""The Templates page in Chromium: live filling, exact copies, prefills, and text that stays text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from browser_fixture import BUILD_NOW, PageLog, Site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_fixture import content
from macros.model.types import TemplateField
from macros.pages.template_fill import copy_text, fill, segments

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

UTC = dt.UTC
FRIDAY_NOON = BUILD_NOW  # 2026-11-20 12:00 UTC: ops-duty's lead is Ada Example (period from Mon 16 Nov)


@pytest.fixture
def site(site_for: Callable[[str], Site]) -> Site:
    return site_for("content-project")


def open_templates(page: Page, site: Site, moment: dt.datetime = FRIDAY_NOON) -> None:
    page.clock.install(time=moment)
    page.goto(site.url("templates/"))
    page.wait_for_selector('#hb-template-status-update[data-hb-ready="1"]')


def clipboard(page: Page) -> str:
    return str(page.evaluate("navigator.clipboard.readText()"))


def shown_text(page: Page, template_id: str) -> str:
    return str(page.locator(f"#hb-template-{template_id} .hb-template__text").inner_text())


def test_filling_the_fields_and_copying_puts_exactly_the_text_on_the_clipboard(
    page: Page, page_log: PageLog, site: Site
) -> None:
    open_templates(page, site)
    form = page.locator("#hb-template-status-update")
    form.get_by_label("Bugs resolved").fill("12 (3 for customers)")
    form.get_by_label("Next tickets").fill("OPS-1 login fails\n- OPS-2 export slow\n\n  OPS-3 typo  \n")
    form.get_by_label("Board link").fill("https://example.org/board")
    form.get_by_label("Notes").fill("Quiet week.   \nNothing else.\n\n")
    expected = (
        "#status set-update-2026-11-20\n"
        "Status from Ada Example for 2026-11-13 to 2026-11-20\n"
        "\n"
        "Bugs resolved: 12 (3 for customers)\n"
        "Next in the queue:\n"
        "- OPS-1 login fails\n"
        "- OPS-2 export slow\n"
        "- OPS-3 typo\n"
        "Board: https://example.org/board\n"
        "\n"
        "Notes:\n"
        "Quiet week.\n"
        "Nothing else."
    )
    assert shown_text(page, "status-update") == expected  # the text updates as you type
    form.get_by_role("button", name="Copy text").click()
    expect_status(page, "status-update", "Copied.")
    # The copy joins the lines the template wrapped; lists and the lines the reader typed stay.
    assert clipboard(page) == (
        "#status set-update-2026-11-20 Status from Ada Example for 2026-11-13 to 2026-11-20\n"
        "\n"
        "Bugs resolved: 12 (3 for customers) Next in the queue:\n"
        "- OPS-1 login fails\n"
        "- OPS-2 export slow\n"
        "- OPS-3 typo\n"
        "Board: https://example.org/board\n"
        "\n"
        "Notes: Quiet week.\n"
        "Nothing else."
    )
    assert page_log.problems() == []


def expect_status(page: Page, template_id: str, text: str) -> None:
    page.wait_for_function(
        "([id, text]) => document.querySelector(`#hb-template-${id} .hb-template__status`).textContent === text",
        arg=[template_id, text],
    )


def test_a_numbered_list_and_an_inline_list_copy_as_written(page: Page, page_log: PageLog, site: Site) -> None:
    open_templates(page, site)
    form = page.locator("#hb-template-more-info")
    form.get_by_label("Reporter's name").fill("  Sam  Reporter ")
    form.get_by_label("What was tried").fill("a restart\nthe docs")
    form.get_by_label("Steps to run").fill("1. collect the logs\n2. send them")
    form.get_by_role("button", name="Copy text").click()
    expect_status(page, "more-info", "Copied.")
    assert clipboard(page) == (
        "Hi Sam Reporter,\n\n"
        "Thanks for the report. You tried: a restart, the docs. Please run these steps and send us the output:\n"
        "  1. collect the logs\n"
        "  2. send them\n\n"
        "Thanks!"
    )
    assert page_log.problems() == []


def test_dates_are_the_viewers_own(
    new_context: Callable[..., BrowserContext], page_log: PageLog, site: Site
) -> None:
    # 12:00 UTC on Friday is already 01:00 on Saturday in Auckland.
    page = page_log.watch(new_context(timezone_id="Pacific/Auckland").new_page())
    open_templates(page, site)
    form = page.locator("#hb-template-status-update")
    assert form.get_by_label("Date").input_value() == "2026-11-21"
    assert form.get_by_label("Since").input_value() == "2026-11-14"
    assert shown_text(page, "status-update").startswith("#status set-update-2026-11-21\n")
    assert page_log.problems() == []


def test_the_lead_comes_from_the_schedule_at_the_viewers_now(page: Page, page_log: PageLog, site: Site) -> None:
    # Tuesday after the hand-off: Bo leads now, although the page was built when Ada did.
    open_templates(page, site, dt.datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    lead = page.locator("#hb-template-status-update").get_by_label("Lead")
    page.wait_for_function("() => document.querySelector('#hb-status-update-lead').value === 'Bo Sample'")
    assert lead.input_value() == "Bo Sample"
    assert page_log.problems() == []


def test_without_the_schedule_file_the_builds_answer_is_used(
    page: Page, page_log: PageLog, site: Site
) -> None:
    requested: list[str] = []

    def refuse(route: Route) -> None:
        requested.append(route.request.url)
        route.fulfill(status=404, body="gone")

    page.route("**/api/schedule.json", refuse)
    open_templates(page, site, dt.datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    page.wait_for_timeout(300)
    assert requested == [site.url("api/schedule.json")]
    assert page.locator("#hb-status-update-lead").input_value() == "Ada Example"
    # The 404 itself is logged by the browser; nothing else may be.
    assert [p for p in page_log.problems() if "404" not in p] == []


def test_a_field_you_typed_in_is_not_overwritten_and_clear_restores_prefills(
    page: Page, page_log: PageLog, site: Site
) -> None:
    open_templates(page, site)
    lead = page.locator("#hb-status-update-lead")
    lead.fill("Someone Else")
    page.locator("#hb-status-update-resolved").fill("3")
    assert "Status from Someone Else for" in shown_text(page, "status-update")
    page.locator("#hb-template-status-update").get_by_role("button", name="Clear fields").click()
    page.wait_for_function("() => document.querySelector('#hb-status-update-lead').value === 'Ada Example'")
    assert page.locator("#hb-status-update-resolved").input_value() == ""
    assert "Bugs resolved: [[resolved]]" in shown_text(page, "status-update")
    assert page_log.problems() == []


def test_a_template_with_script_and_jinja_renders_as_text(page: Page, page_log: PageLog, site: Site) -> None:
    project, _ = content()
    template = project.templates["verbatim"]
    open_templates(page, site)
    assert page.evaluate("typeof window.hbInjected") == "undefined"
    assert shown_text(page, "verbatim") == fill(template.body, template.fields, {})
    heading = page.locator("#template-verbatim").evaluate("h => h.firstChild.textContent")
    assert heading.strip() == "<b>Raw</b> {{ page.title }} *stars*"  # (the permalink ¶ comes after it)
    form = page.locator("#hb-template-verbatim")
    form.locator("input").fill("<b>x</b>")
    assert "{{ <b>x</b> }}" in shown_text(page, "verbatim")
    form.get_by_role("button", name="Copy text").click()
    expect_status(page, "verbatim", "Copied.")
    assert clipboard(page) == copy_text(template.body, template.fields, {"who": "<b>x</b>"})
    assert page.evaluate("typeof window.hbInjected") == "undefined"
    assert page.locator("#hb-template-verbatim b, #hb-template-verbatim script, #hb-template-verbatim img").count() == 0
    assert page_log.dialogs == []
    assert page_log.problems() == []


VALUE_SETS: list[dict[str, str]] = [
    {},
    {"*": "plain"},
    {"*": "  spaced \t out  \r\n next line \n"},
    {"*": "- one\r\n\r\n* two\n3. three\n\u2022 four\n+\tfive\n\n"},
    {"*": "\u00a0non-breaking\u00a0\n  indented\n\n\nlast   "},
    {"*": "{{ x }} {% y %} <script>alert(1)</script> [[who]] **b**"},
]


def _values(fields: list[dict[str, Any]], template: dict[str, str]) -> dict[str, str]:
    return {f["id"]: template["*"] for f in fields} if "*" in template else {}


@pytest.mark.parametrize("value_set", range(len(VALUE_SETS)))
def test_the_script_fills_exactly_like_template_fill(page: Page, site: Site, value_set: int) -> None:
    project, _ = content()
    open_templates(page, site)
    for template_id, template in project.templates.items():
        config = json.loads(str(page.locator(f"#hb-template-{template_id}").get_attribute("data-hb-template")))
        values = _values(config["fields"], VALUE_SETS[value_set])
        in_browser = page.evaluate(
            "([body, fields, values]) => window.handbookTemplates.fill(body, fields, values)",
            [config["body"], config["fields"], values],
        )
        assert in_browser == fill(template.body, template.fields, values), template_id
        copied = page.evaluate(
            "([body, fields, values]) => window.handbookTemplates.copyText(body, fields, values)",
            [config["body"], config["fields"], values],
        )
        assert copied == copy_text(template.body, template.fields, values), template_id


def test_instant_navigation_sets_up_the_page_it_shows(
    page: Page, page_log: PageLog, site_for: Callable[..., Site]
) -> None:
    site = site_for("content-project", instant=True)
    page.clock.install(time=FRIDAY_NOON)
    page.goto(site.url(""))
    page.evaluate("window.hbSamePage = true")  # gone if the browser loads a new document
    page.locator(".md-tabs a").filter(has_text="Runbooks").first.click()  # the group opens on Templates
    page.wait_for_selector('#hb-template-status-update[data-hb-ready="1"]')
    assert page.evaluate("window.hbSamePage") is True  # Material swapped the content in place
    assert page.locator("#hb-status-update-lead").input_value() == "Ada Example"
    page.locator(".md-sidebar--primary a.md-nav__link:visible").filter(has_text="Checklists").first.click()
    page.wait_for_selector('#hb-checklist-handover[data-hb-ready="1"]')
    assert page.evaluate("window.hbSamePage") is True
    assert page_log.problems() == []


PIECES = st.sampled_from(
    [*"ab -*+1.)\t\n\r{}[]<>|#\u00a0\u2022", "[[x]]", "[[y]]", "10. ", "- ", "# ", "```", "[[if x]]", "[[end x]]"]
)
TEXT = st.lists(PIECES, max_size=30).map("".join)
KINDS = st.sampled_from(["text", "multiline", "url", "date", "list"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=TEXT, x=TEXT, y=TEXT, kind_x=KINDS, kind_y=KINDS)
def test_the_script_and_template_fill_agree_on_any_text(
    page: Page, site: Site, body: str, x: str, y: str, kind_x: str, kind_y: str
) -> None:
    if page.url == "about:blank":
        page.goto(site.url("templates/"))
    fields = [{"id": "x", "type": kind_x}, {"id": "y", "type": kind_y}]
    values = {"x": x, "y": y}
    in_browser = page.evaluate(
        "([body, fields, values]) => window.handbookTemplates.segments(body, fields, values)", [body, fields, values]
    )
    models = [TemplateField.model_validate({"label": field["id"], **field}) for field in fields]
    expected = [{"text": s.text, "field": s.field, "filled": s.filled} for s in segments(body, models, values)]
    assert in_browser == expected
    copied = page.evaluate(
        "([body, fields, values]) => window.handbookTemplates.copyText(body, fields, values)", [body, fields, values]
    )
    assert copied == copy_text(body, models, values)
