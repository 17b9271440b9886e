"""Shifts as calendar events: titles, descriptions, privacy, links, the window and data-derived UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_fixture import NOW, TRICKY_NAME, copy_fixture, load_fixture
from macros.feeds.event_content import EventContent
from macros.feeds.events import events_of, people_named, shift_events, shift_uids
from macros.feeds.settings import FeedSettings, Window
from macros.model.loader import load_project
from macros.model.reuse import Reuse
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion

UTC = dt.UTC


@pytest.fixture(scope="module")
def events() -> list[EventContent]:
    project, report = load_fixture()
    settings = FeedSettings()
    return shift_events(project, report.expansions, settings.window(NOW), settings)


def by_uid(events: list[EventContent]) -> dict[str, EventContent]:
    return {e.uid: e for e in events}


def test_titles_name_the_rotation_the_role_and_the_person(events: list[EventContent]) -> None:
    found = by_uid(events)
    assert found["sustained.lead.2026-11-16.all.s0.ana@duty-handbook"].summary == (
        "Sustained Engineering · Lead: Ana Ruiz"
    )
    # A daily shift's title follows the role's.
    assert found["follow.oncall.2026-11-04.night.2026-11-04.s0.chloe@duty-handbook"].summary == (
        "Follow the Sun · On call (Night): Chloé Martin"
    )


def test_a_cover_at_the_start_of_a_period_adds_an_event_and_moves_the_holders_start(tmp_path: Path) -> None:
    project, report = load_fixture()
    settings = FeedSettings()
    before = {e.uid: e for e in shift_events(project, report.expansions, None, settings)}
    root = copy_fixture(tmp_path)
    rotation_file = root / "data" / "rotations" / "sustained.yml"
    text = rotation_file.read_text(encoding="utf-8")
    cover = "  - start: 2026-11-30\n    lead: ana\n"
    assert cover in text
    rotation_file.write_text(text.replace(cover, cover + "    overrides:\n      - {role: primary, person: ben, "
                                          "from: 2026-11-30 09:00, until: 2026-12-01 09:00}\n"), encoding="utf-8")
    project, report = load_fixture(root)
    after = {e.uid: e for e in shift_events(project, report.expansions, None, settings)}
    holder = "sustained.primary.2026-11-30.all.s0.dev@duty-handbook"
    assert set(after) - set(before) == {"sustained.primary.2026-11-30.all.s0.cover-ben@duty-handbook"}
    assert set(before) - set(after) == set()
    assert after[holder].start == before[holder].start + dt.timedelta(days=1)
    assert after[holder].end == before[holder].end


def test_an_override_cuts_its_slot_into_pieces_named_by_holder(events: list[EventContent]) -> None:
    pieces = sorted(
        (e for e in events if e.uid.startswith("sustained.primary.2026-11-16.all.s0.")), key=lambda e: e.start
    )
    assert [(e.uid.split("@")[0], e.start, e.end, e.summary.split(": ")[1]) for e in pieces] == [
        ("sustained.primary.2026-11-16.all.s0.ben", dt.datetime(2026, 11, 16, 8, tzinfo=UTC),
         dt.datetime(2026, 11, 17, 11, tzinfo=UTC), "Ben Okafor"),
        ("sustained.primary.2026-11-16.all.s0.cover-dev", dt.datetime(2026, 11, 17, 11, tzinfo=UTC),
         dt.datetime(2026, 11, 18, 11, tzinfo=UTC), "Dev Patel"),
        ("sustained.primary.2026-11-16.all.s0.ben.2", dt.datetime(2026, 11, 18, 11, tzinfo=UTC),
         dt.datetime(2026, 11, 23, 8, tzinfo=UTC), "Ben Okafor"),
    ]


def test_a_piece_after_midnight_belongs_to_the_night_it_started(events: list[EventContent]) -> None:
    # The night shift of Thursday 2026-11-05 (20:00-08:00 New York) is covered 22:00-02:00.
    night = sorted((e for e in events if ".night.2026-11-05." in e.uid), key=lambda e: e.start)
    assert [e.uid.split("@")[0] for e in night] == [
        "follow.oncall.2026-11-04.night.2026-11-05.s0.chloe",
        "follow.oncall.2026-11-04.night.2026-11-05.s0.cover-zoe",
        "follow.oncall.2026-11-04.night.2026-11-05.s0.chloe.2",
    ]
    assert night[1].summary == f"Follow the Sun · On call (Night): {TRICKY_NAME}"
    assert (night[1].start, night[1].end) == (
        dt.datetime(2026, 11, 6, 3, tzinfo=UTC),
        dt.datetime(2026, 11, 6, 7, tzinfo=UTC),
    )


def test_a_daily_window_crossing_the_handoff_is_two_events_of_two_periods(events: list[EventContent]) -> None:
    # Wednesday 2026-11-04: the day shift (08:00-20:00 New York) is split by the 10:00 hand-off.
    day = sorted((e for e in events if ".day.2026-11-04." in e.uid), key=lambda e: e.start)
    assert [(e.uid.split("@")[0], e.summary.split(": ")[1]) for e in day] == [
        ("follow.oncall.2026-10-28.day.2026-11-04.s0.chloe", "Chloé Martin"),
        ("follow.oncall.2026-11-04.day.2026-11-04.s0.dev", "Dev Patel"),
    ]
    assert day[0].end == day[1].start == dt.datetime(2026, 11, 4, 15, tzinfo=UTC)


def test_uids_are_unique(events: list[EventContent]) -> None:
    assert len({e.uid for e in events}) == len(events)


def test_the_description_gives_handoff_escalation_with_names_and_the_page(events: list[EventContent]) -> None:
    lead = by_uid(events)["sustained.lead.2026-11-16.all.s0.ana@duty-handbook"]
    assert lead.description == (
        "Lead in Sustained Engineering: Ana Ruiz (@ana, ana@example.com).\n"
        "On duty Mon 2026-11-16 09:00 to Mon 2026-11-30 09:00 (Europe/Berlin).\n"
        "Hand-off every 2 weeks on Monday at 09:00 (Europe/Berlin).\n"
        "\n"
        "Escalation order:\n"
        "1. Primary, paged first: Ben Okafor, then Dev Patel, then Ben Okafor, then Chloé Martin\n"
        "2. Backup, after 15 minutes: Chloé Martin, then Ben Okafor\n"
        "3. Lead, after 30 minutes: Ana Ruiz"
    )
    assert lead.url is None  # without the site's address there is no link a calendar app could open


def test_a_daily_shift_names_its_own_hours_and_hand_off_then_the_rotations(events: list[EventContent]) -> None:
    night = by_uid(events)["follow.oncall.2026-11-04.night.2026-11-05.s0.chloe@duty-handbook"]
    assert night.description.splitlines()[2] == (
        "The Night shift runs every day, 20:00–08:00 (America/New_York), and hands over at 08:00. "
        "Holders change every week on Wednesday at 10:00 (America/New_York)."
    )


def test_a_cover_says_so_with_its_reason(events: list[EventContent]) -> None:
    cover = by_uid(events)["sustained.primary.2026-11-16.all.s0.cover-dev@duty-handbook"]
    assert cover.description.splitlines()[:3] == [
        "Primary in Sustained Engineering: Dev Patel (@dev).",
        "On duty Tue 2026-11-17 12:00 to Wed 2026-11-18 12:00 (Europe/Berlin).",
        "Covers part of the shift: Ben at a conference",
    ]


def test_private_contact_details_never_appear(events: list[EventContent]) -> None:
    text = "\n".join(e.summary + "\n" + e.description for e in events)
    assert "ana@example.com" in text  # Ana made her e-mail public
    for private in ("+49 30 1234567", "ben.private@example.com", "+44 20 7946 0000"):
        assert private not in text


def test_with_the_site_address_links_are_absolute() -> None:
    project, report = load_fixture()
    settings = FeedSettings(base_url="https://duty.example.com/handbook/")
    events = shift_events(project, report.expansions, settings.window(NOW), settings)
    assert {e.url for e in events} == {
        "https://duty.example.com/handbook/rotations/follow/",
        "https://duty.example.com/handbook/rotations/sustained/",
    }
    assert all(e.description.endswith(f"\nHandbook: {e.url}") for e in events)


def test_only_events_overlapping_the_window_are_included() -> None:
    project, report = load_fixture()
    # Ben's first primary week ends at 2026-10-26 08:00 UTC: a window starting then leaves it out.
    window = Window(dt.datetime(2026, 10, 26, 8, tzinfo=UTC), dt.datetime(2026, 10, 26, 8, 1, tzinfo=UTC))
    events = shift_events(project, report.expansions, window, FeedSettings())
    assert sorted(e.summary for e in events_of(events, rotation="sustained")) == [
        "Sustained Engineering · Backup: Ben Okafor",
        "Sustained Engineering · Lead: Ana Ruiz",
        "Sustained Engineering · Primary: Chloé Martin",
    ]


def test_events_of_filters_by_rotation_role_and_person(events: list[EventContent]) -> None:
    leads = events_of(events, rotation="sustained", role="lead")
    assert {e.summary for e in leads} == {"Sustained Engineering · Lead: Ana Ruiz"}
    assert all(e.shift is not None and e.shift.person == "dev" for e in events_of(events, person="dev"))


def test_uids_of_some_periods_are_those_of_the_whole_schedule() -> None:
    """The JSON and the windowed feeds ask only for the periods they show; the UIDs must not change."""
    project, report = load_fixture()
    for expansion in report.expansions.values():
        everything = shift_uids(expansion)
        periods = sorted({shift.period for shift in expansion.shifts})
        some = set(periods[1::2])
        partial = shift_uids(expansion, some)
        for shift, full, part in zip(expansion.shifts, everything, partial, strict=True):
            assert part == (full if shift.period in some else "")


def test_with_reuse_a_rotations_events_are_made_again_only_when_its_inputs_change(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    settings = FeedSettings()
    reuse = Reuse()
    last: dict[str, Expansion] = {}

    def build() -> tuple[list[EventContent], list[EventContent]]:
        project = load_project(root, reuse_unchanged=True)
        expansions = validate(project, NOW, last).expansions  # as the build cache does: unchanged ones are kept
        last.update(expansions)
        reuse.begin()
        return shift_events(project, expansions, None, settings, reuse), shift_events(project, expansions, None,
                                                                                      settings)

    first, _ = build()
    again, fresh = build()
    assert again == fresh and all(a is b for a, b in zip(again, first, strict=True))
    # Renaming someone who holds only "sustained": its events are made again, "follow"'s are kept.
    person = root / "data" / "people" / "ana.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("name: Ana Ruiz", "name: Ana R."), encoding="utf-8")
    renamed, fresh = build()
    assert renamed == fresh
    kept = {e.uid for e, f in zip(renamed, first, strict=True) if e is f}
    assert kept and all(uid.startswith("follow.") for uid in kept)
    assert any("Ana R." in e.summary for e in renamed)


def test_people_named_are_the_shifts_holders_once_each_with_their_model() -> None:
    project, report = load_fixture()
    for expansion in report.expansions.values():
        named = people_named(project, expansion)
        assert [p for p, _ in named] == sorted({shift.person for shift in expansion.shifts})
        assert all(person is project.people.get(p) for p, person in named)
