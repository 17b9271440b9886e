"""The content-project fixture (templates, checklists, common tasks) loaded as of the build date, plus
helpers to run page Markdown through the site's Markdown extensions and to read the resulting HTML."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown

from macros.model.loader import load_project
from macros.model.project import Project
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion
from site_fixture import BUILD_NOW, FIXTURES

ROOT = FIXTURES / "content-project"
GOLDEN = Path(__file__).resolve().parent / "golden" / "content-project"
# The extensions of mkdocs.yml that matter for raw HTML, headings and lists.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]

__all__ = ["BUILD_NOW", "ROOT", "assert_golden", "content", "elements", "to_html"]


@cache
def content() -> tuple[Project, dict[str, Expansion]]:
    project = load_project(ROOT)
    report = validate(project, BUILD_NOW)
    assert report.findings == [], [f.format() for f in report.findings]
    return project, report.expansions


def to_html(page_markdown: str) -> str:
    return str(markdown.markdown(page_markdown, extensions=EXTENSIONS))


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/content-project/<name>; UPDATE_GOLDEN=1 rewrites the file (then read it!)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _Collector(HTMLParser):
    VOID = {"input", "br", "img", "hr", "meta", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs})
        for parent in self.open:
            parent.children.append(element)
        self.found.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def elements(html: str, tag: str, css_class: str | None = None) -> list[Element]:
    """Every `tag` element (with `css_class` among its classes), with its text content (entities decoded)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return [
        e for e in collector.found
        if e.tag == tag and (css_class is None or css_class in e.attrs.get("class", "").split())
    ]
