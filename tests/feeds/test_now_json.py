"""`api/now.json`: the shifts around the build for the on-call page, each name and title once."""

from __future__ import annotations

import json

from calendar_fixture import NOW, load_fixture
from macros.feeds.api_json import schedule_json
from macros.feeds.now_json import now_json, now_window
from macros.feeds.settings import FeedSettings


def test_the_small_file_rebuilds_the_full_files_shifts_of_its_weeks() -> None:
    project, report = load_fixture()
    small = json.loads(now_json(project, report.expansions, NOW))
    full = json.loads(schedule_json(project, report.expansions, NOW, FeedSettings().window(NOW)))
    window = now_window(NOW)
    start, end = window.start.strftime("%Y-%m-%dT%H:%M:%SZ"), window.end.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert small["window"] == {"start": start, "end": end}
    expected = [s for s in full["shifts"] if s["start"] < end and s["end"] > start]
    assert expected and len(expected) < len(full["shifts"])
    rebuilt = []
    for row in small["shifts"]:
        shift = dict(zip(small["fields"], row, strict=True))
        rotation = small["rotations"][shift["rotation"]]
        person = small["people"][shift["person"]]
        rebuilt.append({**shift, "role_title": rotation["roles"][shift["role"]], "name": person["name"],
                        "handle": person["handle"], "rotation_name": rotation["name"],
                        "shift_title": rotation["shifts"][shift["shift"]] if shift["shift"] else None})
    keys = ("start", "end", "rotation", "role", "shift", "person", "role_title", "name", "handle", "rotation_name",
            "shift_title")
    assert [{k: s[k] for k in keys} for s in rebuilt] == [{k: s[k] for k in keys} for s in expected]
    assert set(small["people"]) == {s["person"] for s in rebuilt}  # only the people it names
    assert len(now_json(project, report.expansions, NOW)) < len(
        schedule_json(project, report.expansions, NOW, FeedSettings().window(NOW))
    ) / 3
