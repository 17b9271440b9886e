"""The data-driven parts of a rotation's page: facts, roles, schedule, escalation policy, team contacts.

Each function returns Markdown (with a little raw HTML) for one section; the hand-written page in
`docs/rotations/<id>.md` places them between its own prose, and `rotation_page` strings them together
for a rotation that has no hand-written page yet. Text from the data is escaped (`markup.text`); only
the fields the model documents as Markdown (descriptions, purpose, ownership) go through `rich_text`, which
renders Markdown but shows raw HTML as text and drops unsafe link targets.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from macros.feeds.catalog import rotation_feed_path, team_feed_path
from macros.model.project import Project
from macros.model.types import EscalationStep, Role, Rotation, ScheduledPeriod
from macros.pages import rich_text
from macros.pages.home import rotation_on_duty
from macros.pages.links import person_md, person_name
from macros.pages.markup import (
    Links,
    attr,
    clock,
    day_month,
    handover_deadline_text,
    period_text,
    safe_url,
    short_day,
    span_text,
    text,
    zoned_long,
)
from macros.pages.now import channel_header, header_box
from macros.pages.rotation_context import rules_in_force, runbooks, team_mission
from macros.schedule.expansion import Assignment, Expansion, PeriodSpan
from macros.schedule.localtime import instant, local_instant, to_local
from macros.schedule.onduty import Duty, duty_at

PAST_PERIODS = 4
UPCOMING_PERIODS = 12


# --- facts and roles ------------------------------------------------------------------------------


def _weekday(rotation: Rotation) -> str:
    return rotation.handoff.weekday.day_name


def rotation_purpose(project: Project, rotation_id: str) -> str:
    """The one-line description (text) and the purpose (Markdown from the data file)."""
    rotation = project.rotations[rotation_id]
    parts = [f"*{text(rotation.description)}*"] if rotation.description else []
    if rotation.purpose:
        parts.append(rich_text.block(rotation.purpose))
    return "\n\n".join(parts) + "\n" if parts else ""


def rotation_facts(project: Project, rotation_id: str, links: Links) -> str:
    """A short list: team, period length, hand-off, time zone, owners, and the calendar feed."""
    rotation = project.rotations[rotation_id]
    handoff = rotation.handoff
    facts = []
    if rotation.team and rotation.team in project.teams:
        facts.append(f"**Team:** {text(project.teams[rotation.team].name)}")
    facts.append(f"**Period:** {period_text(rotation)}")
    facts.append(f"**Hand-off:** every {_weekday(rotation)} at {clock(_at(handoff.time))} ({text(handoff.timezone)})")
    deadline = handover_deadline_text(rotation)
    if deadline:
        facts.append(f"**Hand-over deadline:** {text(deadline)}")
    one_more = rotation.rules.max_consecutive
    if one_more.enabled and one_more.one_more_when_told:
        facts.append(
            f"**Periods in a row:** at most {one_more.max}; one more only when nobody else takes it, "
            "with a `reason` and `told` (how the team was told) on that period"
        )
    if rotation.shifts:
        windows = ", ".join(
            f"{text(s.title)} {clock(_at(s.start))}–{clock(_at(s.end))} ({text(s.runs_on())})" for s in rotation.shifts
        )
        facts.append(f"**Daily shifts:** {windows}")
    if rotation.owners:
        facts.append("**Schedule owners:** " + ", ".join(person_md(project, p, links) for p in rotation.owners))
    feed = links.md(rotation_feed_path(rotation_id))
    facts.append(f"**Calendar:** [subscribe to every shift of this rotation]({feed}) (iCalendar feed)")
    return "\n".join(f"- {fact}" for fact in facts) + "\n"


def _at(time: dt.time) -> dt.datetime:
    """A wall-clock time as a datetime, only for formatting it."""
    return dt.datetime.combine(dt.date(2000, 1, 1), time.replace(tzinfo=None))


def _holding(rotation: Rotation, role: Role) -> str:
    if role.per_shift:
        return "one person per daily shift (" + ", ".join(text(s.title) for s in rotation.shifts) + ")"
    if role.per_segment and rotation.segment:
        segment = rotation.segment
        unit = "week" if segment.total_days == 7 else span_text(segment.weeks, segment.days)
        return f"one person per {unit} of the period"
    return "one person per period"


def _eligible(project: Project, role: Role) -> str:
    if role.eligible is None:
        return ""
    parts = []
    if role.eligible.tags:
        parts.append("people tagged " + " or ".join(f"<code>{text(tag)}</code>" for tag in role.eligible.tags))
    if role.eligible.teams:
        names = [text(project.teams[t].name if t in project.teams else t) for t in role.eligible.teams]
        parts.append("members of " + " or ".join(names))
    return "Open to " + "; ".join(parts) + "." if parts else ""


def roles_section(project: Project, rotation_id: str, level: int = 3) -> str:
    """One heading per role, with its title, how it is held, who may hold it, and its description."""
    rotation = project.rotations[rotation_id]
    out: list[str] = []
    for role in rotation.roles:
        out.append(f"{'#' * level} {text(role.title)} {{#role-{role.id}}}")
        out.append("")
        holding = _holding(rotation, role)
        held = f"*{holding[:1].upper()}{holding[1:]}; {'required' if role.required else 'optional'}.*"
        eligible = _eligible(project, role)
        out.append(f"{held} {eligible}".strip())
        out.append("")
        if role.description:
            out += [rich_text.block(role.description), ""]
    return "\n".join(out)


# --- schedule -------------------------------------------------------------------------------------


def current_period(expansion: Expansion, now: dt.datetime) -> PeriodSpan | None:
    return next((p for p in expansion.periods if p.start <= now < p.end), None)


def visible_periods(
    expansion: Expansion, now: dt.datetime, past: int = PAST_PERIODS, upcoming: int = UPCOMING_PERIODS
) -> list[PeriodSpan]:
    """The last `past` periods that ended by `now`, the one running at `now`, and the next `upcoming`."""
    ended = [p for p in expansion.periods if p.end <= now]
    running = [p for p in expansion.periods if p.start <= now < p.end]
    ahead = [p for p in expansion.periods if p.start > now]
    return (ended[-past:] if past else []) + running + ahead[:upcoming]


def _period_dates(span: PeriodSpan, zone_name: str) -> str:
    start, end = to_local(span.start, zone_name).date(), to_local(span.end, zone_name).date()
    if start.year == end.year:
        return f"{day_month(start)} – {day_month(end)} {end.year}"
    return f"{day_month(start)} {start.year} – {day_month(end)} {end.year}"


def _segment_label(rotation: Rotation, segment: int) -> str:
    unit = "Week" if rotation.segment and rotation.segment.total_days == 7 else "Part"
    return f"{unit} {segment + 1}"


def _regular(assignments: list[Assignment]) -> list[Assignment]:
    """Assignments as written under the role keys (not the overrides, which are listed as notes)."""
    return [a for a in assignments if "overrides" not in a.where]


def _role_cell(project: Project, rotation: Rotation, role: Role, held: list[Assignment], links: Links) -> str:
    if not held:
        return "**vacant**" if role.required else "—"
    groups: dict[str | None, list[Assignment]] = defaultdict(list)
    for assignment in held:
        groups[assignment.shift].append(assignment)
    parts = []
    for shift_id in [None, *(s.id for s in rotation.shifts)]:
        if shift_id not in groups:
            continue
        group = sorted(groups[shift_id], key=lambda a: a.segment)
        people = {a.person for a in group}
        if len(people) == 1:
            names = person_md(project, group[0].person, links)
        else:
            names = "<br>".join(
                f"{_segment_label(rotation, a.segment)}: {person_md(project, a.person, links)}" for a in group
            )
        if shift_id is not None:
            title = text(next(s.title for s in rotation.shifts if s.id == shift_id))
            names = f"{title}: {names}" if len(people) == 1 else f"*{title}*<br>{names}"
        parts.append(names)
    return "<br>".join(parts)


def _notes(project: Project, rotation: Rotation, period: ScheduledPeriod, held: list[Assignment]) -> list[str]:
    zone_name = rotation.handoff.timezone
    notes = [text(period.note)] if period.note else []
    if period.vacant:
        notes.append(f"Vacant: {text(period.vacant)}")
    for assignment in held:
        said = [text(assignment.reason)] if assignment.reason else []
        if assignment.told:
            said.append(f"team told: {text(assignment.told)}")
        if said:
            notes.append(f"{person_name(project, assignment.person)}: {'; '.join(said)}")
    for override in period.overrides:
        role = rotation.role(override.role)
        title = text(role.title) if role else text(override.role)
        start, end = local_instant(override.start, zone_name), local_instant(override.end, zone_name)
        note = (
            f"{person_name(project, override.person)} covers {title} "
            f"{_short(start, zone_name)} – {_short(end, zone_name)}"
        )
        notes.append(note + (f": {text(override.reason)}" if override.reason else ""))
    return notes


def _short(moment: dt.datetime, zone_name: str) -> str:
    local = to_local(moment, zone_name)
    return f"{day_month(local.date())} {clock(local)}"


def schedule_table(
    project: Project,
    expansion: Expansion,
    now: dt.datetime,
    links: Links,
    past: int = PAST_PERIODS,
    upcoming: int = UPCOMING_PERIODS,
) -> str:
    """The last `past` and next `upcoming` periods as a table; the period running at `now` is marked."""
    rotation = expansion.rotation
    zone_name = rotation.handoff.timezone
    shown = visible_periods(expansion, now, past, upcoming)
    if not shown:
        return "*No periods are scheduled yet.*\n"
    by_period: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in expansion.assignments:
        by_period[assignment.period].append(assignment)
    rows = []
    any_notes = False
    for span in shown:
        held = _regular(by_period[span.index])
        period = rotation.schedule[span.index]
        dates = _period_dates(span, zone_name)
        if span.start <= now < span.end:
            dates = f'<strong class="duty-current">Now</strong> · **{dates}**'
        cells = [dates]
        for role in rotation.roles:
            cells.append(_role_cell(project, rotation, role, [a for a in held if a.role == role.id], links))
        notes = _notes(project, rotation, period, held)
        any_notes = any_notes or bool(notes)
        cells.append("<br>".join(notes))
        rows.append(cells)
    header = ["Period", *(text(role.title) for role in rotation.roles), "Notes"]
    if not any_notes:
        header.pop()
        rows = [row[:-1] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    handoff = rotation.handoff
    caption = (
        f"Each period starts {_weekday(rotation)} at {clock(_at(handoff.time))} {text(zone_name)}. "
        f"Shown as of the last build ({text(zoned_long(now, 'UTC'))}): "
        f"up to {past} past periods, the current one and the next {upcoming}."
    )
    paste = header_box(channel_header(project, expansion, now), "Channel header at the last build")
    return caption + "\n\n" + "\n".join(lines) + "\n\n" + paste + "\n"


# --- escalation -----------------------------------------------------------------------------------


def _step_when(step: EscalationStep) -> str:
    """'paged after 15 min', the rotation's own words for a judgement call, or both."""
    if step.after_minutes is None:
        return step.when or ""
    return _delay(step.after_minutes) + (f" ({step.when})" if step.when else "")


