"""A page per person (`people/<id>.md`) and the people index (`people/index.md`), generated from the data.

The MkDocs hooks add these as generated files. Their front matter turns off the macros plugin for them:
the Markdown already holds text from the data (escaped, but a name may still contain `{{`), and nothing
in it is a template. Contact details appear only when the person listed them in `contact.public`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import partial

from macros.feeds.catalog import person_feed_path
from macros.model.project import Project
from macros.model.reuse import Reuse
from macros.pages.avatar import avatar
from macros.pages.calendar_tables import PAGE as CALENDAR_PAGE
from macros.pages.calendar_tables import subscribe_links
from macros.pages.links import PEOPLE_INDEX, person_md, person_page, rotation_md
from macros.pages.markup import Links, attr, front_matter, handle, safe_url, short_day, text, zoned_long
from macros.schedule.expansion import Expansion, Shift
from macros.schedule.onduty import shifts_by_person, upcoming_shifts

NEXT_SHIFTS = 10


RolesByPerson = dict[str, dict[str, list[str]]]


def roles_by_person(expansions: Mapping[str, Expansion]) -> RolesByPerson:
    """Person id → rotation id → the role ids the person holds in any period (schedule order, then role
    order), for everyone at once: one pass over the assignments instead of one per person."""
    held: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for rotation_id, expansion in expansions.items():
        for assignment in expansion.assignments:
            held[assignment.person].setdefault(rotation_id, set()).add(assignment.role)
    found: RolesByPerson = {}
    for person_id, rotations in held.items():
        found[person_id] = {}
        for rotation_id in expansions:
            if rotation_id in rotations:
                role_order = [role.id for role in expansions[rotation_id].rotation.roles]
                # The expansion only assigns known roles.
                found[person_id][rotation_id] = sorted(rotations[rotation_id], key=role_order.index)
    return found


def rotations_of(expansions: Mapping[str, Expansion], person_id: str) -> dict[str, list[str]]:
    """Rotation id → the role ids the person holds in any period (schedule order, then role order)."""
    return roles_by_person(expansions).get(person_id, {})


def _role_titles(expansion: Expansion, role_ids: list[str]) -> str:
    titles = []
    for role_id in role_ids:
        titles.append(text(expansion.rotation.role_title(role_id)))
    return ", ".join(titles)


def _contact_lines(project: Project, person_id: str) -> list[str]:
    person = project.people[person_id]
    lines = []
    if "email" in person.contact.public and person.contact.email:
        email = person.contact.email
        mailto = safe_url(f"mailto:{email}")
        shown = text(email)
        lines.append(f'- **E-mail:** <a href="{attr(mailto)}">{shown}</a>' if mailto else f"- **E-mail:** {shown}")
    if "phone" in person.contact.public and person.contact.phone:
        lines.append(f"- **Phone:** {text(person.contact.phone)}")
    return lines


def person_page_markdown(
    project: Project,
    expansions: Mapping[str, Expansion],
    now: dt.datetime,
    person_id: str,
    directory_urls: bool = True,
    *,
    roles: RolesByPerson | None = None,
    shifts: Mapping[str, Sequence[Shift]] | None = None,
) -> str:
    """The whole page of one person, front matter included.

    `roles` and `shifts` (`roles_by_person`, `shifts_by_person` of the same expansions) let a caller that
    renders every person's page index the schedule once.
    """
    links = Links(person_page(person_id), directory_urls)
    person = project.people[person_id]
    team = project.teams.get(person.team)
    sources = [f"data/people/{person_id}.yml", f"data/teams/{person.team}.yml", "data/rotations"]
    lines = [front_matter(person.name, sources) + f"# {text(person.name)}", ""]
    picture = avatar(person_id, person, root=links.root(), size=96)
    lines += [f'<div class="duty-person duty-person--large">{picture}</div>', ""]
    lines.append(f"- **Team:** {text(team.name if team else person.team)}")
    lines.append(f"- **Chat:** {handle(person.handle)}")
    lines.append(f"- **Time zone:** {text(person.timezone)}")
    lines += _contact_lines(project, person_id)
    lines.append("")

    lines += ["## Rotations", ""]
    mine = rotations_of(expansions, person_id) if roles is None else roles.get(person_id, {})
    if mine:
        for rotation_id, role_ids in mine.items():
            titles = _role_titles(expansions[rotation_id], role_ids)
            lines.append(f"- {rotation_md(project, rotation_id, links)}: {titles}")
    else:
        lines.append(f"{text(person.name)} is not in any rotation's schedule.")
    lines.append("")

    lines += ["## Next shifts", ""]
    upcoming = upcoming_shifts(expansions, person_id, now, shifts)[:NEXT_SHIFTS]
    if upcoming:
        zone_name = person.timezone
        lines += [
            f"In {text(person.name)}'s time zone ({text(zone_name)}), as of the last build "
            f"({text(zoned_long(now, 'UTC'))}).",
            "",
            "| Rotation | Role | From | Until |",
            "| --- | --- | --- | --- |",
        ]
        for shift in upcoming:
            expansion = expansions[shift.rotation]
            role = _role_titles(expansion, [shift.role])
            daily = next((d for d in expansion.rotation.shifts if d.id == shift.shift), None)
            if daily:
                role += f" ({text(daily.title)})"
            if shift.override:
                role += " (cover)"
            lines.append(
                f"| {rotation_md(project, shift.rotation, links)} | {role} | "
                f"{text(zoned_long(shift.start, zone_name))} | {text(zoned_long(shift.end, zone_name))} |"
            )
    else:
        lines.append("No shifts scheduled from now on.")
    lines.append("")

    lines += [
        "## Calendar",
        "",
        f"{text(person.name)}'s shifts in every rotation, as a calendar feed: subscribe with the webcal link, "
        "or copy the link into your calendar app (see the [Calendar page]"
        f"({links.md(CALENDAR_PAGE)}) for each app). Downloading the file is not a subscription.",
        "",
        subscribe_links(person_feed_path(person_id), links),
        "",
    ]

    away = [a for a in person.unavailable if a.end >= now.date()]
    if away:
        lines += ["## Time off", ""]
        for absence in away:
            note = f": {text(absence.note)}" if absence.note else ""
            lines.append(f"- {short_day(absence.start)} – {short_day(absence.end)}{note}")
        lines.append("")
    lines += [f"[All people]({links.md(PEOPLE_INDEX)})", ""]
    return "\n".join(lines)


def people_index_markdown(
    project: Project,
    expansions: Mapping[str, Expansion],
    directory_urls: bool = True,
    roles: RolesByPerson | None = None,
) -> str:
    """Everyone, grouped by team: avatar, name, chat handle, time zone and rotations."""
    links = Links(PEOPLE_INDEX, directory_urls)
    held = roles_by_person(expansions) if roles is None else roles
    lines = [front_matter("People", ["data/people", "data/teams", "data/rotations"]) + "# People", ""]
    if not project.people:
        return "\n".join([*lines, "Nobody yet: add a file under `data/people/`.", ""])
    lines += ["Everyone who can be on duty, by team. Each name leads to that person's shifts and calendar feed.", ""]
    def team_name(team_id: str) -> str:
        return project.teams[team_id].name if team_id in project.teams else team_id

    teams = sorted({p.team for p in project.people.values()}, key=team_name)
    for team_id in teams:
        lines += [f"## {text(team_name(team_id))} {{#team-{team_id}}}", ""]
        lines += ["| Person | Chat | Time zone | Rotations |", "| --- | --- | --- | --- |"]
        for person_id, person in project.people.items():
            if person.team != team_id:
                continue
            rotations = ", ".join(rotation_md(project, r, links) for r in held.get(person_id, {})) or "—"
            picture = avatar(person_id, person, root=links.root(), size=32)
            lines.append(
                f"| {picture} {person_md(project, person_id, links)} | {handle(person.handle)} | "
                f"{text(person.timezone)} | {rotations} |"
            )
        lines.append("")
    return "\n".join(lines)


def people_files(
    project: Project,
    expansions: Mapping[str, Expansion],
    now: dt.datetime,
    directory_urls: bool = True,
    reuse: Reuse | None = None,
) -> dict[str, str]:
    """Every generated people page, by source path under docs/.

    With `reuse`, a person's page is made again only when what it reads changed: the person, their team,
    and the rotations (model and expansion) they hold a role or a shift in, `now` and the URL style.
    """
    roles, shifts = roles_by_person(expansions), shifts_by_person(expansions)
    files = {PEOPLE_INDEX: people_index_markdown(project, expansions, directory_urls, roles)}
    for person_id, person in project.people.items():
        make = partial(person_page_markdown, project, expansions, now, person_id, directory_urls,
                       roles=roles, shifts=shifts)
        if reuse is None:
            files[person_page(person_id)] = make()
            continue
        held = sorted({*roles.get(person_id, {}), *(shift.rotation for shift in shifts.get(person_id, ()))})
        inputs = (person, project.teams.get(person.team), now, directory_urls,
                  tuple((r, project.rotations.get(r), expansions.get(r)) for r in held))
        files[person_page(person_id)] = reuse.get(("person page", person_id), inputs, make)
    return files
