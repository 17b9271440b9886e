"""What surrounds a rotation on its page: the team's mission and priority of work, the rules in force in
plain words, and the checklists, templates and common tasks written for it.

Each function returns Markdown, or "" when the data has nothing to show, so a page (generated or written
by hand) shows every section the data fills and no empty headings. The sentences of the rules come from
the rules themselves (`Rule.in_words`), so a new rule or setting shows up here without a change.
"""

from __future__ import annotations

from macros.model.findings import Severity
from macros.model.project import Project
from macros.pages import rich_text
from macros.pages.markup import Links, text
from macros.rules import ALL_RULES


def team_mission(project: Project, team_id: str) -> str:
    """The team's description (mission, vision, principles: Markdown from the data)."""
    team = project.teams[team_id]
    return rich_text.block(team.description) + "\n" if team.description else ""


def rules_in_force(project: Project, rotation_id: str) -> str:
    """One line per rule the rotation runs under, with its settings, as the build checks them."""
    rotation = project.rotations[rotation_id]
    lines = []
    for rule in ALL_RULES:
        settings = rule.settings(rotation)
        if settings is None:
            continue
        note = " *(a warning: the build asks, but does not refuse)*" if (
            rule.effective_severity(settings) is Severity.WARNING) else ""
        lines.append(f"- {rule.in_words(rotation, settings)}{note}")
    return "\n".join(lines) + "\n" if lines else ""


def runbooks(project: Project, rotation_id: str, links: Links) -> str:
    """Links to the checklists, templates and common tasks that name this rotation."""
    found = {
        "checklists.md": [(i, c.title) for i, c in project.checklists.items() if c.rotation == rotation_id],
        "templates.md": [(i, t.title) for i, t in project.templates.items() if t.rotation == rotation_id],
        "common-tasks.md": [(i, c.title) for i, c in project.common_tasks.items() if c.rotation == rotation_id],
    }
    labels = {"checklists.md": ("Checklists", "checklist"), "templates.md": ("Templates", "template"),
              "common-tasks.md": ("Common tasks", "task")}
    lines = []
    for page, mine in found.items():
        label, anchor = labels[page]
        if mine:
            entries = ", ".join(f"[{text(title)}]({links.md(page)}#{anchor}-{item_id})" for item_id, title in mine)
            lines.append(f"- **{label}:** {entries}")
    return "\n".join(lines) + "\n" if lines else ""
