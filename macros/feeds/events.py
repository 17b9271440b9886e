"""Turning expanded shifts into calendar events: title, description, and a UID derived from the data.

UID: `<rotation>.<role>.<period start>.<daily shift or "all">[.<day of the daily window>].s<segment>.<holder>[.<n>]`
then `@duty-handbook` (dots separate the parts because ids may contain dashes). It names what the event means:
the slot (rotation, role, period, segment, daily window) and whose piece of it the event is: `<holder>` is the
person id of the assigned holder, or `cover-<person id>` for someone covering part of it (an override). A
holder's second and later pieces of one slot (an override in the middle cuts it in two) end in `.2`, `.3`.

So an override adds an event for the cover and only moves the start or end of the holder's event, and a UID
never moves from one person's feed to another's: a swap removes one person's event and adds the other's.

Times stay instants (UTC) here; `ics_writer` writes them in the rotation's zone.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from functools import partial

from macros.feeds.event_content import EventContent
from macros.feeds.plain_text import plain_line
from macros.feeds.settings import UID_DOMAIN, FeedSettings, Window
from macros.model.project import Project
from macros.model.reuse import Reuse
from macros.model.types import DailyShift, Person, Rotation
from macros.schedule.expansion import Expansion, Shift
from macros.schedule.localtime import to_local

# More hand-overs than this during one event are summarised as "A, B (taking turns)".
_MAX_TURNS = 4
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def local_text(moment: dt.datetime, zone_name: str) -> str:
    """`Mon 2026-09-07 09:00` in the zone, spelt out by hand so no locale setting can change it."""
    local = to_local(moment, zone_name)
    return f"{_WEEKDAYS[local.weekday()][:3]} {local:%Y-%m-%d %H:%M}"


def handoff_text(rotation: Rotation) -> str:
    days = rotation.period.total_days
    if days % 7 == 0:
        every = "every week" if days == 7 else f"every {days // 7} weeks"
    else:
        every = "every day" if days == 1 else f"every {days} days"
    handoff = rotation.handoff
    return f"{every} on {handoff.weekday.day_name} at {handoff.time:%H:%M} ({handoff.timezone})"


def person_name(people: Mapping[str, Person], person_id: str) -> str:
    person = people.get(person_id)
    return person.name if person else person_id


def public_contact(person: Person) -> list[str]:
    """The chat handle, plus e-mail and phone only when the person made them public (the site has no login)."""
    shown = [f"@{person.handle}"]
    contact = person.contact
    if "email" in contact.public and contact.email:
        shown.append(contact.email)
    if "phone" in contact.public and contact.phone:
        shown.append(contact.phone)
    return shown


def window_day(shift: Shift, rotation: Rotation) -> dt.date | None:
    """The local date a daily window starts on (after midnight, a piece of an overnight window is the day before's)."""
    if shift.shift is None:
        return None
    daily = next((d for d in rotation.shifts if d.id == shift.shift), None)
    local = to_local(shift.start, rotation.handoff.timezone)
    if daily is not None and daily.end <= daily.start and local.time() < daily.start:
        return local.date() - dt.timedelta(days=1)
    return local.date()


def shift_uids(expansion: Expansion, periods: Container[int] | None = None) -> list[str]:
    """A UID for every shift of the expansion, in the order of `expansion.shifts` (see the module docstring).

    With `periods`, only the shifts of those periods get one (the others get ""): a UID depends only on the
    shifts of its own slot, which lies within one period, so a feed or the JSON that shows a few weeks of a
    long schedule need not work out the UIDs of all its years."""
    rotation = expansion.rotation
    period_days = {span.index: span.day for span in expansion.periods}
    # One holder's pieces of one slot: the assigned holder's, or one cover's (an override).
    pieces: dict[tuple[str, int, int, str, dt.date | None, str, bool], list[int]] = defaultdict(list)
    for index, shift in enumerate(expansion.shifts):
        if periods is not None and shift.period not in periods:
            continue
        slot = (shift.role, shift.period, shift.segment, shift.shift or "", window_day(shift, rotation))
        pieces[(*slot, shift.person, shift.override)].append(index)
    uids = [""] * len(expansion.shifts)
    for (role, period, segment, shift_id, day, person, cover), indexes in pieces.items():
        parts = [expansion.rotation_id, role, period_days[period].isoformat(), shift_id or "all"]
        if day is not None:
            parts.append(day.isoformat())
        parts += [f"s{segment}", f"cover-{person}" if cover else person]
        in_order = sorted(indexes, key=lambda i: (expansion.shifts[i].start, expansion.shifts[i].end, i))
        for number, index in enumerate(in_order, start=1):
            uids[index] = ".".join(parts if number == 1 else [*parts, str(number)]) + f"@{UID_DOMAIN}"
    return uids


class _Holders:
    """Who holds each role of one rotation when, for naming the escalation chain of an event."""

    def __init__(self, shifts: Iterable[Shift]) -> None:
        by_role: dict[str, list[Shift]] = defaultdict(list)
        for shift in shifts:
            by_role[shift.role].append(shift)
        self.by_role = {role: sorted(items, key=lambda s: (s.start, s.end)) for role, items in by_role.items()}
        self.starts = {role: [s.start for s in items] for role, items in self.by_role.items()}
        self.longest = {role: max(s.end - s.start for s in items) for role, items in self.by_role.items()}

    def during(self, role: str, start: dt.datetime, end: dt.datetime) -> list[str]:
        """The people holding `role` during [start, end), in the order they take over (again when they return)."""
        items = self.by_role.get(role, [])
        if not items:
            return []
        starts = self.starts[role]
        low = bisect.bisect_left(starts, start - self.longest[role])
        high = bisect.bisect_left(starts, end)
        people: list[str] = []
        for shift in items[low:high]:
            if shift.end > start and people[-1:] != [shift.person]:
                people.append(shift.person)
        return people


def _escalation_lines(texts: _RotationTexts, holders: _Holders, shift: Shift) -> list[str]:
    lines: list[str] = []
    people = texts.project.people
    for number, step in enumerate(texts.rotation.escalation, start=1):
        title = texts.role_title(step.role)
        if step.after_minutes is None:
            when = step.when or ""  # a judgement call, in the rotation's own words
        else:
            when = "paged first" if step.after_minutes == 0 else f"after {step.after_minutes} minutes"
            when += f" ({step.when})" if step.when else ""
        names = [person_name(people, p) for p in holders.during(step.role, shift.start, shift.end)]
        if len(names) > _MAX_TURNS:  # daily shifts under a long event: name each person once
            who = f": {', '.join(dict.fromkeys(names))} (taking turns)"
        else:
            who = f": {', then '.join(names)}" if names else ""
        lines.append(f"{number}. {title}, {when}{who}")
    return lines


def daily_text(daily: DailyShift, zone_name: str) -> str:
    """The daily window's own hours and hand-off: a daily shift hands over every day, not at the cycle's end."""
    return (
        f"The {daily.title} shift runs {daily.runs_on()}, {daily.start:%H:%M}–{daily.end:%H:%M} ({zone_name}), "
        f"and hands over at {daily.end:%H:%M}"
    )


class _RotationTexts:
    """What the events of one rotation say alike, worked out once per rotation rather than once per event:
    role titles, each daily shift's hours, the hand-off, the handbook link, and each holder with contacts."""

    def __init__(self, project: Project, rotation_id: str, rotation: Rotation, settings: FeedSettings) -> None:
        self.project = project
        self.rotation = rotation
        self.zone = rotation.handoff.timezone
        self.dailies: dict[str, DailyShift] = {}
        self.role_titles: dict[str, str] = {}
        for daily in rotation.shifts:  # the first of two with one id, as `Rotation.role` and `next(...)` find
            self.dailies.setdefault(daily.id, daily)
        for role in rotation.roles:
            self.role_titles.setdefault(role.id, role.title)
        handoff = handoff_text(rotation)
        self.handoff_line = f"Hand-off {handoff}."
        self.daily_lines = {
            shift_id: f"{daily_text(daily, self.zone)}. Holders change {handoff}."
            for shift_id, daily in self.dailies.items()
        }
        page = settings.page_link(settings.rotation_page.format(rotation=rotation_id))
        self.url = page if settings.base_url else None
        # A path inside the site is no link a calendar app can open.
        self.link_lines = ["", f"Handbook: {page}"] if settings.base_url else []
        self._holders: dict[str, str] = {}
        self._summaries: dict[tuple[str, str, str], str] = {}

    def role_title(self, role: str) -> str:
        """As `Rotation.role_title`: the bare id of a role that is not defined."""
        return self.role_titles.get(role, role)

    def summary(self, shift: Shift) -> str:
        """`summary` of the shift, made once per role, daily shift and person."""
        key = (shift.role, shift.shift or "", shift.person)
        text = self._summaries.get(key)
        if text is None:
            text = self._summaries[key] = summary(self.project, self.rotation, shift)
        return text

    def holder(self, person_id: str) -> str:
        """`Name (@handle, public contacts)`, or the bare id of someone not in the roster."""
        text = self._holders.get(person_id)
        if text is None:
            person = self.project.people.get(person_id)
            text = f"{person.name} ({', '.join(public_contact(person))})" if person else person_id
            self._holders[person_id] = text
        return text


def _description(texts: _RotationTexts, shift: Shift, holders: _Holders) -> str:
    rotation, zone_name = texts.rotation, texts.zone
    daily = texts.dailies.get(shift.shift) if shift.shift else None
    lines = [
        f"{texts.role_title(shift.role)} in {rotation.name}{f', {daily.title} shift' if daily else ''}: "
        f"{texts.holder(shift.person)}.",
        f"On duty {local_text(shift.start, zone_name)} to {local_text(shift.end, zone_name)} ({zone_name}).",
    ]
    reason = plain_line(shift.reason) if shift.reason else ""
    if shift.override:
        lines.append(f"Covers part of the shift{f': {reason}' if reason else '.'}")
    elif reason:
        lines.append(f"Note: {reason}")
    lines.append(texts.daily_lines[daily.id] if daily is not None else texts.handoff_line)
    escalation = _escalation_lines(texts, holders, shift)
    if escalation:
        lines += ["", "Escalation order:", *escalation]
    lines += texts.link_lines
    return "\n".join(lines)


def summary(project: Project, rotation: Rotation, shift: Shift) -> str:
    """`Rotation name · Role title: Person name`, with the daily shift's title after the role when there is one."""
    role_title = rotation.role_title(shift.role)
    daily = next((d for d in rotation.shifts if d.id == shift.shift), None)
    if daily is not None:
        role_title += f" ({daily.title})"
    return f"{rotation.name} · {role_title}: {person_name(project.people, shift.person)}"


def rotation_events(
    project: Project, expansion: Expansion, window: Window | None, settings: FeedSettings
) -> list[EventContent]:
    """The rotation's shifts that overlap `window` (all of them when it is None) as events, in time order."""
    rotation = expansion.rotation
    shown = None if window is None else {s.period for s in expansion.shifts if window.overlaps(s.start, s.end)}
    uids = shift_uids(expansion, shown)
    holders = _Holders(expansion.shifts)
    texts = _RotationTexts(project, expansion.rotation_id, rotation, settings)
    events = []
    for shift, uid in zip(expansion.shifts, uids, strict=True):
        if window is not None and not window.overlaps(shift.start, shift.end):
            continue
        events.append(
            EventContent(
                uid=uid,
                summary=texts.summary(shift),
                description=_description(texts, shift, holders),
                start=shift.start,
                end=shift.end,
                zone=texts.zone,
                url=texts.url,
                shift=shift,
            )
        )
    return sorted(events, key=lambda e: (e.start, e.uid))


def people_named(project: Project, expansion: Expansion) -> tuple[tuple[str, Person | None], ...]:
    """Each person the rotation's shifts name, with their model object: what its events and JSON rows read of
    the people, as inputs a `Reuse` compares (a renamed person is a new object)."""
    return tuple((p, project.people.get(p)) for p in sorted({shift.person for shift in expansion.shifts}))


def shift_events(
    project: Project,
    expansions: Mapping[str, Expansion],
    window: Window | None,
    settings: FeedSettings,
    reuse: Reuse | None = None,
) -> list[EventContent]:
    """Every rotation's events, rotation by rotation in id order.

    With `reuse`, a rotation's events are made again only when its expansion, the people it names or the
    settings changed (`rotation_events` reads nothing else): a one-line edit rewrites one rotation's texts.
    """
    events: list[EventContent] = []
    for rotation_id in sorted(expansions):
        expansion = expansions[rotation_id]
        if reuse is None:
            events += rotation_events(project, expansion, window, settings)
            continue
        inputs = (expansion, repr(window), repr(settings), people_named(project, expansion))
        make = partial(rotation_events, project, expansion, window, settings)
        events += reuse.get(("rotation events", rotation_id), inputs, make)
    return events


def events_of(
    events: Sequence[EventContent], *, rotation: str = "", role: str = "", person: str = ""
) -> list[EventContent]:
    """The shift events matching every given id (an empty id matches anything)."""
    return [
        e
        for e in events
        if e.shift is not None
        and (not rotation or e.shift.rotation == rotation)
        and (not role or e.shift.role == role)
        and (not person or e.shift.person == person)
    ]
