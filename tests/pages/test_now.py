"""The "On duty now" page as built: who is on duty at the build, the channel header, the script's hooks."""

from __future__ import annotations

import html

from content_fixture import elements, to_html
from macros.pages.now import channel_header, now_page, person_card
from macros.schedule.onduty import duty_at
from pages_fixture import BUILD_NOW, EVIL_NAME, assert_golden, at, links, pages


def header_at(rotation: str, *moment: int) -> str:
    project, expansions = pages()
    return channel_header(project, duty_at(expansions[rotation], at(*moment)))


def test_the_page_matches_its_golden_file() -> None:
    project, expansions = pages()
    assert_golden("now.md", now_page(project, expansions, BUILD_NOW, links("now.md")))


def test_channel_header_names_each_role_and_the_handoff_in_the_rotation_zone() -> None:
    assert header_at("sustain", 2026, 11, 20, 12) == (
        "On duty: Lead @ana · Primary @cy · Backup @ben, until Mon 23 Nov 09:00 Europe/Berlin"
    )
    # During the override Gus is primary until Thursday 17:00.
    assert header_at("sustain", 2026, 11, 11, 12) == (
        "On duty: Lead @ana · Primary @gus · Backup @cy, until Thu 12 Nov 17:00 Europe/Berlin"
    )


def test_channel_header_for_daily_shifts_gaps_and_the_end() -> None:
    assert header_at("desk", 2026, 11, 20, 12) == "On duty: Agent (Early) @eve, until Fri 20 Nov 14:00 America/New_York"
    assert header_at("desk", 2026, 11, 20, 4) == "On duty: no one, until Fri 20 Nov 06:00 America/New_York"
    assert header_at("desk", 2026, 12, 10) == "On duty: no one scheduled"


def test_every_rotation_has_a_block_with_its_roles_for_the_script() -> None:
    project, expansions = pages()
    page = to_html(now_page(project, expansions, BUILD_NOW, links("now.md")))
    blocks = elements(page, "div", "duty-rotation")
    assert [(b.attrs["data-duty-rotation"], b.attrs["data-duty-zone"]) for b in blocks] == [
        ("desk", "America/New_York"),
        ("sustain", "Europe/Berlin"),
    ]
    roles = [e.attrs["data-duty-role"] for e in elements(page, "div", "duty-role")]
    assert roles == ["agent", "lead", "primary", "backup"]
    status = elements(page, "p", "duty-status")[0]
    assert status.attrs["data-duty-schedule"] == "../api/schedule.json"
    assert status.attrs["data-duty-built"] == "2026-11-20T12:00:00Z"
    assert "As of the last build, Fri 20 Nov 2026, 12:00 UTC." in status.text


def test_the_copy_button_carries_the_header_text_exactly() -> None:
    project, expansions = pages()
    page = to_html(now_page(project, expansions, BUILD_NOW, links("now.md")))
    headers = [e.text for e in elements(page, "code")]
    buttons = [e.attrs["data-clipboard-text"] for e in elements(page, "button", "duty-copy")]
    assert headers == buttons == [header_at("desk", 2026, 11, 20, 12), header_at("sustain", 2026, 11, 20, 12)]


def test_handoff_line_in_zone_and_utc_without_a_relative_time() -> None:
    project, expansions = pages()
    page = to_html(now_page(project, expansions, BUILD_NOW, links("now.md")))
    lines = [e.text for e in elements(page, "p", "duty-handoff")]
    assert lines[1] == "Next hand-off: Mon 23 Nov 09:00 Europe/Berlin (Mon 23 Nov 08:00 UTC)."  # a countdown only live
    times = [e.attrs["datetime"] for e in elements(page, "time")]
    assert times == ["2026-11-20T19:00:00Z", "2026-11-23T08:00:00Z"]


def test_past_the_end_says_no_one_is_scheduled() -> None:
    project, expansions = pages()
    page = to_html(now_page(project, expansions, at(2027, 1, 5), links("now.md")))
    lines = [e.text for e in elements(page, "p", "duty-handoff")]
    assert lines == ["No one is scheduled. The schedule has ended: add periods to the rotation's data file."] * 2
    assert [e.text for e in elements(page, "p", "duty-none")] == ["nobody"] * 8


def test_the_last_stretch_says_when_the_schedule_ends() -> None:
    project, expansions = pages()
    page = to_html(now_page(project, expansions, at(2026, 12, 2, 12), links("now.md")))
    line = elements(page, "p", "duty-handoff")[0].text
    assert line == (
        "The schedule ends Wed 2 Dec 10:00 America/New_York (Wed 2 Dec 15:00 UTC); "
        "no one is scheduled after that."
    )


def test_a_name_with_html_is_text_everywhere_on_the_page() -> None:
    project, expansions = pages()
    source = now_page(project, expansions, BUILD_NOW, links("now.md"))
    assert "<img src=x" not in source
    page = to_html(source)
    assert "<img" not in page
    names = [a.text for a in elements(page, "a") if a.attrs.get("href") == "../people/mallory/"]
    assert names == [EVIL_NAME, EVIL_NAME]  # the "next" card and the template


def test_person_card_has_avatar_link_handle_and_team() -> None:
    project, _ = pages()
    card = person_card(project, "ana", links("now.md"))
    assert '<a href="../people/ana/">Ana Lead</a>' in card
    assert '<span class="duty-person__meta">@ana · Core ops</span>' in card
    assert html.unescape(card).count("<svg") == 1
