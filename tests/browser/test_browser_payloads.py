"""Hostile text in the data stays text: HTML, script, event handlers, `javascript:` links, Markdown and Jinja tricks.

The data of two fixtures (content-project: templates, checklists, common tasks; calendar-project: daily
shifts and segments) is merged, and every text field the model declares (plain text, Markdown, URLs:
found by walking the model, so a field added later is covered too) gets a payload, filled in where the
fixture left an optional one out. The site is built strictly, then:

- no page runs a planted script in Chromium (no `window.__pwned`, no dialog, no uncaught error), even when
  every link in the content area is clicked; no page asks another host for anything;
- no built page has a `javascript:`-like link target or a planted event-handler attribute;
- the payload shows as text: the page's visible text contains it literally, Jinja is not evaluated (a
  payload that would create a file does not), neither in the `<title>`, the navigation nor the search index;
- every calendar feed is still read by the four independent parsers, no line break in the data makes an
  event, and every JSON file is valid JSON that holds the payload as a string;
- control characters, which no output can carry, are refused at load time in every one of those fields.

A rotation gets a hand-written page (as teams write them), so its name from the data becomes that page's
navigation title and `<title>`: the path by which a name once reached the template engine.
"""

from __future__ import annotations

import html.parser
import json
import shutil
import subprocess
import sys
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Union

import icalendar
import pytest
import yaml
from browser_fixture import PageLog, Site
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ical_parsers import with_ical, with_icalendar, with_ics, with_vobject
from macros.model.findings import DataError
from macros.model.loader import FOLDERS, load_project
from macros.model.yamldoc import parse_text
from site_fixture import FIXTURES, build_env, copy_site

if typing.TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

MARK = "window.__pwned"
# Each part would set window.__pwned (or evaluate Jinja, or write a file) if it were not kept as text.
PAYLOAD_PARTS = (
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "\"><svg onload=\"window.__pwned='svg'\">",
    "[md link](javascript:window.__pwned='md')",
    "<a href=\"javascript:window.__pwned='a'\">a link</a>",
    "![md image](x\" onerror=\"window.__pwned='mdimg')",
    # `javascript:` as browsers still read it: entities, a tab or line break inside the scheme.
    "[entity](java&#115;cript:window.__pwned='entity')",
    "[colon](javascript&colon;window.__pwned='colon')",
    "[hex](&#x6A;avascript:window.__pwned='hex')",
    "[tab](<java\tscript:window.__pwned='tab'>)",
    "[newline](<java\nscript:window.__pwned='newline'>)",
    "{{ 7*191 }} {% raw %}",
    "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "</script><script>window.__pwned='breakout'</script>",
    # ICS injection: a line break would end the property and start an event of its own.
    "\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected\n",
)
PAYLOAD = " ".join(PAYLOAD_PARTS)
JINJA_TEXT = "{{ 7*191 }}"
URL_PAYLOAD = "javascript:window.__pwned='url'"
JINJA_RESULT = "1337"  # 7*191: must never appear, the braces must
URL_FIELDS = {"url"}


def _constrained(metadata: Any) -> bool:
    if isinstance(metadata, FieldInfo):  # Field(pattern=...) inside Annotated keeps its checks in .metadata
        return any(_constrained(inner) for inner in metadata.metadata)
    return bool(getattr(metadata, "pattern", None)) or type(metadata).__name__.endswith("Validator")


def _text_annotation(annotation: Any) -> bool:
    """`str` (possibly Optional or Annotated) with no pattern and no validator."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return not any(_constrained(m) for m in metadata) and _text_annotation(base)
    if origin is Union or isinstance(annotation, types.UnionType):
        arguments = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return len(arguments) == 1 and _text_annotation(arguments[0])
    return annotation is str


def _is_free_text(info: Any) -> bool:
    """A text field: names, titles, notes, Markdown, URLs, contact details (not ids, zones, handles, paths)."""
    return _text_annotation(info.annotation) and not any(_constrained(m) for m in info.metadata)


def _items(annotation: Any) -> list[Any]:
    """The item annotations of a list field (unions flattened), or [] for a field that is not a list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _items(typing.get_args(annotation)[0])
    if origin is Union or isinstance(annotation, types.UnionType):
        return [item for arg in typing.get_args(annotation) for item in _items(arg)]
    if origin is list:
        (item,) = typing.get_args(annotation)
        if typing.get_origin(item) is Union or isinstance(item, types.UnionType):
            return list(typing.get_args(item))
        return [item]
    return []


