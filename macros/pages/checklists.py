"""The Checklists page: runbooks with boxes to tick, remembered per checklist and per duty period.

Each checklist becomes a Markdown heading (table of contents, search) and one raw HTML block with
real checkboxes. `docs/assets/js/checklists.js` stores the ticks in the browser's localStorage under
`hb-checklist:<checklist id>:<period start>`, where the period is the one of the checklist's rotation
that contains the reader's "now": the page embeds every period's boundaries (UTC, from the schedule),
so a new duty period starts with a clean list and no request is needed. A checklist without a rotation,
or a moment outside the schedule, uses a key of its own (`…:always`, `…:unscheduled`).

Item ids are a hash of the section title and the item text, so editing one item un-ticks only that one,
and inserting an item does not move the ticks of the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from macros.model.project import Project
from macros.model.types import Checklist, ChecklistItem
from macros.pages import markup, rich_text
from macros.pages.markup import handover_deadline_text
from macros.pages.parts import GENERAL_ANCHOR, GENERAL_TITLE, heading, in_listed_order, json_attribute, utc_stamp
from macros.schedule.expansion import Expansion, segment_bounds


def item_ids(checklist: Checklist) -> list[list[str]]:
    """A stable id per item (per section, in order): a short hash of section title and item text."""
    seen: dict[str, int] = {}
    out: list[list[str]] = []
    for section in checklist.sections:
        ids = []
        for item in section.items:
            text = item if isinstance(item, str) else item.text
            digest = hashlib.sha256(f"{section.title}\n{text}".encode()).hexdigest()[:10]
            seen[digest] = seen.get(digest, 0) + 1
            ids.append(digest if seen[digest] == 1 else f"{digest}-{seen[digest]}")
        out.append(ids)
    return out


def periods(expansion: Expansion | None, per_segment: bool = False) -> list[list[str]]:
    """The stretches ticks are kept for, as [start, end] pairs of UTC timestamps, in schedule order.

    The rotation's periods, or with `per_segment` each segment of them (a weekly list in a two-week cycle).
    """
    if expansion is None:
        return []
    rotation = expansion.rotation
    count = rotation.segments_per_period if per_segment else 1
    spans = [segment_bounds(rotation, p, k) if per_segment else (p.start, p.end)
             for p in expansion.periods for k in range(count)]
    return [[utc_stamp(start), utc_stamp(end)] for start, end in spans]


def _item(item: str | ChecklistItem, item_id: str) -> str:
    text = item if isinstance(item, str) else item.text
    details = None if isinstance(item, str) else item.details
    extra = f'<div class="hb-checklist__details">{rich_text.block(details)}</div>' if details else ""
    return (
        f'<li class="hb-checklist__item"><label><input type="checkbox" data-item="{item_id}">'
        f'<span class="hb-checklist__text">{rich_text.inline(text)}</span></label>{extra}</li>'
    )


def checklist_widget(checklist_id: str, checklist: Checklist, expansion: Expansion | None) -> str:
    """The checkboxes, progress and buttons of one checklist, as one raw HTML block."""
    per_segment = checklist.ticks_kept_for == "segment"
    config = {"id": checklist_id, "rotation": checklist.rotation, "periods": periods(expansion, per_segment)}
    parts = [
        f'<div class="hb-checklist" id="hb-checklist-{checklist_id}" data-hb-checklist="{json_attribute(config)}">'
    ]
    deadline = handover_deadline_text(expansion.rotation) if expansion and checklist.due else None
    if deadline:
        parts.append(f'<p class="hb-checklist__due"><strong>Due:</strong> {markup.text(deadline)}</p>')
    if checklist.when:
        parts.append(f'<div class="hb-checklist__when">{rich_text.block(checklist.when)}</div>')
    parts.append(
        '<p class="hb-checklist__period" data-hb-period>Ticks are kept in this browser only while the page is open '
        f"(they are saved per {'part of the ' if per_segment else ''}duty period when JavaScript runs).</p>"
    )
    for section, ids in zip(checklist.sections, item_ids(checklist), strict=True):
        parts.append(f'<p class="hb-checklist__section">{markup.text(section.title)}</p>')
        items = "".join(_item(item, item_id) for item, item_id in zip(section.items, ids, strict=True))
        parts.append(f'<ul class="hb-checklist__items">{items}</ul>')
    parts.append(
        '<p class="hb-checklist__actions">'
        '<span class="hb-checklist__progress" role="status" aria-live="polite"></span> '
        '<button type="button" class="md-button hb-checklist__reset">Untick all</button> '
        '<button type="button" class="md-button hb-checklist__print">Print this checklist</button></p>'
    )
    parts.append("</div>")
    return "\n".join(parts)


def checklists_page(project: Project, expansions: Mapping[str, Expansion], level: int = 2) -> str:
    """Every checklist, grouped by rotation (rotations in id order, then checklists of no rotation)."""
    if not project.checklists:
        return "*No checklists yet: add one under `data/checklists/`.*\n"
    groups: list[tuple[str, str, list[str]]] = []
    for rotation_id, rotation in project.rotations.items():
        ids = [c for c, checklist in project.checklists.items() if checklist.rotation == rotation_id]
        ids = in_listed_order(ids, rotation.checklists)
        if ids:
            groups.append((rotation_id, rotation.name, ids))
    loose = [c for c, checklist in project.checklists.items() if checklist.rotation not in project.rotations]
    if loose:
        groups.append((GENERAL_ANCHOR, GENERAL_TITLE, loose))
    lines: list[str] = []
    for anchor, title, ids in groups:
        lines += [heading(level, title, f"checklists-{anchor}"), ""]
        for checklist_id in ids:
            checklist = project.checklists[checklist_id]
            lines += [heading(level + 1, checklist.title, f"checklist-{checklist_id}"), ""]
            lines += [checklist_widget(checklist_id, checklist, expansions.get(checklist.rotation or "")), ""]
    return "\n".join(lines)
