"""Hostile text in the data stays text: HTML, script, event handlers, `javascript:` links, Markdown and Jinja tricks.

The data of two fixtures (content-project: templates, checklists, common tasks; calendar-project: daily
shifts and segments) is merged, and every text field the model declares (plain text, Markdown, URLs:
found by walking the model, so a field added later is covered too) gets a payload, filled in where the
fixture left an optional one out. The site is built strictly, then:

- no page runs a planted script in Chromium (no `window.__pwned`, no dialog, no uncaught error);
- no built page has a `javascript:`-like link target or a planted event-handler attribute;
- the payload shows as text: the page's visible text contains it literally, Jinja is not evaluated;
- every calendar feed still parses, and every JSON file is valid JSON that holds the payload as a string.
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

from macros.model.loader import FOLDERS
from macros.model.yamldoc import parse_text
from site_fixture import FIXTURES, build_env, copy_site

if typing.TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

MARK = "window.__pwned"
# One string with every trick; each part would set window.__pwned (or evaluate Jinja) if it were not text.
PAYLOAD = (
    "<script>window.__pwned='script'</script>"
    " <img src=x onerror=\"window.__pwned='img'\">"
    " \"><svg onload=\"window.__pwned='svg'\">"
    " [md link](javascript:window.__pwned='md')"
    " <a href=\"javascript:window.__pwned='a'\">a link</a>"
    " ![md image](x\" onerror=\"window.__pwned='mdimg')"
    " {{ 7*191 }} {% raw %}"
    " </script><script>window.__pwned='breakout'</script>"
    " \r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\n"
)
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


def plant(value: Any, model: type[BaseModel], counter: list[int]) -> Any:
    """`value` (a file's plain data for `model`) with a payload in every free-text field, added where absent."""
    if not isinstance(value, dict):
        return value
    result = dict(value)
    for name, info in model.model_fields.items():
        key = info.alias or name
        if _is_free_text(info):
            counter[0] += 1
            if name in URL_FIELDS:
                result[key] = URL_PAYLOAD
            elif isinstance(result.get(key), str):
                result[key] = f"{result[key]} {PAYLOAD}"
            elif key not in result:
                result[key] = f"field {counter[0]} {PAYLOAD}"
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
                    item = f"{item} {PAYLOAD}"
                elif isinstance(item, dict) and item_model is not None:
                    item = plant(item, item_model, counter)
                planted.append(item)
            result[key] = planted
        elif (inner := _model_of(info.annotation)) is not None:
            result[key] = plant(result[key], inner, counter)
    if model.__name__ == "ScheduledPeriod":  # role keys hold {person, reason}: the reason is free text too
        fields = {info.alias or name for name, info in model.model_fields.items()}
        for key, holder in list(result.items()):
            if isinstance(holder, str) and key not in fields:
                result[key] = {"person": holder, "reason": PAYLOAD}
    return result


def payload_data(target: Path) -> int:
    """Merge the two fixtures' data into `target/data` with payloads planted; return how many fields got one."""
    data = target / "data"
    shutil.rmtree(data, ignore_errors=True)
    for fixture in ("calendar-project", "content-project"):  # content-project's ops team wins
        shutil.copytree(FIXTURES / fixture / "data", data, dirs_exist_ok=True)
    counter = [0]
    for folder, model in FOLDERS.items():
        for file in sorted((data / folder).glob("*.yml")):
            plain = parse_text(file.read_text(encoding="utf-8"), file.name).data
            planted = plant(plain, model, counter)
            file.write_text(yaml.safe_dump(planted, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return counter[0]


class _Links(html.parser.HTMLParser):
    """Link targets and event-handler attributes of one page (values already entity-decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and value:
                self.targets.append("".join(ch for ch in value if ch > " ").lower())
            if name.startswith("on") and value and "__pwned" in value:
                self.handlers.append(f"<{tag} {name}={value!r}>")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = copy_site(tmp_path_factory.mktemp("payloads") / "handbook", "content-project")
    assert payload_data(root) > 50
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


def test_no_page_has_a_script_link_or_planted_handler(payload_site: Site) -> None:
    bad: list[str] = []
    for file in sorted(payload_site.directory.rglob("*.html")):
        links = _Links()
        links.feed(file.read_text(encoding="utf-8"))
        relative = file.relative_to(payload_site.directory).as_posix()
        bad += [f"{relative}: {t}" for t in links.targets if t.startswith(("javascript:", "vbscript:", "data:text"))]
        bad += [f"{relative}: {h}" for h in links.handlers]
    assert bad == []


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