def _model_of(annotation: Any) -> type[BaseModel] | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_of(typing.get_args(annotation)[0])
    if origin is Union or isinstance(annotation, types.UnionType):
        return next((m for m in map(_model_of, typing.get_args(annotation)) if m is not None), None)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def plant(
    value: Any, model: type[BaseModel], counter: list[int], payload: str = PAYLOAD, url_payload: str = URL_PAYLOAD
) -> Any:
    """`value` (a file's plain data for `model`) with a payload in every free-text field, added where absent."""
    if not isinstance(value, dict):
        return value
    result = dict(value)
    for name, info in model.model_fields.items():
        key = info.alias or name
        if _is_free_text(info):
            counter[0] += 1
            if name in URL_FIELDS:
                result[key] = url_payload
            elif isinstance(result.get(key), str):
                result[key] = f"{result[key]} {payload}"
            elif key not in result:
                result[key] = f"field {counter[0]} {payload}"
            continue
        if key not in result:
            continue
        items = _items(info.annotation)
        if items and isinstance(result[key], list):
            text_items = any(_text_annotation(item) for item in items)
            item_model = next((m for m in map(_model_of, items) if m is not None), None)
            planted = []
            for item in result[key]:
                if isinstance(item, str) and text_items:
                    counter[0] += 1
                    item = f"{item} {payload}"
                elif isinstance(item, dict) and item_model is not None:
                    item = plant(item, item_model, counter, payload, url_payload)
                planted.append(item)
            result[key] = planted
        elif (inner := _model_of(info.annotation)) is not None:
            result[key] = plant(result[key], inner, counter, payload, url_payload)
    if model.__name__ == "ScheduledPeriod":  # role keys hold {person, reason}: the reason is free text too
        fields = {info.alias or name for name, info in model.model_fields.items()}
        for key, holder in list(result.items()):
            if isinstance(holder, str) and key not in fields:
                result[key] = {"person": holder, "reason": payload}
    return result


def payload_data(target: Path, payload: str = PAYLOAD, url_payload: str = URL_PAYLOAD) -> int:
    """Merge the two fixtures' data into `target/data` with payloads planted; return how many fields got one."""
    data = target / "data"
    shutil.rmtree(data, ignore_errors=True)
    for fixture in ("calendar-project", "content-project"):  # content-project's ops team wins
        shutil.copytree(FIXTURES / fixture / "data", data, dirs_exist_ok=True)
    counter = [0]
    for folder, model in FOLDERS.items():
        for file in sorted((data / folder).glob("*.yml")):
            plain = parse_text(file.read_text(encoding="utf-8"), file.name).data
            planted = plant(plain, model, counter, payload, url_payload)
            file.write_text(yaml.safe_dump(planted, sort_keys=False, allow_unicode=False), encoding="utf-8")
    return counter[0]


HAND_WRITTEN_ROTATION = """\
---
owner: ops
review_by: 2099-01-01
---
# Ops duty

Titled: {{ page.title }}

{{ rotation_facts() }}

{{ rotation_roles() }}
"""


def _as_browser_reads(url: str) -> str:
    """A URL as the WHATWG URL parser sees its scheme: leading and trailing C0 controls and spaces trimmed,
    tab and line breaks removed anywhere, lower case (a space inside `java script:` makes it a relative path)."""
    controls = "".join(map(chr, range(33)))
    return "".join(ch for ch in url.strip(controls) if ch not in "\t\n\r").lower()


