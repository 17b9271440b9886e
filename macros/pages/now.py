"""The "On duty now" page: for every rotation, who holds each role now and next, and the channel header.

The page is built as of the build's `now`, so it is right without JavaScript on the day it was built
and says so. `docs/assets/js/now.js` then re-does the same work in the browser from
`api/schedule.json` at the viewer's own clock, filling the same elements this module writes: the
`data-duty-*` attributes below are the contract between the two. Person cards are written once per
person as `<template>` elements, so the script never builds HTML from data (names stay text).
"""

from __future__ import annotations

import datetime as dt

from macros.feeds.api_json import SCHEDULE_PATH, utc_text
from macros.feeds.catalog import rotation_feed_path
from macros.feeds.now_json import NOW_PATH
from macros.model.project import Project
from macros.model.types import Rotation
from macros.pages.avatar import avatar
from macros.pages.links import person_html, rotation_page
from macros.pages.markup import Links, attr, handle, text, zoned, zoned_long
from macros.pages.parts import json_attribute
from macros.schedule.expansion import Expansion, Shift, segment_bounds
from macros.schedule.onduty import Duty, duty_at, role_order

NOBODY = "nobody"
NO_ONE = "no one"
HEADERS_BEFORE_BUILD = dt.timedelta(weeks=4)
HEADERS_AFTER_BUILD = dt.timedelta(weeks=13)


def _role_label(rotation: Rotation, shift: Shift) -> str:
    """`Primary`, or `Primary (Europe)` for a role held per daily shift."""
    title = rotation.role_title(shift.role)
    daily = next((d for d in rotation.shifts if d.id == shift.shift), None)
    return f"{title} ({daily.title})" if daily else title


def _holders_text(project: Project, rotation: Rotation, shifts: tuple[Shift, ...]) -> str:
    """`Lead @ana · Primary (EMEA) @ben · Backup (EMEA) @cy`: each role and daily shift with its holders."""
    parts: list[str] = []
    labels: dict[str, list[str]] = {}
    for shift in shifts:
        label = _role_label(rotation, shift)
        person = project.people.get(shift.person)
        who = f"@{person.handle}" if person else shift.person
        if label not in labels:
            labels[label] = []
            parts.append(label)
        if who not in labels[label]:
            labels[label].append(who)
    return " · ".join(f"{label} {' & '.join(labels[label])}" for label in parts) or NO_ONE


def channel_headers(
    project: Project, expansion: Expansion, between: tuple[dt.datetime, dt.datetime] | None = None
) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """The channel header of every segment (every period, when the rotation has none): (start, end, text);
    with `between` (since, until), only those of the periods that overlap it (a page shows a few of years).

    A header names the whole team of its segment, every role and every daily shift, so it stays right
    until the segment ends rather than expiring at the next daily shift change. Covers (overrides) for
    part of a shift are left out: the header is the team, the page shows who covers right now.
    """
    rotation = expansion.rotation
    zone_name = rotation.handoff.timezone
    spans = [s for s in expansion.periods if between is None or (s.end > between[0] and s.start <= between[1])]
    wanted = {span.index for span in spans}
    by_period: dict[int, list[Shift]] = {}
    for shift in expansion.shifts:
        if not shift.override and shift.period in wanted:
            by_period.setdefault(shift.period, []).append(shift)
    headers = []
    for span in spans:
        for segment in range(rotation.segments_per_period):
            start, end = segment_bounds(rotation, span, segment)
            held = role_order(
                rotation, tuple(s for s in by_period.get(span.index, []) if s.start < end and start < s.end)
            )
            line = rotation.channel_header.format(
                rotation=rotation.name, holders=_holders_text(project, rotation, held), until=zoned(end, zone_name)
            )
            headers.append((start, end, line))
    return headers


def no_one_header(rotation: Rotation) -> str:
    """The header outside the schedule."""
    return f"{rotation.name}: {NO_ONE} scheduled"


def channel_header(project: Project, expansion: Expansion, moment: dt.datetime) -> str:
    """The one line for the team channel's header at `moment`, as plain (unescaped) text.

    `Sustain: Lead @ana · Primary @ben · Backup @cy, until Mon 30 Nov 09:00 Europe/Berlin`
    """
    return next(
        (line for start, end, line in channel_headers(project, expansion, (moment, moment)) if start <= moment < end),
        no_one_header(expansion.rotation),
    )


def header_box(header: str, label: str = "Channel header") -> str:
    """The header text with a copy button (Material copies `data-clipboard-text`), as one line of HTML."""
    return (
        f'<div class="duty-header"><span class="duty-role__label">{text(label)}</span>'
        f"<code data-duty-header>{text(header)}</code>"
        f'<button type="button" class="md-button duty-copy" data-duty-copy data-clipboard-text="{attr(header)}" '
        f'title="Copy the channel header">Copy</button></div>'
    )


def person_card(project: Project, person_id: str, links: Links) -> str:
    """A person as shown on the page: picture or initials avatar, name linking to their page, handle, team."""
    person = project.people[person_id]
    team = project.teams.get(person.team)
    team_name = text(team.name if team else person.team)
    return (
        f'<div class="duty-person">{avatar(person_id, person, root=links.root())}'
        f'<div class="duty-person__text">{person_html(project, person_id, links)}'
        f'<span class="duty-person__meta">{handle(person.handle)} · {team_name}</span></div></div>'
    )


