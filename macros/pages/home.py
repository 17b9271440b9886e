"""The home page's overview: every rotation, who was on duty at the last build, and the next hand-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from macros.model.project import Project
from macros.pages.links import NOW_PAGE, PEOPLE_INDEX, person_md, rotation_md
from macros.pages.markup import Links, countdown, text, zoned, zoned_long
from macros.schedule.expansion import Expansion
from macros.schedule.onduty import duty_at


def duty_overview(project: Project, expansions: Mapping[str, Expansion], now: dt.datetime, links: Links) -> str:
    """A table with one row per rotation: its description, who holds each role, and the next hand-off."""
    if not project.rotations:
        return "*No rotations yet: add one under `data/rotations/`.*\n"
    lines = [
        f"As of the last build ({text(zoned_long(now, 'UTC'))}); the [On duty now]({links.md(NOW_PAGE)}) page "
        "follows the clock in your browser and gives the channel header to paste.",
        "",
        "| Rotation | On duty | Next hand-off |",
        "| --- | --- | --- |",
    ]
    for rotation_id, rotation in project.rotations.items():
        expansion = expansions.get(rotation_id)
        if expansion is None:
            continue
        duty = duty_at(expansion, now)
        name = rotation_md(project, rotation_id, links)
        if rotation.description:
            name += f"<br>{text(rotation.description)}"
        holders = []
        for role in rotation.roles:
            people = list(dict.fromkeys(s.person for s in duty.holders(role.id)))
            if people:
                holders.append(f"{text(role.title)}: " + ", ".join(person_md(project, p, links) for p in people))
        on_duty = "<br>".join(holders) or ("no one scheduled" if duty.past_the_end else "no one")
        if duty.handoff:
            zone_name = rotation.handoff.timezone
            handoff = f"{text(zoned(duty.handoff, zone_name))}<br>{text(countdown(duty.handoff - now))}"
        else:
            handoff = "none scheduled"
        lines.append(f"| {name} | {on_duty} | {handoff} |")
    lines += ["", f"Everyone who takes part is listed under [People]({links.md(PEOPLE_INDEX)})."]
    return "\n".join(lines) + "\n"