def _delay(minutes: int) -> str:
    if minutes == 0:
        return "paged at once"
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"paged after {hours} h {rest} min"
    return f"paged after {hours} h" if hours else f"paged after {minutes} min"


def _holders_now(duty: Duty, role_id: str) -> list[str]:
    seen: list[str] = []
    for shift in duty.holders(role_id):
        if shift.person not in seen:
            seen.append(shift.person)
    return seen


MERMAID_SCRIPT = "assets/vendor/mermaid.min.js"
# Characters allowed as they are in a Mermaid label; everything else becomes a `#code;` entity, so no
# name can end the label, start a new statement, or carry markup (Mermaid shows entities as text).
_MERMAID_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:()-")


def mermaid_label(value: str) -> str:
    """A quoted Mermaid label showing `value` literally."""
    return '"' + "".join(c if c in _MERMAID_PLAIN else f"#{ord(c)};" for c in value) + '"'


def escalation_diagram(steps: list[tuple[str, str, list[str]]], links: Links) -> str:
    """A Mermaid flowchart of (delay, role title, names) steps, rendered by the locally vendored Mermaid.

    Material draws ```mermaid fences with the `mermaid` it finds on the page, and would fetch it from a
    CDN otherwise; the script tag loads our copy, on the pages that have a diagram only.
    """
    lines = ["flowchart TD", f"  page([{mermaid_label('A page goes out')}])"]
    previous = "page"
    for number, (delay, title, names) in enumerate(steps, start=1):
        node = f"step{number}"
        label = mermaid_label(title) if not names else mermaid_label(f"{title}: {', '.join(names)}")
        lines.append(f"  {previous} -->|{mermaid_label(delay)}| {node}[{label}]")
        previous = node
    script = f'<script src="{attr(links.url(MERMAID_SCRIPT))}"></script>'
    return script + "\n\n```mermaid\n" + "\n".join(lines) + "\n```"


