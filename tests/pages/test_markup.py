"""Escaping data for Markdown and HTML, links between pages, and the shared time formats."""

from __future__ import annotations

import datetime as dt
import html

import markdown
import pytest
import yaml

from macros.pages.markup import (
    Links,
    front_matter,
    page_title,
    safe_url,
    short_day,
    span_text,
    text,
    zoned,
    zoned_long,
)

UTC = dt.UTC
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]


def rendered(source: str) -> str:
    return str(markdown.markdown(source, extensions=EXTENSIONS))


@pytest.mark.parametrize(
    "value",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "*not emphasis* and _not either_",
        "[a link](javascript:alert(1))",
        "`code` | pipe { attr } #hash ~strike~ ^sup^ \\ back",
        "{{ jinja }} {% block %}",
        "Tom & Jerry's \"quote\"",
    ],
)
def test_text_shows_exactly_as_written_in_a_paragraph_and_a_table_cell(value: str) -> None:
    paragraph = rendered(text(value))
    assert paragraph.startswith("<p>") and "<img" not in paragraph and "<script" not in paragraph
    assert "<em>" not in paragraph and "<a " not in paragraph and "<code>" not in paragraph
    table = rendered(f"| a | b |\n| --- | --- |\n| {text(value)} | x |")
    assert table.count("<td>") == 2  # a `|` in the value did not split the cell
    # The browser decodes the character references back into the text.
    assert html.unescape(paragraph[3:-4]) == value


def test_text_is_one_line() -> None:
    assert text("two\nlines  and\tspaces") == "two lines and spaces"


def test_text_keeps_numeric_references_intact() -> None:
    assert text("O'Neil <b>") == "O&#39;Neil &lt;b&gt;"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.com/a?b=c", "https://example.com/a?b=c"),
        ("mailto:ana@example.com", "mailto:ana@example.com"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example.com", None),
        ('https://x.example.com/"onmouseover=', None),
        (None, None),
    ],
)
def test_safe_url_keeps_only_http_and_mailto(value: str | None, expected: str | None) -> None:
    assert safe_url(value) == expected


@pytest.mark.parametrize(
    ("page", "directory_urls", "root", "person", "home", "json"),
    [
        ("index.md", True, "", "people/ana/", "./", "api/schedule.json"),
        ("now.md", True, "../", "../people/ana/", "../", "../api/schedule.json"),
        ("rotations/sre-duty.md", True, "../../", "../../people/ana/", "../../", "../../api/schedule.json"),
        ("people/ana.md", True, "../../", "./", "../../", "../../api/schedule.json"),
        ("people/index.md", True, "../", "ana/", "../", "../api/schedule.json"),
        ("now.md", False, "", "people/ana.html", "index.html", "api/schedule.json"),
        ("rotations/sre-duty.md", False, "../", "../people/ana.html", "../index.html", "../api/schedule.json"),
    ],
)
def test_links_between_pages(page: str, directory_urls: bool, root: str, person: str, home: str, json: str) -> None:
    links = Links(page, directory_urls)
    assert links.root() == root
    assert links.url("people/ana.md") == person
    assert links.url("index.md") == home
    assert links.url("api/schedule.json") == json


def test_markdown_links_are_relative_source_paths() -> None:
    assert Links("rotations/sre-duty.md").md("people/ana.md") == "../people/ana.md"
    assert Links("now.md").md("calendars/person/ana.ics") == "calendars/person/ana.ics"


def test_time_formats_do_not_depend_on_the_locale() -> None:
    moment = dt.datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert zoned(moment, "Europe/Berlin") == "Mon 30 Nov 09:00 Europe/Berlin"
    assert zoned(moment, "America/New_York") == "Mon 30 Nov 03:00 America/New_York"
    assert zoned(moment, "Australia/Sydney") == "Mon 30 Nov 19:00 Australia/Sydney"
    assert zoned_long(moment, "UTC") == "Mon 30 Nov 2026, 08:00 UTC"
    assert short_day(dt.date(2027, 1, 3)) == "Sun 3 Jan 2027"


def test_span_text() -> None:
    assert span_text(2, 0) == "2 weeks"
    assert span_text(1, 3) == "1 week 3 days"
    assert span_text(0, 1) == "1 day"


def test_page_titles_hold_nothing_html_acts_on() -> None:
    # Material prints `page.title | striptags`, which decodes entities: `&lt;/title&gt;` would close <title>.
    assert page_title("</title><script>alert(1)</script>") == "‹/title›‹script›alert(1)‹/script›"
    assert page_title("A &lt; B\nand C") == "A ＆lt; B and C"


def test_front_matter_is_yaml_with_a_safe_title_and_no_macros() -> None:
    header = front_matter('Ana "the lead" <b>')
    assert header.startswith("---\n") and header.endswith("---\n\n")
    assert yaml.safe_load(header.strip("-\n")) == {"title": "Ana \"the lead\" ‹b›", "render_macros": False}
