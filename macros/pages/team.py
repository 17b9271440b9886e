"""A team's page (`teams/<id>.md`, generated unless docs/ holds one): everything `data/teams/<id>.yml` says,
with the team's rotations and members from the rest of the data."""

from __future__ import annotations

import datetime as dt

from macros.feeds.catalog import team_feed_path
from macros.model.project import Project
from macros.pages import rich_text
from macros.pages.links import person_md, rotation_md
from macros.pages.markup import Links, attr, clock, safe_url, short_day, text
from macros.pages.rotation_context import team_mission
from macros.schedule.localtime import instant, to_local


def team_page_path(team_id: str) -> str:
    return f"teams/{team_id}.md"


def team_page(project: Project, team_id: str, links: Links) -> str:
    """Mission, priority of work, rotations, members, contacts and meetings of one team."""
    team = project.teams[team_id]
    parts = [f"# {text(team.name)}", ""]
    if mission := team_mission(project, team_id):
        parts += [mission]
    if team.ownership:
        parts += ["## Priority of work", "", team_ownership(project, team_id)]
    rotations = [rotation_md(project, r, links) for r, rot in project.rotations.items() if rot.team == team_id]
    if rotations:
        parts += ["## Rotations", "", *(f"- {line}" for line in rotations), ""]
    members = [person_md(project, p, links) for p, person in project.people.items() if person.team == team_id]
    parts += ["## Members", "", *(f"- {line}" for line in members or ["*Nobody yet.*"]), ""]
    parts += ["## How to reach the team", "", team_contacts(project, team_id)]
    parts += ["## Recurring meetings", "", team_meetings(project, team_id, links)]
    parts += [f"*This page is generated from `data/teams/{team_id}.yml`.*", ""]
    return "\n".join(parts)


# --- the sections a rotation's page shows too ------------------------------------------------------


def _contact_line(label: str, mentions: list[str], channel: str | None, url: str | None) -> str:
    parts = []
    if mentions:
        parts.append(" ".join(f"<code>{text(mention)}</code>" for mention in mentions))
    if channel:
        parts.append(f"channel <code>{text(channel)}</code>")
    safe = safe_url(url)
    if safe:
        parts.append(f'<a href="{attr(safe)}">{text(safe.split("://", 1)[-1])}</a>')
    elif url:
        parts.append(text(url))
    return f"- **{text(label)}**: " + " · ".join(parts) if parts else f"- **{text(label)}**"


def team_contacts(project: Project, team_id: str) -> str:
    """How to reach the team, in the order the data lists the contacts."""
    team = project.teams[team_id]
    if not team.contacts:
        return f"*{text(team.name)} lists no contacts yet.*\n"
    lines = [
        _contact_line(c.label, [m for m in (c.mention, *c.mentions) if m], c.channel, c.url) for c in team.contacts
    ]
    return "\n".join(lines) + "\n"


def team_ownership(project: Project, team_id: str) -> str:
    """The team's areas, in priority order (Markdown from the data)."""
    team = project.teams[team_id]
    return "\n".join(f"{n}. {rich_text.inline(area)}" for n, area in enumerate(team.ownership, start=1)) + "\n"


def _meeting_when(day: dt.date, time: dt.time, zone_name: str, minutes: int, every: int, weekday: str) -> str:
    start = instant(day, time, zone_name)
    end = to_local(start + dt.timedelta(minutes=minutes), zone_name)
    cadence = "every" if every == 1 else f"every {every} weeks on"
    return f"{cadence} {weekday}, {clock(to_local(start, zone_name))}–{clock(end)} {text(zone_name)}"


def team_meetings(project: Project, team_id: str, links: Links) -> str:
    """The recurring meetings, each with when it happens, and a link to the team's meetings feed."""
    team = project.teams[team_id]
    if not team.meetings:
        return f"*{text(team.name)} lists no recurring meetings.*\n"
    lines = []
    for meeting in team.meetings:
        weekday = meeting.weekday.day_name
        if meeting.time and meeting.timezone and meeting.duration_minutes and meeting.starts:
            when = _meeting_when(
                meeting.starts, meeting.time, meeting.timezone, meeting.duration_minutes, meeting.every_weeks, weekday
            )
        else:
            when = ("every" if meeting.every_weeks == 1 else f"every {meeting.every_weeks} weeks on") + f" {weekday}"
            if meeting.time and meeting.timezone:
                when += f" at {clock(meeting.time)} {text(meeting.timezone)}"
        dates = [f"since {short_day(meeting.starts)}"] if meeting.starts else []
        if meeting.until:
            dates.append(f"until {short_day(meeting.until)}")
        since = f" ({', '.join(dates)})" if dates else ""
        kind = f" *{text(meeting.kind)}*" if meeting.kind else ""
        about = f": {rich_text.inline(meeting.description)}" if meeting.description else ""
        lines.append(f"- **{text(meeting.title)}**{kind}: {when}{since}{about}")
        if meeting.attendees:
            lines.append(f"    - Attendees: {', '.join(text(who) for who in meeting.attendees)}")
    if any(meeting.in_calendar for meeting in team.meetings):
        feed = links.md(team_feed_path(team_id))
        lines += ["", f"Add them to your calendar: [{text(team.name)} meetings]({feed}) (iCalendar feed)."]
        if not all(meeting.in_calendar for meeting in team.meetings):
            lines[-1] += " Meetings without a time or a first date are not in it."
    return "\n".join(lines) + "\n"
