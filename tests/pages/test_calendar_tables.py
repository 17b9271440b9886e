"""The Calendar page's feed tables: every feed, links MkDocs can check, and names that stay text."""

from __future__ import annotations

from pathlib import Path

from calendar_fixture import load_fixture
from fixture_project import load
from macros.pages.calendar_tables import feed_tables, subscribe_links
from macros.pages.markup import Links


def test_without_the_sites_address_the_browser_fills_in_webcal_and_copy() -> None:
    cell = subscribe_links("calendars/person/ana.ics", Links("calendar.md"))
    assert cell == (
        '<span class="duty-feed">[https](calendars/person/ana.ics){ .duty-feed-link } · '
        '<a class="duty-feed-webcal" hidden>webcal</a> '
        '<button type="button" class="md-button duty-feed-copy" hidden>Copy link</button></span>'
    )


def test_with_the_sites_address_webcal_and_copy_work_without_javascript() -> None:
    cell = subscribe_links("calendars/person/ana.ics", Links("people/ana.md"), "https://duty.example.com/")
    assert cell == (
        '<span class="duty-feed">[https](../calendars/person/ana.ics){ .duty-feed-link } · '
        '<a class="duty-feed-webcal" href="webcal://duty.example.com/calendars/person/ana.ics">webcal</a> '
        '<button type="button" class="md-button duty-feed-copy" '
        'data-clipboard-text="https://duty.example.com/calendars/person/ana.ics">Copy link</button></span>'
    )


def test_the_tables_list_every_feed_under_its_kind() -> None:
    project, _ = load_fixture()
    text = feed_tables(project)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Rotations", "## People", "## Team meetings"]
    rows = [line for line in text.splitlines() if line.startswith("| ") and "duty-feed" in line]
    assert [row.split(" | ")[0] for row in rows] == [
        "| **Follow the Sun** (all roles)",
        "| &emsp;On call",
        "| **Sustained Engineering** (all roles)",
        "| &emsp;Lead",
        "| &emsp;Primary",
        "| &emsp;Backup",
        # Each person's exact feed, then the compact one (a rotation has daily shifts).
        "| Ana Ruiz",
        "| &emsp;Ana Ruiz (compact)",
        "| Ben Okafor",
        "| &emsp;Ben Okafor (compact)",
        "| Chloé Martin",
        "| &emsp;Chloé Martin (compact)",
        "| Dev Patel",
        "| &emsp;Dev Patel (compact)",
        "| Ida Lund",
        "| &emsp;Ida Lund (compact)",
        # The hostile name: one line, its backslash an entity, nothing Markdown could act on.
        "| Zoë, Jr.; back&#92;slash 🚀 END:VEVENT BEGIN:VEVENT UID:injected@evil",
        "| &emsp;Zoë, Jr.; back&#92;slash 🚀 END:VEVENT BEGIN:VEVENT UID:injected@evil (compact)",
        "| Core",
    ]


def test_markup_in_a_name_is_shown_as_text(tmp_path: Path) -> None:
    project = load(tmp_path, {"data/people/ana.yml": "name: <img src=x onerror=alert(1)> *[x](javascript:y)*\n"
                                                      "handle: ana\nteam: core\ntimezone: Europe/Berlin\n"})
    row = next(line for line in feed_tables(project).splitlines() if "person/ana.ics" in line)
    assert row.startswith("| &lt;img src=x onerror=alert(1)&gt; &#42;&#91;x&#93;(javascript:y)&#42; | ")


def test_a_handbook_without_data_says_so(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    project = load(tmp_path, {}, base=False)
    assert feed_tables(project) == "*No calendars yet: add a rotation, a person or a team meeting under `data/`.*\n"
