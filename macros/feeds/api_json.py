"""The JSON files for bots and the "on duty now" page: `api/schedule.json` and `api/rotations.json`.

Both are deterministic: sorted keys, a fixed order of lists, UTC instants as `YYYY-MM-DDTHH:MM:SSZ`, and no
clock other than the build's `now` (in `generated_at`). Text fields hold what the data says, unescaped:
whoever puts them into a page must escape them. Contact details appear only when the person made them
public. The format is documented on the Calendar page; `format` changes when a field changes meaning.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import partial
from typing import Any

from macros.feeds.catalog import person_feed_path, plan_feeds, role_feed_path, rotation_feed_path
from macros.feeds.events import people_named, public_contact, shift_uids
from macros.feeds.settings import FeedSettings, Window
from macros.model.project import Project
from macros.model.reuse import Reuse
from macros.model.types import Person, Rotation
from macros.schedule.expansion import Expansion, Shift

FORMAT = 1
SCHEDULE_PATH = "api/schedule.json"
ROTATIONS_PATH = "api/rotations.json"


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dump(value: Any) -> bytes:
    """Compact UTF-8 JSON with sorted keys (the now page downloads it; `python3 -m json.tool` pretty-prints it)."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _person(project: Project, person_id: str, person: Person) -> dict[str, Any]:
    team = project.teams.get(person.team)
    contact = public_contact(person)[1:]  # the handle has its own field
    return {
        "name": person.name,
        "handle": person.handle,
        "team": person.team,
        "team_name": team.name if team else person.team,
        "timezone": person.timezone,
        "picture": person.picture,
        "public_contact": contact,
        "feed": person_feed_path(person_id),
    }


def _shift(project: Project, expansion: Expansion, shift: Shift, uid: str) -> dict[str, Any]:
    rotation = expansion.rotation
    daily = next((d for d in rotation.shifts if d.id == shift.shift), None)
    person: Person | None = project.people.get(shift.person)
    return {
        "start": utc_text(shift.start),
        "end": utc_text(shift.end),
        "rotation": shift.rotation,
        "rotation_name": rotation.name,
        "role": shift.role,
        "role_title": rotation.role_title(shift.role),
        "shift": shift.shift,
        "shift_title": daily.title if daily else None,
        "segment": shift.segment,
        "period_start": expansion.periods[shift.period].day.isoformat(),
        "person": shift.person,
        "name": person.name if person else shift.person,
        "handle": person.handle if person else None,
        "team": person.team if person else None,
        "override": shift.override,
        "reason": shift.reason,
        "uid": uid,
    }


def _scheduled_until(expansion: Expansion | None) -> str | None:
    last = max((shift.end for shift in expansion.shifts), default=None) if expansion else None
    return utc_text(last) if last else None


def _rotation_shifts(project: Project, expansion: Expansion, window: Window) -> list[dict[str, Any]]:
    shown = {shift.period for shift in expansion.shifts if window.overlaps(shift.start, shift.end)}
    return [
        _shift(project, expansion, shift, uid)
        for shift, uid in zip(expansion.shifts, shift_uids(expansion, shown), strict=True)
        if uid and window.overlaps(shift.start, shift.end)
    ]


def schedule_json(
    project: Project,
    expansions: Mapping[str, Expansion],
    now: dt.datetime,
    window: Window,
    reuse: Reuse | None = None,
) -> bytes:
    """Every shift overlapping the window, in start order, with the people and rotations they refer to.

    With `reuse`, a rotation's rows are made again only when its expansion or the people it names changed
    (`_shift` reads nothing else)."""
    shifts: list[dict[str, Any]] = []
    for rotation_id in sorted(expansions):
        expansion = expansions[rotation_id]
        if reuse is None:
            shifts += _rotation_shifts(project, expansion, window)
            continue
        inputs = (expansion, repr(window), people_named(project, expansion))
        make = partial(_rotation_shifts, project, expansion, window)
        shifts += reuse.get(("schedule rows", rotation_id), inputs, make)
    shifts.sort(key=lambda s: (s["start"], s["rotation"], s["role"], s["shift"] or "", s["end"], s["person"]))
    return _dump(
        {
            "format": FORMAT,
            "generated_at": utc_text(now),
            "window": {"start": utc_text(window.start), "end": utc_text(window.end)},
            "rotations": {
                rotation_id: {
                    "name": rotation.name,
                    "timezone": rotation.handoff.timezone,
                    "feed": rotation_feed_path(rotation_id),
                    # Where the rotation's data ends, which may be after the window: a page read after
                    # `window.end` can then tell "not published" from "nobody scheduled".
                    "scheduled_until": _scheduled_until(expansions.get(rotation_id)),
                }
                for rotation_id, rotation in project.rotations.items()
            },
            "people": {person_id: _person(project, person_id, p) for person_id, p in project.people.items()},
            "shifts": shifts,
        }
    )


def _rotation(project: Project, rotation_id: str, rotation: Rotation, settings: FeedSettings) -> dict[str, Any]:
    return {
        "id": rotation_id,
        "name": rotation.name,
        "description": rotation.description,
        "team": rotation.team,
        "page": settings.rotation_page.format(rotation=rotation_id),
        "period_days": rotation.period.total_days,
        "segment_days": rotation.segment.total_days if rotation.segment else None,
        "handoff": {
            "weekday": rotation.handoff.weekday.value,
            "time": rotation.handoff.time.strftime("%H:%M"),
            "timezone": rotation.handoff.timezone,
        },
        "daily_shifts": [
            {"id": d.id, "title": d.title, "start": d.start.strftime("%H:%M"), "end": d.end.strftime("%H:%M")}
            for d in rotation.shifts
        ],
        "roles": [
            {
                "id": role.id,
                "title": role.title,
                "description": role.description,
                "required": role.required,
                "per_shift": role.per_shift,
                "per_segment": role.per_segment,
                "feed": role_feed_path(rotation_id, role.id),
            }
            for role in rotation.roles
        ],
        "escalation": [
            {
                "role": step.role,
                "role_title": rotation.role_title(step.role),
                "after_minutes": step.after_minutes,
                **({"when": step.when} if step.when is not None else {}),
            }
            for step in rotation.escalation
        ],
        "feed": rotation_feed_path(rotation_id),
    }


def rotations_json(project: Project, now: dt.datetime, settings: FeedSettings) -> bytes:
    """Each rotation's set-up (roles, escalation, hand-off) and every calendar feed with what it holds."""
    feeds = [
        {
            "path": feed.path,
            "kind": feed.kind,
            "title": feed.title,
            "rotation": feed.rotation or None,
            "role": feed.role or None,
            "person": feed.person or None,
            "team": feed.team or None,
        }
        for feed in plan_feeds(project)
    ]
    return _dump(
        {
            "format": FORMAT,
            "generated_at": utc_text(now),
            "rotations": [_rotation(project, rid, rotation, settings) for rid, rotation in project.rotations.items()],
            "feeds": feeds,
        }
    )
