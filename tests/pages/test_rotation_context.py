"""A rotation's surroundings on its page: the team's mission, the rules in force in words, its runbooks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from macros.model.loader import load_project
from macros.model.project import Collection
from macros.model.types import MaxConsecutive, RuleSettings
from macros.pages.markup import Links
from macros.pages.rotation_context import rules_in_force, runbooks, team_mission

CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "content-project"


def test_the_rules_in_force_follow_the_settings() -> None:
    project = load_project(CONTENT)
    lines = rules_in_force(project, "ops-duty").splitlines()
    assert "- Nobody is on duty more than 2 weeks in a row." in lines
    assert "- Every week has someone in each required role, with no gap between them." in lines  # horizon 0
    assert any(line.startswith("- A second week in a row needs a reason") and "a warning" in line for line in lines)
    rotation = project.rotations["ops-duty"]
    rules = rotation.rules.model_copy(update={
        "max_consecutive": MaxConsecutive(max=3), "consecutive_needs_reason": RuleSettings(enabled=False)})
    tuned = rotation.model_copy(update={"rules": rules})
    edited = replace(project, rotations=Collection("rotations", {"ops-duty": tuned}))
    changed = rules_in_force(edited, "ops-duty")
    assert "more than 3 weeks in a row" in changed and "second week" not in changed


def test_the_mission_is_the_teams_description() -> None:
    project = load_project(CONTENT)
    assert team_mission(project, "ops") == "<p>Keeps the example service running.</p>\n"  # Markdown, rendered


def test_runbooks_link_what_names_the_rotation() -> None:
    project = load_project(CONTENT)
    listed = runbooks(project, "ops-duty", Links("rotations/ops-duty.md"))
    assert "](../checklists.md#checklist-handover)" in listed
    assert "checklist-new-task" not in listed  # a checklist of no rotation
    assert "../templates.md#template-more-info" in listed and "../common-tasks.md#task-disk-full" in listed
