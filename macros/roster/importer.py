"""`import`: a rotation's `schedule:` periods from an exported on-call calendar (ICS), so a team moves in with
its history.

PagerDuty, Opsgenie and Google Calendar all export on-call shifts as events whose summary names the person
("On call: Rosa Diaz", "rosa - Primary"). Each event is read with the icalendar library; its start, taken in
the rotation's hand-off zone, falls in one period (a period starts on the hand-off weekday and lasts the
rotation's `period`), and an event lasting several periods fills each of them. The summary is matched
against every person's name, handle and id, whole words only, case ignored; a summary that names nobody,
or more than one person, is listed as unmatched and left out. The periods are written into the file's
schedule in date order: a date already there gets the role's holder replaced, a new one a new entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from icalendar import Calendar
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from macros.model.project import Project
from macros.model.types import Rotation
from macros.roster.edits import EditError
from macros.roster.yamledit import RoundTrip, date_value, is_flow, new_map, new_seq
from macros.schedule.localtime import add_days, to_local

MAX_PERIODS = 2000  # about 40 years of weekly periods: a longer export is a mistake


@dataclass(frozen=True)
class CalendarEvent:
    summary: str
    start: dt.datetime  # aware
    end: dt.datetime


@dataclass
class ImportedSchedule:
    """Who holds the role in each period start (local dates), and the events that named nobody."""

    holders: dict[dt.date, str] = field(default_factory=dict)
    unmatched: list[CalendarEvent] = field(default_factory=list)


def _aware(value: dt.date | dt.datetime, zone: str) -> dt.datetime:
    """An instant for a DTSTART/DTEND: floating times and all-day dates are read in the rotation's zone."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(zone))
    return dt.datetime.combine(value, dt.time(0), ZoneInfo(zone))


def read_events(data: bytes, zone: str) -> list[CalendarEvent]:
    """The VEVENTs of an ICS file (one calendar or several concatenated); EditError when it is not one."""
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except ValueError as exc:
        raise EditError(f"the file is not an iCalendar file: {exc}") from None
    events = []
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            start, end = event.get("DTSTART"), event.get("DTEND")
            if start is None:
                continue
            begins = _aware(start.dt, zone)
            ends = _aware(end.dt, zone) if end is not None else begins + dt.timedelta(seconds=1)
            events.append(CalendarEvent(str(event.get("SUMMARY", "")), begins, ends))
    return sorted(events, key=lambda e: (e.start, e.summary))


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w.@-]+", text.casefold())) + " "


def match_person(summary: str, project: Project) -> str | None:
    """The one person whose name, handle or id the summary contains as whole words; None if none or several."""
    words = _words(summary)
    found = set()
    for person_id, person in project.people.items():
        names = {person.name, person.handle, f"@{person.handle}", person_id}
        if any(_words(name) in words for name in names if name.strip()):
            found.add(person_id)
    return found.pop() if len(found) == 1 else None


def _period_starts(rotation: Rotation, event: CalendarEvent) -> list[dt.date]:
    """The local start dates of the periods the event overlaps."""
    zone = rotation.handoff.timezone
    first_day = to_local(event.start, zone).date()
    day = add_days(first_day, -((first_day.weekday() - rotation.handoff.weekday.number) % 7))
    last_day = to_local(event.end - dt.timedelta(seconds=1), zone).date()
    starts: list[dt.date] = []
    while day <= last_day and len(starts) < MAX_PERIODS:
        starts.append(day)
        day = add_days(day, rotation.period.total_days)
    return starts


def import_schedule(project: Project, rotation_id: str, role_id: str, events: list[CalendarEvent]) -> ImportedSchedule:
    """Match each event to a person and spread it over the rotation's periods (a later event wins a period)."""
    rotation = project.rotations[rotation_id]
    role = rotation.role(role_id)
    if role is None:
        known = ", ".join(r.id for r in rotation.roles)
        raise EditError(f"'{role_id}' is not a role of {rotation_id}: expected one of {known}")
    if role.per_shift or role.per_segment:
        raise EditError(f"{role_id} is held per daily shift or segment; import fills roles held for a whole period")
    result = ImportedSchedule()
    for event in events:
        person = match_person(event.summary, project)
        if person is None:
            result.unmatched.append(event)
            continue
        for start in _period_starts(rotation, event):
            result.holders[start] = person
    return result


def write_imported(document: RoundTrip, role_id: str, imported: ImportedSchedule) -> int:
    """Put the imported holders into `document`'s schedule in date order; the number of periods written."""
    data = document.data
    schedule = data.get("schedule")
    if not isinstance(schedule, CommentedSeq) or (len(schedule) == 0 and is_flow(schedule)):
        schedule = new_seq([], flow=False)
        data["schedule"] = schedule
    flow = len(schedule) > 0 and is_flow(schedule[-1])
    for start, person in sorted(imported.holders.items()):
        existing = [(i, p) for i, p in enumerate(schedule) if isinstance(p, CommentedMap)]
        same = next((p for _, p in existing if date_value(p.get("start")) == start), None)
        if same is not None:
            same[role_id] = person
            continue
        later = next((i for i, p in existing if (date_value(p.get("start")) or dt.date.max) > start), len(schedule))
        schedule.insert(later, new_map([("start", start), (role_id, person)], flow=flow))
    return len(imported.holders)
