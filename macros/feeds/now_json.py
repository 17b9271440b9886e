"""`api/now.json`: the little the "On duty now" page needs, instead of all of `api/schedule.json`.

The page works out who is on duty at the viewer's clock; it needs the shifts around "now" only. This file
holds the shifts that overlap a window from a day before the build to `NOW_WINDOW` after it, as ids and
instants (each shift a list of `FIELDS`), and the names and titles they refer to, once each (from the
people and rotation tables rather than repeated in every shift). The page's script rebuilds from it the
same shift records as `api/schedule.json` has, and falls back to that full file outside the window or
near its end (a site that has not been rebuilt for weeks). `api/schedule.json` stays the documented API
for bots; this file is the page's own and may change with it (it has a `format` number all the same).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from macros.feeds.api_json import FORMAT, _dump, utc_text
from macros.feeds.settings import Window
from macros.model.project import Project
from macros.schedule.expansion import Expansion

NOW_PATH = "api/now.json"
NOW_WINDOW = dt.timedelta(weeks=6)
BEFORE = dt.timedelta(days=1)
# Each shift is a list of these, in this order (a third of the size of one object per shift).
FIELDS = ("start", "end", "rotation", "role", "shift", "person")


def now_window(now: dt.datetime) -> Window:
    return Window(now - BEFORE, now + NOW_WINDOW)


def now_json(project: Project, expansions: Mapping[str, Expansion], now: dt.datetime) -> bytes:
    """The shifts around `now`, in start order, with the people and rotations they name."""
    window = now_window(now)
    shifts: list[list[str | None]] = []
    rotations: dict[str, Any] = {}
    people: set[str] = set()
    for rotation_id in sorted(expansions):
        expansion = expansions[rotation_id]
        rotation = expansion.rotation
        for shift in expansion.shifts:
            if not window.overlaps(shift.start, shift.end):
                continue
            row = [utc_text(shift.start), utc_text(shift.end), rotation_id, shift.role, shift.shift, shift.person]
            shifts.append(row)
            people.add(shift.person)
        rotations[rotation_id] = {
            "name": rotation.name,
            "timezone": rotation.handoff.timezone,
            "roles": {role.id: rotation.role_title(role.id) for role in rotation.roles},
            "shifts": {daily.id: daily.title for daily in rotation.shifts},
        }
    shifts.sort(key=lambda s: (s[0], s[2], s[3], s[4] or "", s[1], s[5]))
    return _dump(
        {
            "format": FORMAT,
            "generated_at": utc_text(now),
            "window": {"start": utc_text(window.start), "end": utc_text(window.end)},
            "rotations": rotations,
            "people": {
                person_id: {"name": person.name, "handle": person.handle}
                for person_id, person in project.people.items()
                if person_id in people
            },
            "fields": list(FIELDS),
            "shifts": shifts,
        }
    )
