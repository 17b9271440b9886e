"""The "On duty now" page as built: who is on duty at the build, the channel header, the script's hooks."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from content_fixture import elements, to_html
from macros.model.findings import DataError
from macros.pages.now import channel_header, channel_headers, now_page, person_card
from pages_fixture import BUILD_NOW, EVIL_NAME, ROOT, assert_golden, at, links, pages


def header_at(rotation: str, *moment: int) -> str:
    project, expansions = pages()
    return channel_header(project, expansions[rotation], at(*moment))


def test_the_page_matches_its_golden_file() -> None:
    project, expansions = pages()
    assert_golden("now.md", now_page(project, expansions, BUILD_NOW, links("now.md")))


def test_channel_header_names_the_whole_team_of_the_segment_until_it_ends() -> None:
    assert header_at("sustain", 2026, 11, 20, 12) == (
        "Sustain: Lead @ana · Primary @cy · Backup @ben, until Mon 23 Nov 09:00 Europe/Berlin"
    )
    # During Gus's one-day cover the header still names the week's team: it is pasted once a week.
    assert header_at("sustain", 2026, 11, 11, 12) == (
        "Sustain: Lead @ana · Primary @ben · Backup @cy, until Mon 16 Nov 09:00 Europe/Berlin"
    )


def test_channel_header_names_every_daily_shift_at_any_hour_and_says_when_nobody_is_scheduled() -> None:
    whole_week = "Help desk: Agent (Early) @eve · Agent (Late) @mallory, until Wed 25 Nov 10:00 America/New_York"
    assert header_at("desk", 2026, 11, 20, 12) == whole_week
    assert header_at("desk", 2026, 11, 20, 4) == whole_week  # between the daily shifts, not "nobody"
    assert header_at("desk", 2026, 12, 10) == "Help desk: no one scheduled"


def test_the_rotation_sets_the_header_format(tmp_path: Path) -> None:
    from fixture_project import load
    from macros.schedule.expansion import expand_rotation

    rotation = (ROOT / "data/rotations/sustain.yml").read_text(encoding="utf-8")
    custom = rotation.replace("roles:", 'channel_header: "SET {{team}} · {holders} (to {until})"\nroles:', 1)
    project = load(tmp_path, {"data/rotations/sustain.yml": custom})
    assert channel_header(project, expand_rotation(project, "sustain"), at(2026, 11, 20, 12)) == (
        "SET {team} · Lead @ana · Primary cy · Backup @ben (to Mon 23 Nov 09:00 Europe/Berlin)"
    )  # cy is not in this small project's roster: named by id


def test_a_header_format_may_not_reach_into_python(tmp_path: Path) -> None:
    from fixture_project import load

    rotation = (ROOT / "data/rotations/sustain.yml").read_text(encoding="utf-8")
    for bad in ("{holders.__class__}", "{holders!r}", "{team}", "{holders:>99}"):
        custom = rotation.replace("roles:", f'channel_header: "{bad}"\nroles:', 1)
        with pytest.raises(DataError) as caught:
            load(tmp_path / str(abs(hash(bad))), {"data/rotations/sustain.yml": custom})
        assert [f.message for f in caught.value.findings] == [
            "the channel header may use only {rotation}, {holders} and {until}"
        ]


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


def test_the_page_carries_the_headers_from_a_few_weeks_before_the_build_to_a_quarter_after() -> None:
    import datetime as dt
    import json

    project, expansions = pages()
    moment = at(2026, 10, 20, 12)  # the fixture's schedule runs from October to December
    page = to_html(now_page(project, expansions, moment, links("now.md")))
    block = next(b for b in elements(page, "div", "duty-rotation") if b.attrs["data-duty-rotation"] == "sustain")
    headers = json.loads(block.attrs["data-duty-headers"])
    starts = [dt.datetime.fromisoformat(start) for start, _, _ in headers]
    ends = [dt.datetime.fromisoformat(end) for _, end, _ in headers]
    assert min(ends) > moment - dt.timedelta(weeks=4) and max(starts) < moment + dt.timedelta(weeks=13)
    assert headers[0][2] == "Sustain: Lead @ana · Primary @ben · Backup @cy, until Mon 19 Oct 09:00 Europe/Berlin"
    assert block.attrs["data-duty-header-none"] == "Sustain: no one scheduled"


def test_headers_between_two_instants_are_those_of_every_header_that_overlaps_them() -> None:
    project, expansions = pages()
    for rotation_id, expansion in expansions.items():
        every = channel_headers(project, expansion)
        assert every, rotation_id
        for since, until in [(at(2026, 10, 20, 12), at(2026, 11, 20, 12)), (at(2026, 11, 16, 9), at(2026, 11, 16, 9)),
                             (at(2026, 11, 11, 12), at(2026, 11, 11, 12)), (at(2030, 1, 1), at(2030, 2, 1))]:
            between = channel_headers(project, expansion, (since, until))
            # The selection keeps whole periods: what the page then keeps of them is the same either way.
            assert [h for h in between if h[1] > since and h[0] <= until] == [
                h for h in every if h[1] > since and h[0] <= until
            ], (rotation_id, since)
            assert set(between) <= set(every)
