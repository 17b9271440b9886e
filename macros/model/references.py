"""Checks that every id a file mentions exists: teams, people, roles, shifts, rotations, blanks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from macros.model.findings import Finding, Location, Severity, did_you_mean
from macros.model.project import Collection, Project
from macros.model.template_text import BLANK, optional_parts
from macros.model.types import ScheduledPeriod
from macros.model.yamldoc import PathKey

RULE = "reference"


def _missing(
    collection: Collection, item_id: str, where: PathKey, what: str, value: str, known: Iterable[str]
) -> Finding:
    location: Location = collection.locate(item_id, where)
    return Finding(location, Severity.ERROR, RULE, f"unknown {what} '{value}'", did_you_mean(value, known))


def _duplicates(collection: Collection, item_id: str, where: PathKey, ids: list[str], what: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            location = collection.locate(item_id, (*where, index, "id"))
            yield Finding(
                location, Severity.ERROR, RULE, f"the {what} id '{value}' is used twice", "give each one its own id"
            )
        seen.add(value)


def _people_and_teams(project: Project) -> Iterator[Finding]:
    teams = list(project.teams)
    for person_id, person in project.people.items():
        if person.team not in project.teams:
            yield _missing(project.people, person_id, ("team",), "team", person.team, teams)
    for team_id, team in project.teams.items():
        yield from _duplicates(project.teams, team_id, ("meetings",), [m.id for m in team.meetings], "meeting")


def _rotations(project: Project) -> Iterator[Finding]:
    people, teams = list(project.people), list(project.teams)
    rotations = project.rotations
    for rotation_id, rotation in rotations.items():
        role_ids = [role.id for role in rotation.roles]
        if rotation.team and rotation.team not in project.teams:
            yield _missing(rotations, rotation_id, ("team",), "team", rotation.team, teams)
        for index, owner in enumerate(rotation.owners):
            if owner not in project.people:
                yield _missing(rotations, rotation_id, ("owners", index), "person", owner, people)
        yield from _duplicates(rotations, rotation_id, ("roles",), role_ids, "role")
        # A period maps role ids to holders beside its own keys: a role named like one of those keys
        # would have its holder read as the period's `note` (or date), and never be covered.
        period_keys = {info.alias or name for name, info in ScheduledPeriod.model_fields.items()}
        for index, role_id in enumerate(role_ids):
            if role_id in period_keys:
                yield Finding(
                    rotations.locate(rotation_id, ("roles", index, "id")), Severity.ERROR, RULE,
                    f"the role id '{role_id}' is a key every period already has",
                    "choose another id: " + ", ".join(sorted(period_keys)) + " are taken",
                )
        yield from _duplicates(rotations, rotation_id, ("shifts",), [s.id for s in rotation.shifts], "shift")
        for index, role in enumerate(rotation.roles):
            for number, team in enumerate(role.eligible.teams if role.eligible else []):
                if team not in project.teams:
                    yield _missing(
                        rotations, rotation_id, ("roles", index, "eligible", "teams", number), "team", team, teams
                    )
        for index, step in enumerate(rotation.escalation):
            if step.role not in role_ids:
                yield _missing(rotations, rotation_id, ("escalation", index, "role"), "role", step.role, role_ids)
        for key, folder in (("checklists", project.checklists), ("templates", project.templates)):
            for index, item_id in enumerate(getattr(rotation, key)):
                kind = key.rstrip("s")
                if item_id not in folder:
                    yield _missing(rotations, rotation_id, (key, index), kind, item_id, list(folder))
                elif getattr(folder[item_id], "rotation", None) != rotation_id:
                    yield Finding(
                        rotations.locate(rotation_id, (key, index)),
                        Severity.ERROR,
                        RULE,
                        f"the {kind} '{item_id}' belongs to another rotation",
                        f"set `rotation: {rotation_id}` in it, or leave it out of `{key}:`",
                    )
        for index, role_id in enumerate(rotation.planning.staggered):
            if role_id not in role_ids:
                yield _missing(rotations, rotation_id, ("planning", "staggered", index), "role", role_id, role_ids)
        listed: list[tuple[str, list[str]]] = []
        if rotation.rules.cycle_role_split:
            listed.append(("cycle-role-split", rotation.rules.cycle_role_split.roles))
        if rotation.rules.team_mix:
            listed.append(("team-mix", rotation.rules.team_mix.roles))
        for rule, roles in listed:
            for index, role_id in enumerate(roles):
                if role_id not in role_ids:
                    yield _missing(rotations, rotation_id, ("rules", rule, "roles", index), "role", role_id, role_ids)


def _content(project: Project) -> Iterator[Finding]:
    rotation_ids = list(project.rotations)
    for folder in (project.templates, project.checklists, project.common_tasks):
        for item_id, item in folder.items():
            rotation = getattr(item, "rotation", None)
            if rotation and rotation not in project.rotations:
                yield _missing(folder, item_id, ("rotation",), "rotation", rotation, rotation_ids)
    for task_id, task in project.common_tasks.items():
        if task.updated_by not in project.people:
            yield _missing(
                project.common_tasks, task_id, ("updated_by",), "person", task.updated_by, list(project.people)
            )
    for template_id in project.templates:
        yield from _template(project, template_id)


def _template(project: Project, template_id: str) -> Iterator[Finding]:
    templates = project.templates
    template = templates[template_id]
    field_ids = [f.id for f in template.fields]
    yield from _duplicates(templates, template_id, ("fields",), field_ids, "field")
    used = set(BLANK.findall(template.body))
    for blank in sorted(used - set(field_ids)):
        yield Finding(
            templates.locate(template_id, ("body",)),
            Severity.ERROR,
            RULE,
            f"the blank [[{blank}]] has no field",
            did_you_mean(blank, field_ids) + " or add it under `fields:`",
        )
    for index, item in enumerate(template.fields):
        if item.id not in used:
            yield Finding(
                templates.locate(template_id, ("fields", index, "id")),
                Severity.ERROR,
                RULE,
                f"the field '{item.id}' is never used in the body",
                f"write [[{item.id}]] where it belongs, or remove the field",
            )
        if item.prefill == "on-duty":
            rotation = project.rotations.get(template.rotation or "")
            roles = [role.id for role in rotation.roles] if rotation else []
            if rotation is None or item.role not in roles:
                yield Finding(
                    templates.locate(template_id, ("fields", index)),
                    Severity.ERROR,
                    RULE,
                    "prefill: on-duty needs the template's `rotation` and a `role` of it",
                    did_you_mean(item.role or "", roles) if roles else "set `rotation:` on the template",
                )
    yield from _optional_parts(project, template_id)


def _optional_parts(project: Project, template_id: str) -> Iterator[Finding]:
    """Marks pair up, name an optional field, and an optional field's blanks sit only inside its parts."""
    templates = project.templates
    template = templates[template_id]
    where = templates.locate(template_id, ("body",))
    text = template.body.replace("\r\n", "\n").replace("\r", "\n")
    parts, problems = optional_parts(text)
    for problem in problems:
        yield Finding(where, Severity.ERROR, RULE, problem, "write each optional part as [[if id]]…[[end id]]")
    fields = {item.id: (index, item) for index, item in enumerate(template.fields)}
    for part in parts:
        if part.field not in fields:
            yield Finding(
                where,
                Severity.ERROR,
                RULE,
                f"the optional part [[if {part.field}]] names no field",
                did_you_mean(part.field, list(fields)),
            )
        elif not fields[part.field][1].optional:
            yield Finding(
                templates.locate(template_id, ("fields", fields[part.field][0], "id")),
                Severity.ERROR,
                RULE,
                f"the field '{part.field}' has an optional part but is not optional",
                "add `optional: true` to the field",
            )
    for index, item in fields.values():
        if not item.optional:
            continue
        own = [part for part in parts if part.field == item.id]
        outside = [
            blank
            for blank in BLANK.finditer(text)
            if blank.group(1) == item.id and not any(p.inner_start <= blank.start() < p.inner_end for p in own)
        ]
        if outside or not own:
            yield Finding(
                templates.locate(template_id, ("fields", index, "id")),
                Severity.ERROR,
                RULE,
                f"the optional field '{item.id}' has a blank outside its optional part"
                if outside
                else f"the optional field '{item.id}' has no optional part",
                f"wrap the text that needs it in [[if {item.id}]] and [[end {item.id}]]",
            )


def check_references(project: Project) -> list[Finding]:
    return [*_people_and_teams(project), *_rotations(project), *_content(project)]
