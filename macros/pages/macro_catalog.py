"""The macros a hand-written page may call: one list, read by the page checks and kept by the adapter.

The MkDocs adapter registers exactly these names with mkdocs-macros (a test holds the two together), and
`page_checks` uses the list to find, before any build, a call of a macro that does not exist or one that
names a rotation or a team the data lacks. The "Writing pages" page documents each with an example.
"""

from __future__ import annotations

from typing import Literal

IdKind = Literal["rotation", "team"]

# Macro → the kind of id its first argument names (None: it takes no id), with that argument's keyword.
HANDBOOK_MACROS: dict[str, tuple[IdKind, str] | None] = {
    "rotations_table": None,
    "data_reference": None,
    "duty_overview": None,
    "duty_now": None,
    "duty_report": None,
    "calendar_feeds": None,
    "roster_examples": None,
    "templates_page": None,
    "checklists_page": None,
    "common_tasks_page": None,
    "rotation_purpose": ("rotation", "rotation_id"),
    "rotation_facts": ("rotation", "rotation_id"),
    "rotation_roles": ("rotation", "rotation_id"),
    "rotation_schedule": ("rotation", "rotation_id"),
    "rotation_escalation": ("rotation", "rotation_id"),
    "rotation_rules": ("rotation", "rotation_id"),
    "rotation_on_duty": ("rotation", "rotation_id"),
    "rotation_runbooks": ("rotation", "rotation_id"),
    "team_contacts": ("team", "team_id"),
    "team_ownership": ("team", "team_id"),
    "team_meetings": ("team", "team_id"),
    "team_mission": ("team", "team_id"),
}

# What mkdocs-macros itself and Jinja offer every page as callables (not ours, but never unknown).
PLUGIN_CALLABLES = frozenset(
    {"context", "macros_info", "now", "fix_url", "range", "dict", "lipsum", "cycler", "joiner", "namespace"}
)

# The variables mkdocs-macros gives every page (besides the page's front matter and mkdocs.yml's `extra:`).
PLUGIN_VARIABLES = frozenset(
    {"config", "page", "navigation", "nav", "files", "environment", "plugin", "git", "extra", "macros", "filters",
     "filters_builtin"}
)