def escalation_section(project: Project, expansion: Expansion, now: dt.datetime, links: Links) -> str:
    """The paging order as a Mermaid diagram and as a table, with who is on duty at `now`."""
    rotation = expansion.rotation
    if not rotation.escalation:
        return "*This rotation pages nobody: requests wait for whoever is on duty.*\n"
    duty = duty_at(expansion, now)
    steps: list[tuple[str, str, list[str]]] = []
    rows = ["| Step | When | Role | On duty at the last build |", "| --- | --- | --- | --- |"]
    for number, step in enumerate(rotation.escalation, start=1):
        title = text(rotation.role_title(step.role))
        people = _holders_now(duty, step.role)
        md_names = ", ".join(person_md(project, p, links) for p in people) or "nobody scheduled"
        delay = _step_when(step)
        if number > 1 and step.after_minutes is not None:
            delay = f"no acknowledgement: {delay}"
        names = [project.people[p].name if p in project.people else p for p in people]
        steps.append((delay, rotation.role_title(step.role), names or ["nobody scheduled"]))
        when = _step_when(step)
        rows.append(f"| {number} | {text(when[:1].upper() + when[1:])} | {title} | {md_names} |")
    return escalation_diagram(steps, links) + "\n\n" + "\n".join(rows) + "\n"


