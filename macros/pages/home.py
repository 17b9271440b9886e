"""The home page's overview: every rotation, who is on duty, and the next hand-off.

Built as of the build's `now` (the no-JavaScript answer, marked "as of"), then kept right by
`docs/assets/js/now.js` at the reader's clock from `api/schedule.json`: the table carries the same
`data-duty-*` contract as the "On duty now" page (see `macros.pages.now`), so one script answers "who is
on duty at instant T" for both. No countdown is written here: a relative time in HTML is wrong minutes
later, so only the script shows one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from macros.feeds.api_json import SCHEDULE_PATH, utc_text
from macros.model.project import Project
from macros.pages.links import NOW_PAGE, PEOPLE_INDEX, person_html, rotation_page
from macros.pages.markup import Links, attr, text, zoned_long
from macros.pages.now import handoff_line
from macros.schedule.expansion import Expansion
from macros.schedule.onduty import duty_at


def _holders(project: Project, people: list[str], links: Links) -> str:
    return ", ".join(person_html(project, p, links) for p in people) or '<p class="duty-none">nobody</p>'


def _status(now: dt.datetime, links: Links) -> str:
    return (
        f'<p class="duty-status" data-duty-status data-duty-schedule="{attr(links.url(SCHEDULE_PATH))}" '
        f'data-duty-built="{utc_text(now)}"><strong>As of the last build, {text(zoned_long(now, "UTC"))}.</strong> '
        f'The <a href="{attr(links.url(NOW_PAGE))}">On duty now</a> page gives the channel header to paste.</p>'
    )


def _row(project: Project, expansion: Expansion, now: dt.datetime, links: Links) -> str:
    rotation_id, rotation = expansion.rotation_id, expansion.rotation
    duty = duty_at(expansion, now)
    name = f'<a href="{attr(links.url(rotation_page(rotation_id)))}">{text(rotation.name)}</a>'
    if rotation.description:
        name += f"<br>{text(rotation.description)}"
    roles = []
    for role in rotation.roles:
        people = list(dict.fromkeys(s.person for s in duty.holders(role.id)))
        roles.append(
            f'<div class="duty-overview__role" data-duty-role="{attr(role.id)}">'
            f'<span class="duty-role__label">{text(role.title)}</span> '
            f"<span data-duty-now>{_holders(project, people, links)}</span></div>"
        )
    return (
        f'<tr data-duty-rotation="{attr(rotation_id)}" data-duty-zone="{attr(rotation.handoff.timezone)}">'
        f"<td>{name}</td><td>{''.join(roles)}</td><td>{handoff_line(duty)}</td></tr>"
    )


def _table(project: Project, shown: list[Expansion], rows: list[str], links: Links) -> str:
    """The rows in a table, then one link template per person who holds a shift of a rotation shown (what
    now.js shows for a holder; it falls back to the name from the JSON). Only those: a template for everyone
    on every rotation's page would make the pages grow as rotations × people."""
    holders = dict.fromkeys(shift.person for expansion in shown for shift in expansion.shifts)
    templates = "".join(
        f'<template data-duty-person="{attr(person_id)}">{person_html(project, person_id, links)}</template>'
        for person_id in project.people
        if person_id in holders
    )
    return (
        '<table class="duty-overview"><thead><tr><th>Rotation</th><th>On duty</th><th>Next hand-off</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>\n"
        f'<div class="duty-people" hidden>{templates}</div>'
    )


def duty_overview(project: Project, expansions: Mapping[str, Expansion], now: dt.datetime, links: Links) -> str:
    """A table with one row per rotation: its description, who holds each role, and the next hand-off."""
    if not project.rotations:
        return "*No rotations yet: add one under `data/rotations/`.*\n"
    shown = [expansions[r] for r in project.rotations if r in expansions]
    rows = [_row(project, expansion, now, links) for expansion in shown]
    index = f"Everyone who takes part is listed under [People]({links.md(PEOPLE_INDEX)})."
    return f"{_status(now, links)}\n\n{_table(project, shown, rows, links)}\n\n{index}\n"


def rotation_on_duty(project: Project, expansion: Expansion, now: dt.datetime, links: Links) -> str:
    """The overview's row for one rotation, for its own page: live in the browser like the home page."""
    return f"{_status(now, links)}\n\n{_table(project, [expansion], [_row(project, expansion, now, links)], links)}\n"