def _shift_label(rotation: Rotation, shift: Shift) -> str:
    daily = next((d for d in rotation.shifts if d.id == shift.shift), None)
    return f'<span class="duty-shift">{text(daily.title)}</span>' if daily else ""


def _cards(project: Project, rotation: Rotation, shifts: tuple[Shift, ...], links: Links) -> str:
    cards = []
    for shift in shifts:
        card = person_card(project, shift.person, links) if shift.person in project.people else text(shift.person)
        cards.append(_shift_label(rotation, shift) + card)
    return "".join(cards) or f'<p class="duty-none">{NOBODY}</p>'


def _time(moment: dt.datetime, zone_name: str) -> str:
    return f'<time datetime="{utc_text(moment)}">{text(zoned(moment, zone_name))}</time>'


def handoff_line(duty: Duty) -> str:
    """The next hand-off in the rotation's zone and in UTC; the script adds the reader's zone and a countdown."""
    zone_name = duty.rotation.handoff.timezone
    if duty.past_the_end:
        return (
            '<p class="duty-handoff duty-handoff--none" data-duty-handoff><strong>No one is scheduled.</strong> '
            "The schedule has ended: add periods to the rotation's data file.</p>"
        )
    if duty.handoff is None or duty.handoff == duty.scheduled_until:  # the schedule ends at the hand-off
        end = duty.scheduled_until or duty.moment
        return (
            f'<p class="duty-handoff" data-duty-handoff>The schedule ends {_time(end, zone_name)} '
            f'<span data-duty-local>({text(zoned(end, "UTC"))})</span>; '
            "no one is scheduled after that.</p>"
        )
    return (
        f'<p class="duty-handoff" data-duty-handoff>Next hand-off: {_time(duty.handoff, zone_name)} '
        f'<span data-duty-local>({text(zoned(duty.handoff, "UTC"))})</span>.</p>'
    )


def rotation_block(project: Project, expansion: Expansion, now: dt.datetime, links: Links) -> str:
    """One rotation: a Markdown heading and links, then the HTML the script refreshes."""
    rotation = expansion.rotation
    rotation_id = expansion.rotation_id
    duty = duty_at(expansion, now)
    roles = []
    for role in rotation.roles:
        roles.append(
            f'<div class="duty-role" data-duty-role="{attr(role.id)}">'
            f'<p class="duty-role__title">{text(role.title)}</p>'
            f'<div class="duty-role__now" data-duty-now>{_cards(project, rotation, duty.holders(role.id), links)}</div>'
            f'<div class="duty-role__next"><span class="duty-role__label">Next</span>'
            f'<div data-duty-next>{_cards(project, rotation, duty.holders(role.id, upcoming=True), links)}</div></div>'
            "</div>"
        )
    header = channel_header(project, expansion, now)
    # The script picks the header of the viewer's moment from this list: one rendering, in Python. It spans
    # a few weeks before the build (a clock behind, a cached page) to a quarter after it: the handbook is
    # rebuilt far more often than that, and the whole schedule would make the page several times larger.
    since, until = now - HEADERS_BEFORE_BUILD, now + HEADERS_AFTER_BUILD
    headers = channel_headers(project, expansion, (since, until))
    live = [[utc_text(start), utc_text(end), line] for start, end, line in headers if end > since and start < until]
    html = (
        f'<div class="duty-rotation" data-duty-rotation="{attr(rotation_id)}" '
        f'data-duty-zone="{attr(rotation.handoff.timezone)}" '
        f'data-duty-headers="{json_attribute(live)}" data-duty-header-none="{attr(no_one_header(rotation))}">\n'
        f'<div class="duty-roles">{"".join(roles)}</div>\n'
        f"{handoff_line(duty)}\n"
        f"{header_box(header)}\n"
        "</div>"
    )
    page = links.md(rotation_page(rotation_id))
    feed = links.md(rotation_feed_path(rotation_id))
    return (
        f"## {text(rotation.name)} {{#{rotation_id}}}\n\n"
        f"[How this rotation works]({page}) · [Calendar feed]({feed})\n\n"
        f"{html}\n"
    )


def now_page(project: Project, expansions: dict[str, Expansion], now: dt.datetime, links: Links) -> str:
    """The whole dynamic part of `docs/now.md`: status line, one block per rotation, the person templates."""
    status = (
        f'<p class="duty-status" data-duty-status data-duty-schedule="{attr(links.url(SCHEDULE_PATH))}" '
        f'data-duty-window="{attr(links.url(NOW_PATH))}" '
        f'data-duty-built="{utc_text(now)}"><strong>As of the last build, {text(zoned_long(now, "UTC"))}.</strong> '
        "Without JavaScript this page cannot follow the clock: it shows who was on duty when the handbook "
        "was built, with hand-off times in each rotation's zone and in UTC.</p>"
    )
    # Screen readers hear who is on duty when the script has worked it out, and again at each hand-off.
    status += '\n<p class="hb-visually-hidden" role="status" aria-live="polite" data-duty-announce></p>'
    blocks = [rotation_block(project, expansions[r], now, links) for r in project.rotations if r in expansions]
    if not blocks:
        blocks = ["*No rotations yet: add one under `data/rotations/`.*\n"]
    templates = "".join(
        f'<template data-duty-person="{attr(person_id)}">{person_card(project, person_id, links)}</template>'
        for person_id in project.people
    )
    people = f'<div class="duty-people" hidden>{templates}</div>'
    return status + "\n\n" + "\n".join(blocks) + "\n" + people + "\n"