# --- team -----------------------------------------------------------------------------------------


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
                when += f" at {clock(_at(meeting.time))} {text(meeting.timezone)}"
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


# --- a whole page ---------------------------------------------------------------------------------


def rotation_page(project: Project, expansion: Expansion, now: dt.datetime, links: Links) -> str:
    """A complete page for a rotation that has no hand-written page in docs/rotations/ yet."""
    rotation_id = expansion.rotation_id
    rotation = expansion.rotation
    parts = [f"# {text(rotation.name)}", ""]
    purpose = rotation_purpose(project, rotation_id)
    if purpose:
        parts += [purpose]
    team = rotation.team if rotation.team in project.teams else None
    parts += [rotation_facts(project, rotation_id, links)]
    parts += ["## On duty now", "", rotation_on_duty(project, expansion, now, links)]
    if team and (mission := team_mission(project, team)):
        parts += [f"## {text(project.teams[team].name)}", "", mission]
    if team and project.teams[team].ownership:
        parts += ["## Priority of work", "", team_ownership(project, team)]
    parts += ["## Roles", "", roles_section(project, rotation_id)]
    parts += ["## Rules", "", rules_in_force(project, rotation_id) or "*No rule is checked for this rotation.*\n"]
    if listed := runbooks(project, rotation_id, links):
        parts += ["## Runbooks", "", listed]
    parts += ["## Schedule", "", schedule_table(project, expansion, now, links)]
    parts += ["## Escalation policy", "", escalation_section(project, expansion, now, links)]
    if team:
        parts += ["## How to reach the team", "", team_contacts(project, team)]
        parts += ["## Recurring meetings", "", team_meetings(project, team, links)]
    parts += [
        f"*This page is generated from `data/rotations/{rotation_id}.yml`. "
        f"To describe how the rotation works, write `docs/rotations/{rotation_id}.md`.*",
        "",
    ]
    return "\n".join(parts)
