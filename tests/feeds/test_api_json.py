"""The JSON files for bots and the now page: content, order, privacy and determinism."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calendar_fixture import NOW, TRICKY_NAME, copy_fixture, load_fixture
from macros.feeds.api_json import rotations_json, schedule_json
from macros.feeds.settings import FeedSettings
from macros.model.loader import load_project
from macros.model.reuse import Reuse
from macros.rules.validate import validate
from macros.schedule.expansion import Expansion


def schedule() -> dict[str, Any]:
    project, report = load_fixture()
    data: dict[str, Any] = json.loads(schedule_json(project, report.expansions, NOW, FeedSettings().window(NOW)))
    return data


def test_schedule_header_window_and_rotations() -> None:
    data = schedule()
    assert data["format"] == 1
    assert data["generated_at"] == "2026-11-23T12:00:00Z"
    assert data["window"] == {"start": "2026-10-24T12:00:00Z", "end": "2027-11-23T12:00:00Z"}
    assert data["rotations"] == {
        "follow": {
            "feed": "calendars/rotation/follow.ics",
            "name": "Follow the Sun",
            "timezone": "America/New_York",
            "scheduled_until": "2026-12-02T15:00:00Z",
        },
        "sustained": {
            "feed": "calendars/rotation/sustained.ics",
            "name": "Sustained Engineering",
            "timezone": "Europe/Berlin",
            "scheduled_until": "2027-04-05T07:00:00Z",
        },
    }
    # Where each rotation's data ends: the end of its last shift (here inside the window, so in the file).
    for rotation_id, rotation in data["rotations"].items():
        ends = [s["end"] for s in data["shifts"] if s["rotation"] == rotation_id]
        assert rotation["scheduled_until"] == max(ends)


def test_a_shift_entry() -> None:
    shifts = schedule()["shifts"]
    cover = next(s for s in shifts if s["uid"] == "sustained.primary.2026-11-16.all.s0.cover-dev@duty-handbook")
    assert cover == {
        "start": "2026-11-17T11:00:00Z",
        "end": "2026-11-18T11:00:00Z",
        "rotation": "sustained",
        "rotation_name": "Sustained Engineering",
        "role": "primary",
        "role_title": "Primary",
        "shift": None,
        "shift_title": None,
        "segment": 0,
        "period_start": "2026-11-16",
        "person": "dev",
        "name": "Dev Patel",
        "handle": "dev",
        "team": "ops",
        "override": True,
        "reason": "Ben at a conference",
        "uid": "sustained.primary.2026-11-16.all.s0.cover-dev@duty-handbook",
    }
    night_uid = "follow.oncall.2026-11-04.night.2026-11-05.s0.cover-zoe@duty-handbook"
    night = next(s for s in shifts if s["uid"] == night_uid)
    assert (night["shift"], night["shift_title"], night["name"]) == ("night", "Night", TRICKY_NAME)


def test_shifts_are_in_start_order_and_overlap_the_window() -> None:
    data = schedule()
    shifts = data["shifts"]
    assert len(shifts) == 139
    keys = [(s["start"], s["rotation"], s["role"], s["shift"] or "") for s in shifts]
    assert keys == sorted(keys)
    assert all(s["end"] > data["window"]["start"] and s["start"] < data["window"]["end"] for s in shifts)


def test_people_carry_only_public_contact_details() -> None:
    people = schedule()["people"]
    assert people["ana"]["public_contact"] == ["ana@example.com"]
    assert people["ben"]["public_contact"] == []
    project, report = load_fixture()
    text = schedule_json(project, report.expansions, NOW, FeedSettings().window(NOW)).decode("utf-8")
    text += rotations_json(project, NOW, FeedSettings()).decode("utf-8")
    for private in ("+49 30 1234567", "ben.private@example.com", "+44 20 7946 0000"):
        assert private not in text


def test_rotations_json_describes_roles_escalation_handoff_and_feeds() -> None:
    project, _ = load_fixture()
    data = json.loads(rotations_json(project, NOW, FeedSettings()))
    sustained = data["rotations"][1]
    assert sustained["id"] == "sustained"
    assert sustained["handoff"] == {"weekday": "monday", "time": "09:00", "timezone": "Europe/Berlin"}
    assert (sustained["period_days"], sustained["segment_days"], sustained["page"]) == (14, 7, "rotations/sustained/")
    assert [r["id"] for r in sustained["roles"]] == ["lead", "primary", "backup"]
    assert sustained["roles"][1]["feed"] == "calendars/rotation/sustained/primary.ics"
    assert sustained["escalation"] == [
        {"role": "primary", "role_title": "Primary", "after_minutes": 0},
        {"role": "backup", "role_title": "Backup", "after_minutes": 15},
        {"role": "lead", "role_title": "Lead", "after_minutes": 30},
    ]
    night = {"id": "night", "title": "Night", "start": "20:00", "end": "08:00"}
    assert data["rotations"][0]["daily_shifts"][1] == night
    assert [f["path"] for f in data["feeds"]][-3:] == [
        "calendars/person/zoe.ics", "calendars/person-compact/zoe.ics", "calendars/team/core.ics"]


def test_the_json_is_byte_identical_across_builds() -> None:
    project, report = load_fixture()
    window = FeedSettings().window(NOW)
    first = schedule_json(project, report.expansions, NOW, window), rotations_json(project, NOW, FeedSettings())
    project, report = load_fixture()
    again = schedule_json(project, report.expansions, NOW, window), rotations_json(project, NOW, FeedSettings())
    assert again == first


def test_with_reuse_a_rotations_rows_are_kept_until_a_person_it_names_changes(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    window, reuse = FeedSettings().window(NOW), Reuse()
    last: dict[str, Expansion] = {}

    def build() -> tuple[bytes, bytes]:
        project = load_project(root, reuse_unchanged=True)
        expansions = validate(project, NOW, last).expansions
        last.update(expansions)
        reuse.begin()
        return schedule_json(project, expansions, NOW, window, reuse), schedule_json(project, expansions, NOW, window)

    build()
    kept, fresh = build()
    assert kept == fresh and (reuse.made, reuse.reused) == (0, 2)
    person = root / "data" / "people" / "ana.yml"  # holds only "sustained"
    person.write_text(person.read_text(encoding="utf-8").replace("name: Ana Ruiz", "name: Ana R."), encoding="utf-8")
    renamed, fresh = build()
    assert renamed == fresh and "Ana R." in renamed.decode("utf-8")
    assert (reuse.made, reuse.reused) == (1, 1)
