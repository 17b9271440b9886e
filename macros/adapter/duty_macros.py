"""Registers the duty macros (home overview, "On duty now", rotation sections) with the macros plugin.

Only glue: each macro fetches the checked data from `build_cache` and calls a core function that returns
Markdown. A rotation page may name its rotation or leave it out: `docs/rotations/sre-duty.md` means
`sre-duty`.

    {{ duty_overview() }}                       home: every rotation, who is on duty, next hand-off
    {{ duty_now() }}                            the "On duty now" page (refreshed in the browser by now.js)
    {{ rotation_purpose() }}                    the description and purpose from the data file
    {{ rotation_facts() }}                      team, period, hand-off, owners, calendar feed
    {{ rotation_roles(level=3) }}               one heading per role with its description
    {{ rotation_schedule() }}                   last 4 and next 12 periods, the current one marked
    {{ rotation_escalation() }}                 paging order as a diagram and a table, names filled in
    {{ rotation_on_duty() }}                    who is on duty now and the next hand-off (live, like the home page)
    {{ rotation_rules() }}                      the rules in force, in plain words from their settings
    {{ rotation_runbooks() }}                   links to the checklists, templates and common tasks it names
    {{ team_contacts("web") }}, {{ team_ownership("web") }}, {{ team_meetings("web") }}, {{ team_mission("web") }}

The page "Writing pages" (docs/page-macros.md) lists them for the teams, with an example each.
"""

from __future__ import annotations

import posixpath
from functools import partial
from pathlib import Path
from typing import Any

from macros.adapter.build_cache import Checked
from macros.adapter.page_context import checked_data, page_links, page_source, remembered
from macros.model.findings import did_you_mean
from macros.model.project import Project
from macros.pages.escalation import escalation_section
from macros.pages.home import duty_overview, rotation_on_duty
from macros.pages.markup import Links
from macros.pages.now import now_page
from macros.pages.rotation import roles_section, rotation_facts, rotation_purpose, schedule_table
from macros.pages.rotation_context import rules_in_force, runbooks, team_mission
from macros.pages.team import team_contacts, team_meetings, team_ownership
from macros.schedule.expansion import Expansion


class UnknownId(ValueError):
    """A page names a rotation or team that is not in data/."""


def register(env: Any, root: Path) -> None:
    """Add the duty macros to `env` (the macros plugin's environment)."""

    def checked() -> Checked:
        return checked_data(root)

    def source() -> str:
        return page_source(env)

    def links() -> Links:
        return page_links(env)

    def rotation(rotation_id: str | None) -> tuple[Project, Expansion, Checked]:
        data = checked()
        assert data.project is not None and data.report is not None
        if rotation_id is None:
            folder, name = posixpath.split(source())
            rotation_id = posixpath.splitext(name)[0] if folder == "rotations" else ""
        if rotation_id not in data.report.expansions:
            known = list(data.project.rotations)
            raise UnknownId(
                f"docs/{source()}: no rotation '{rotation_id}' in data/rotations/ ({did_you_mean(rotation_id, known)})"
            )
        return data.project, data.report.expansions[rotation_id], data

    def team(team_id: str) -> Project:
        project = checked().project
        assert project is not None
        if team_id not in project.teams:
            hint = did_you_mean(team_id, project.teams)
            raise UnknownId(f"docs/{source()}: no team '{team_id}' in data/teams/ ({hint})")
        return project

    def overview() -> str:
        data = checked()
        assert data.project is not None and data.report is not None
        make = partial(duty_overview, data.project, data.report.expansions, data.now, links())
        return remembered(env, root, "duty_overview", (), make)

    def now() -> str:
        data = checked()
        assert data.project is not None and data.report is not None
        make = partial(now_page, data.project, data.report.expansions, data.now, links())
        return remembered(env, root, "duty_now", (), make)

    def purpose(rotation_id: str | None = None) -> str:
        project, expansion, _ = rotation(rotation_id)
        return rotation_purpose(project, expansion.rotation_id)

    def facts(rotation_id: str | None = None) -> str:
        project, expansion, _ = rotation(rotation_id)
        return rotation_facts(project, expansion.rotation_id, links())

    def roles(rotation_id: str | None = None, level: int = 3) -> str:
        project, expansion, _ = rotation(rotation_id)
        return roles_section(project, expansion.rotation_id, level)

    def schedule(rotation_id: str | None = None) -> str:
        project, expansion, data = rotation(rotation_id)
        make = partial(schedule_table, project, expansion, data.now, links())
        return remembered(env, root, "rotation_schedule", (rotation_id,), make)

    def escalation(rotation_id: str | None = None) -> str:
        project, expansion, data = rotation(rotation_id)
        make = partial(escalation_section, project, expansion, data.now, links())
        return remembered(env, root, "rotation_escalation", (rotation_id,), make)

    env.macro(overview, "duty_overview")
    env.macro(now, "duty_now")
    env.macro(purpose, "rotation_purpose")
    env.macro(facts, "rotation_facts")
    env.macro(roles, "rotation_roles")
    env.macro(schedule, "rotation_schedule")
    env.macro(escalation, "rotation_escalation")
    env.macro(lambda team_id: team_contacts(team(team_id), team_id), "team_contacts")
    env.macro(lambda team_id: team_ownership(team(team_id), team_id), "team_ownership")
    env.macro(lambda team_id: team_meetings(team(team_id), team_id, links()), "team_meetings")
    env.macro(lambda team_id: team_mission(team(team_id), team_id), "team_mission")

    def rules(rotation_id: str | None = None) -> str:
        project, expansion, _ = rotation(rotation_id)
        return rules_in_force(project, expansion.rotation_id)

    def listed(rotation_id: str | None = None) -> str:
        project, expansion, _ = rotation(rotation_id)
        return runbooks(project, expansion.rotation_id, links())

    def on_duty(rotation_id: str | None = None) -> str:
        project, expansion, data = rotation(rotation_id)
        make = partial(rotation_on_duty, project, expansion, data.now, links())
        return remembered(env, root, "rotation_on_duty", (rotation_id,), make)

    env.macro(rules, "rotation_rules")
    env.macro(on_duty, "rotation_on_duty")
    env.macro(listed, "rotation_runbooks")
