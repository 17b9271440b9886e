"""A team's recurring meetings as calendar events: one event with a weekly recurrence rule per meeting.

A series is one `VEVENT` with `RRULE:FREQ=WEEKLY;INTERVAL=<every_weeks>;BYDAY=<weekday>[;UNTIL=…]`, never a
copy per week: clients expand it themselves, in the meeting's zone, so it keeps its local time across DST.
`UNTIL` is the end of the `until` day in the meeting's zone, as UTC (RFC 5545 requires UTC when DTSTART has a
TZID), so a meeting on that day is still part of the series.
UID: `<team>.meeting.<meeting id>@duty-handbook`.
"""

from __future__ import annotations

import datetime as dt

from macros.feeds.event_content import EventContent, Weekly
from macros.feeds.plain_text import plain
from macros.feeds.settings import UID_DOMAIN, FeedSettings
from macros.model.project import Project
from macros.model.types import Meeting, Team
from macros.schedule.localtime import add_days, instant

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def meeting_uid(team_id: str, meeting: Meeting) -> str:
    return f"{team_id}.meeting.{meeting.id}@{UID_DOMAIN}"


def recurrence_text(meeting: Meeting) -> str:
    assert meeting.time and meeting.timezone and meeting.duration_minutes and meeting.starts, "only timed meetings"
    every = "Every week" if meeting.every_weeks == 1 else f"Every {meeting.every_weeks} weeks"
    text = f"{every} on {meeting.weekday.day_name} at {meeting.time:%H:%M} ({meeting.timezone})"
    text += f", {meeting.duration_minutes} minutes, from {meeting.starts.isoformat()}"
    if meeting.until:
        text += f" until {meeting.until.isoformat()}"
    return text + "."


def team_page(project: Project, team_id: str, settings: FeedSettings) -> str:
    """The page showing the team's meetings: that of the first rotation it runs, else the home page."""
    rotation = next((rid for rid, rotation in project.rotations.items() if rotation.team == team_id), None)
    return settings.page_link(settings.rotation_page.format(rotation=rotation) if rotation else "")


def meeting_event(team_id: str, team: Team, meeting: Meeting, settings: FeedSettings, link: str) -> EventContent:
    assert meeting.time and meeting.timezone and meeting.duration_minutes and meeting.starts, "only timed meetings"
    start = instant(meeting.starts, meeting.time, meeting.timezone)
    until = None
    if meeting.until is not None:
        # One second before the next local midnight: the whole `until` day belongs to the series.
        until = instant(add_days(meeting.until, 1), dt.time(0, 0), meeting.timezone) - dt.timedelta(seconds=1)
    lines = [f"{meeting.title} ({team.name}).", recurrence_text(meeting)]
    description = plain(meeting.description) if meeting.description else ""
    if description:
        lines += ["", description]
    if settings.base_url:  # a path inside the site is no link a calendar app can open
        lines += ["", f"Handbook: {link}"]
    return EventContent(
        uid=meeting_uid(team_id, meeting),
        summary=f"{team.name}: {meeting.title}",
        description="\n".join(lines),
        start=start,
        end=start + dt.timedelta(minutes=meeting.duration_minutes),
        zone=meeting.timezone,
        url=link if settings.base_url else None,
        weekly=Weekly(meeting.every_weeks, _BYDAY[meeting.weekday.number], until),
        free=False,
        team=team_id,
    )


def team_meeting_events(project: Project, team_id: str, settings: FeedSettings) -> list[EventContent]:
    team = project.teams[team_id]
    link = team_page(project, team_id, settings)
    # A meeting without a time or a first date is listed on the team's page but has no event to give.
    return [meeting_event(team_id, team, meeting, settings, link) for meeting in team.meetings if meeting.in_calendar]