class _Links(html.parser.HTMLParser):
    """Link targets and event-handler attributes of one page (values already entity-decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and value:
                self.targets.append(_as_browser_reads(value))
            if name.startswith("on") and value and "__pwned" in value:
                self.handlers.append(f"<{tag} {name}={value!r}>")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = copy_site(tmp_path_factory.mktemp("payloads") / "handbook", "content-project")
    assert payload_data(root) > 50
    (root / "docs/rotations/ops-duty.md").write_text(HAND_WRITTEN_ROTATION, encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
        cwd=root, env=build_env(), capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr[-6000:]
    # Not --strict: the Markdown image trick is, to MkDocs, a relative link to a missing page, which it
    # rightly reports (a broken link in a Markdown field fails `make site` like one in docs/). Any other
    # warning is a finding of this test.
    warnings = [line for line in build.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert [line for line in warnings if "contains a link 'x\" onerror=" not in line] == []
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "0", "--directory", str(root / "site")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port NNNNN (http://127.0.0.1:NNNNN/) ..."
    port = line.split(" port ")[1].split()[0]
    try:
        yield Site(root / "site", f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_text_field_got_a_payload() -> None:
    # The walk finds the model's text fields: a few that must be among them.
    from macros.model.types import Absence, Channel, Person, Role, Template

    assert _is_free_text(Person.model_fields["name"]) and _is_free_text(Template.model_fields["body"])
    assert _is_free_text(Channel.model_fields["url"]) and _is_free_text(Absence.model_fields["note"])
    assert _is_free_text(Role.model_fields["description"])
    assert not _is_free_text(Person.model_fields["handle"]) and not _is_free_text(Person.model_fields["team"])
    assert not _is_free_text(Person.model_fields["timezone"]) and not _is_free_text(Person.model_fields["picture"])


def test_no_planted_script_runs_in_chromium(
    payload_site: Site, new_context: Callable[..., BrowserContext], page_log: PageLog
) -> None:
    page = page_log.watch(new_context().new_page())
    pages = payload_site.pages()
    assert len(pages) > 10
    ran: dict[str, Any] = {}
    for path in pages:
        page.goto(payload_site.url(path), wait_until="load")
        page.wait_for_timeout(50)
        value = page.evaluate(f"() => {MARK}")
        if value is not None:
            ran[path] = value
    assert ran == {}
    assert [p for p in page_log.problems() if "dialog" in p or "uncaught" in p] == []


def test_payloads_show_as_text(payload_site: Site, new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    shown = 0
    for path in payload_site.pages():
        page.goto(payload_site.url(path), wait_until="load")
        text = page.inner_text("body")
        assert JINJA_RESULT not in text, f"{path}: Jinja in the data was evaluated"
        shown += text.count("<script>window.__pwned='script'</script>")
    assert shown > 10, "the payload should be visible, as text, on the pages that show the data"


def test_no_jinja_payload_ran_at_build_time(payload_site: Site) -> None:
    assert not (payload_site.directory.parent / "PWNED").exists(), "the build ran a command written in the data"


def test_name_is_verbatim_in_title_navigation_and_search_index(
    payload_site: Site, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context().new_page()
    page.goto(payload_site.url("rotations/ops-duty/"), wait_until="load")
    # `<`, `>` and `&` become lookalikes in titles (MkDocs prints titles unescaped); the rest is verbatim.
    assert JINJA_TEXT in page.title() and JINJA_RESULT not in page.title()
    navigation = page.inner_text("nav.md-nav--primary")
    assert "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}" in navigation
    assert JINJA_RESULT not in navigation
    assert "Titled: Ops duty" in page.inner_text("article")  # `{{ page.title }}` prints the name as text
    index = json.loads((payload_site.directory / "search/search_index.json").read_text(encoding="utf-8"))
    titles = [entry["title"] for entry in index["docs"]]
    assert any(JINJA_TEXT in title for title in titles)
    assert not any(JINJA_RESULT in entry["title"] + entry["text"] for entry in index["docs"])


def test_clicking_every_link_in_the_content_runs_nothing_and_asks_no_other_host(
    payload_site: Site, new_context: Callable[..., BrowserContext], page_log: PageLog
) -> None:
    page = page_log.watch(new_context().new_page())
    clicked, ran = 0, {}
    for path in payload_site.pages():
        page.goto(payload_site.url(path), wait_until="load")
        # Every link is clicked. Following one to a web address or a mail program runs nothing, so those
        # clicks are stopped (the page stays, and the next links can be clicked); any other scheme, which is
        # where script could run, is let through.
        count = page.evaluate(
            """() => {
                const harmless = ['http:', 'https:', 'mailto:'];
                window.addEventListener('click', (event) => {
                    const link = event.target.closest('a');
                    if (link && harmless.includes(link.protocol)) {
                        event.preventDefault();
                        event.stopImmediatePropagation();
                    }
                }, true);
                const links = [...document.querySelectorAll('.md-content a[href]')];
                for (const link of links) { link.removeAttribute('target'); link.click(); }
                return links.length;
            }"""
        )
        clicked += count
        page.wait_for_timeout(100)
        value = page.evaluate(f"() => {MARK}")
        if value is not None:
            ran[path] = value
    assert ran == {}
    assert clicked > 50, "the content should hold links to click"
    assert [p for p in page_log.problems() if "dialog" in p or "uncaught" in p or "another host" in p] == []


def test_no_page_has_a_script_link_or_planted_handler(payload_site: Site) -> None:
    bad: list[str] = []
    for file in sorted(payload_site.directory.rglob("*.html")):
        links = _Links()
        links.feed(file.read_text(encoding="utf-8"))
        relative = file.relative_to(payload_site.directory).as_posix()
        bad += [f"{relative}: {t}" for t in links.targets if t.startswith(("javascript:", "vbscript:", "data:text"))]
        bad += [f"{relative}: {h}" for h in links.handlers]
    assert bad == []


def test_every_feed_is_read_by_the_four_parsers(payload_site: Site) -> None:
    feeds = sorted(payload_site.directory.rglob("*.ics"))
    assert feeds
    for feed in feeds:
        data = feed.read_bytes()
        counts = {parser.__name__: len(parser(data)) for parser in (with_icalendar, with_ical, with_vobject, with_ics)}
        assert len(set(counts.values())) == 1, f"{feed.name}: the parsers disagree: {counts}"


def test_control_characters_are_refused_in_every_text_field(tmp_path: Path) -> None:
    # No output can carry them (RFC 5545 forbids them in TEXT): the loader refuses each, at its field.
    for character in ("\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\r"):
        planted = payload_data(tmp_path, f"name{character}part", f"https://example.org/{character}x")
        with pytest.raises(DataError) as refused:
            load_project(tmp_path)
        flagged = [f for f in refused.value.findings if f.rule == "text"]
        # At least one finding per planted field (a period's reasons are planted beyond the count).
        assert len(flagged) >= planted, f"U+{ord(character):04X}: {len(flagged)} of {planted} fields refused"
        assert refused.value.findings == flagged


def test_feeds_and_json_stay_valid_and_hold_the_payload(payload_site: Site) -> None:
    feeds = sorted(payload_site.directory.rglob("*.ics"))
    documents = sorted(payload_site.directory.rglob("*.json"))
    assert feeds and documents
    carried = 0
    for feed in feeds:
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        for event in calendar.walk("VEVENT"):
            assert str(event.get("SUMMARY", "")) != "injected", f"{feed.name}: a line break in the data made an event"
            carried += sum("window.__pwned='script'" in str(event.get(key, "")) for key in ("SUMMARY", "DESCRIPTION"))
    for document in documents:
        if document.name == "search_index.json" or "schemas" in document.parts:
            continue
        json.loads(document.read_text(encoding="utf-8"))
        carried += document.read_text(encoding="utf-8").count("window.__pwned='script'")
    assert carried > 0, "the payload should travel into the feeds and JSON as text"
