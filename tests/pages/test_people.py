"""People pages: team, rotations, next shifts in the person's zone, calendar feed, public contact only."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from content_fixture import elements, to_html
from macros.model.loader import load_project
from macros.model.project import Project
from macros.model.reuse import Reuse
from macros.pages import people as people_module
from macros.pages.people import (
    people_files,
    people_index_markdown,
    person_page_markdown,
    roles_by_person,
    rotations_of,
)
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion
from macros.schedule.onduty import shifts_by_person
from pages_fixture import BUILD_NOW, EVIL_NAME, assert_golden, pages
from pages_fixture import ROOT as PAGES_ROOT


def body(markdown: str) -> tuple[dict[str, object], str]:
    _, header, rest = markdown.split("---\n", 2)
    return yaml.safe_load(header), rest


def test_ana_matches_the_golden_file() -> None:
    project, expansions = pages()
    assert_golden("person-ana.md", person_page_markdown(project, expansions, BUILD_NOW, "ana"))


def test_people_index_matches_the_golden_file() -> None:
    project, expansions = pages()
    assert_golden("people-index.md", people_index_markdown(project, expansions))


def test_only_public_contact_details_appear() -> None:
    project, expansions = pages()
    ana = person_page_markdown(project, expansions, BUILD_NOW, "ana")
    assert "ana@example.com" in ana and "1234" not in ana  # e-mail public, phone not
    dee = person_page_markdown(project, expansions, BUILD_NOW, "dee")
    assert "dee@example.com" not in dee


def test_front_matter_turns_macros_off_and_gives_a_safe_title() -> None:
    project, expansions = pages()
    meta, text = body(person_page_markdown(project, expansions, BUILD_NOW, "mallory"))
    assert meta == {
        "title": "‹img src=x onerror=alert(1)›",
        "render_macros": False,
        "sources": ["data/people/mallory.yml", "data/teams/desk.yml", "data/rotations"],
    }
    page = to_html(text)
    assert "<img" not in page
    assert elements(page, "h1")[0].text == EVIL_NAME


def test_next_shifts_in_the_person_zone_with_the_feed_link() -> None:
    project, expansions = pages()
    _, text = body(person_page_markdown(project, expansions, BUILD_NOW, "cy"))
    page = to_html(text)
    rows = [[c.text for c in row.children if c.tag == "td"] for row in elements(page, "tr")[1:]]
    assert rows == [
        ["Sustain", "Primary", "Mon 16 Nov 2026, 03:00 America/New_York", "Mon 23 Nov 2026, 03:00 America/New_York"],
        ["Sustain", "Backup", "Mon 7 Dec 2026, 03:00 America/New_York", "Mon 14 Dec 2026, 03:00 America/New_York"],
        ["Sustain", "Primary", "Mon 14 Dec 2026, 03:00 America/New_York", "Mon 21 Dec 2026, 03:00 America/New_York"],
    ]
    # The same subscribe links as the Calendar page: the feed, a webcal link and a copy button (calendar.js
    # fills in the absolute address), not a bare link that downloads the file.
    feed = [a for a in elements(page, "a") if a.attrs.get("href") == "../calendars/person/cy.ics"]
    assert [a.attrs.get("class") for a in feed] == ["duty-feed-link"]
    assert [a.text for a in elements(page, "a") if a.attrs.get("class") == "duty-feed-webcal"] == ["webcal"]
    assert [b.text for b in elements(page, "button") if "duty-feed-copy" in b.attrs.get("class", "")] == ["Copy link"]


def test_daily_shifts_and_covers_are_labelled() -> None:
    project, expansions = pages()
    def rows(person_id: str, day: int) -> list[list[str]]:
        _, text = body(person_page_markdown(project, expansions, BUILD_NOW.replace(day=day), person_id))
        return [[c.text for c in row.children if c.tag == "td"] for row in elements(to_html(text), "tr")[1:]]

    eve = rows("eve", 20)
    assert eve[0] == ["Help desk", "Agent (Early)", "Fri 20 Nov 2026, 06:00 America/New_York",
                      "Fri 20 Nov 2026, 14:00 America/New_York"]
    assert len(eve) == 6 and eve[-1][3] == "Wed 25 Nov 2026, 10:00 America/New_York"  # clipped at the hand-off
    gus = rows("gus", 10)
    assert gus[0] == ["Sustain", "Primary (cover)", "Wed 11 Nov 2026, 09:00 Europe/Berlin",
                      "Thu 12 Nov 2026, 17:00 Europe/Berlin"]


def test_time_off_shows_upcoming_absences() -> None:
    project, expansions = pages()
    _, ben = body(person_page_markdown(project, expansions, BUILD_NOW, "ben"))
    assert "## Time off\n\n- Thu 24 Dec 2026 – Thu 31 Dec 2026: Winter break\n" in ben


def test_someone_without_shifts_says_so() -> None:
    project, expansions = pages()
    _, dee = body(person_page_markdown(project, expansions, BUILD_NOW.replace(month=12, day=8), "dee"))
    assert "No shifts scheduled from now on." in dee


def test_rotations_of_lists_roles_in_role_order() -> None:
    _, expansions = pages()
    assert rotations_of(expansions, "ben") == {"sustain": ["primary", "backup"]}
    assert rotations_of(expansions, "gus") == {"sustain": ["primary", "backup"]}
    assert rotations_of(expansions, "mallory") == {"desk": ["agent"]}


def test_one_file_per_person_and_the_index() -> None:
    project, expansions = pages()
    files = people_files(project, expansions, BUILD_NOW)
    assert sorted(files) == sorted(["people/index.md"] + [f"people/{p}.md" for p in project.people])


def test_pages_made_from_the_shared_indexes_equal_pages_made_alone() -> None:
    project, expansions = pages()
    roles, shifts = roles_by_person(expansions), shifts_by_person(expansions)
    assert sum(map(len, shifts.values())) == sum(len(e.shifts) for e in expansions.values())
    for person_id in project.people:
        alone = person_page_markdown(project, expansions, BUILD_NOW, person_id)
        assert person_page_markdown(project, expansions, BUILD_NOW, person_id, roles=roles, shifts=shifts) == alone
    files = people_files(project, expansions, BUILD_NOW)
    assert files["people/index.md"] == people_index_markdown(project, expansions)


def test_with_reuse_an_edit_to_one_persons_file_makes_only_pages_that_read_it_again(tmp_path: Path) -> None:
    shutil.copytree(PAGES_ROOT / "data", tmp_path / "data")
    reuse = Reuse()
    last: dict[str, Expansion] = {}
    made: list[str] = []
    real = people_module.person_page_markdown

    def counting(project: Project, expansions: Mapping[str, Expansion], now: dt.datetime, person_id: str,
                 *args: Any, **kwargs: Any) -> str:
        made.append(person_id)
        return real(project, expansions, now, person_id, *args, **kwargs)

    def build() -> tuple[dict[str, str], dict[str, str]]:
        project = load_project(tmp_path, reuse_unchanged=True)
        expansions = validate(project, BUILD_NOW, last).expansions
        last.update(expansions)
        reuse.begin()
        made.clear()
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(people_module, "person_page_markdown", counting)
            kept = people_files(project, expansions, BUILD_NOW, reuse=reuse)
        return kept, people_files(project, expansions, BUILD_NOW)

    first, fresh = build()
    assert first == fresh and len(made) == 10
    again, fresh = build()
    assert again == fresh and made == []
    # Fay's name is on her own page (and the index) only: nobody else's page is made again.
    person = tmp_path / "data" / "people" / "fay.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("name: ", "name: Dr ", 1), encoding="utf-8")
    renamed, fresh = build()
    assert renamed == fresh and made == ["fay"]
    assert all(renamed[path] is again[path] for path in again if path not in ("people/fay.md", "people/index.md"))
    # A team's name is on the pages of its members.
    team = tmp_path / "data" / "teams" / "desk.yml"
    team.write_text(team.read_text(encoding="utf-8").replace("name: ", "name: The ", 1), encoding="utf-8")
    _, fresh = build()
    members = sorted(p.stem for p in (tmp_path / "data" / "people").glob("*.yml")
                     if "team: desk" in p.read_text(encoding="utf-8"))
    assert sorted(made) == members and members
