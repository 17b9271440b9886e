"""Which calendar feeds the handbook publishes, where they live in the site, and which events each holds.

- `calendars/rotation/<rotation>.ics`: every shift of a rotation, all roles;
- `calendars/rotation/<rotation>/<role>.ics`: the shifts of one role;
- `calendars/person/<person>.ics`: one person's shifts across every rotation (a feed for everyone, even with
  no shift yet, so a person's page can always link it);
- `calendars/person-compact/<person>.ics`: the same shifts as one event per run of consecutive shifts of
  one role (`runs`), for handbooks with daily shifts, where the exact feed has an event per day;
- `calendars/team/<team>.ics`: a team's recurring meetings, for teams that list meetings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from macros.feeds.event_content import EventContent
from macros.model.project import Project

FeedKind = Literal["rotation", "role", "person", "compact", "team"]


def rotation_feed_path(rotation_id: str) -> str:
    return f"calendars/rotation/{rotation_id}.ics"


def role_feed_path(rotation_id: str, role_id: str) -> str:
    return f"calendars/rotation/{rotation_id}/{role_id}.ics"


def person_feed_path(person_id: str) -> str:
    return f"calendars/person/{person_id}.ics"


def compact_feed_path(person_id: str) -> str:
    return f"calendars/person-compact/{person_id}.ics"


def team_feed_path(team_id: str) -> str:
    return f"calendars/team/{team_id}.ics"


@dataclass(frozen=True)
class Feed:
    """One published calendar. `zone` is the zone its (possibly empty) calendar is described in."""

    path: str
    kind: FeedKind
    title: str
    description: str
    zone: str
    rotation: str = ""
    role: str = ""
    person: str = ""
    team: str = ""

    def holds(self, event: EventContent) -> bool:
        if self.kind == "team":
            return event.team == self.team
        if self.kind == "compact":
            return event.run_of == self.person
        shift = event.shift
        if shift is None:
            return False
        if self.kind == "person":
            return shift.person == self.person
        return shift.rotation == self.rotation and (self.kind == "rotation" or shift.role == self.role)

    def select(self, events: Sequence[EventContent]) -> list[EventContent]:
        return [event for event in events if self.holds(event)]

    @property
    def _key(self) -> tuple[str, ...]:
        return _feed_keys(self.kind, self.rotation, self.role, self.person, self.team)[0]


def _feed_keys(kind: FeedKind, rotation: str, role: str, person: str, team: str) -> list[tuple[str, ...]]:
    """The keys of the feeds an event about these ids belongs to (for a feed: its own key first)."""
    if kind == "team":
        return [("team", team)]
    if kind == "person":
        return [("person", person)]
    if kind == "compact":
        return [("compact", person)]
    if kind == "role":
        return [("role", rotation, role)]
    return [("rotation", rotation), ("role", rotation, role), ("person", person)]


def select_all(feeds: Sequence[Feed], events: Sequence[EventContent]) -> dict[str, list[EventContent]]:
    """Feed path → `feed.select(events)` for every feed, in one pass over the events (not one per feed)."""
    by_key: dict[tuple[str, ...], list[EventContent]] = {feed._key: [] for feed in feeds}
    for event in events:
        keys = [] if event.team is None else _feed_keys("team", "", "", "", event.team)
        if event.shift is not None:
            keys += _feed_keys("rotation", event.shift.rotation, event.shift.role, event.shift.person, "")
        if event.run_of is not None:
            keys += _feed_keys("compact", "", "", event.run_of, "")
        for key in keys:
            held = by_key.get(key)
            if held is not None:
                held.append(event)
    return {feed.path: by_key[feed._key] for feed in feeds}


def plan_feeds(project: Project) -> list[Feed]:
    """Every feed, in a fixed order: rotations (each followed by its roles), people, then teams."""
    feeds: list[Feed] = []
    for rotation_id, rotation in project.rotations.items():
        zone = rotation.handoff.timezone
        feeds.append(
            Feed(
                rotation_feed_path(rotation_id),
                "rotation",
                rotation.name,
                f"Every shift of {rotation.name}, all roles. Published by the duty handbook.",
                zone,
                rotation=rotation_id,
            )
        )
        for role in rotation.roles:
            feeds.append(
                Feed(
                    role_feed_path(rotation_id, role.id),
                    "role",
                    f"{rotation.name} · {role.title}",
                    f"Who is {role.title} in {rotation.name}, shift by shift. "
                    "Published by the duty handbook.",
                    zone,
                    rotation=rotation_id,
                    role=role.id,
                )
            )
    daily_shifts = any(rotation.shifts for rotation in project.rotations.values())
    for person_id, person in project.people.items():
        feeds.append(
            Feed(
                person_feed_path(person_id),
                "person",
                f"Duty: {person.name}",
                f"The duty shifts of {person.name} in every rotation. Published by the duty handbook.",
                person.timezone,
                person=person_id,
            )
        )
        if daily_shifts:
            feeds.append(
                Feed(
                    compact_feed_path(person_id),
                    "compact",
                    f"Duty: {person.name} (compact)",
                    f"The duty shifts of {person.name}, one event per run of consecutive shifts of one role. "
                    "Published by the duty handbook.",
                    person.timezone,
                    person=person_id,
                )
            )
    for team_id, team in project.teams.items():
        timed = [meeting for meeting in team.meetings if meeting.in_calendar]
        if timed:
            feeds.append(
                Feed(
                    team_feed_path(team_id),
                    "team",
                    f"{team.name} meetings",
                    f"The recurring meetings of the {team.name} team. Published by the duty handbook.",
                    timed[0].timezone or "UTC",
                    team=team_id,
                )
            )
    return feeds
