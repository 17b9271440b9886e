"""`.github/CODEOWNERS` from the data: each rotation's file is reviewed by the rotation's `owners`.

GitHub needs user names there, so an owner is written as `@` plus their `github` user name, or their
chat handle when they have none. A handle GitHub could not accept (GitHub allows letters, digits and
single dashes) is left out with a comment, and `scripts/handbook codeowners` warns about it.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.model.project import Project
from macros.model.types import GITHUB_USER_PATTERN

CODEOWNERS_PATH = ".github/CODEOWNERS"
_GITHUB_USER = re.compile(GITHUB_USER_PATTERN)
HEADER = """\
# Generated from data/rotations/*.yml (`owners:`) by `scripts/handbook codeowners`; do not edit by hand.
# A change to a rotation's file asks the rotation's owners for a review.
"""


def codeowners(project: Project) -> tuple[str, list[str]]:
    """The CODEOWNERS text, and warnings about owners that cannot be written as GitHub users."""
    lines = [HEADER]
    warnings = []
    for rotation_id, rotation in project.rotations.items():
        path = f"/data/rotations/{rotation_id}.yml"
        users, skipped = [], []
        for owner in rotation.owners:
            person = project.people.get(owner)
            if person is None:
                skipped.append(f"{owner} (not in data/people/)")
            elif person.github:
                users.append(f"@{person.github}")
            elif _GITHUB_USER.match(person.handle) and len(person.handle) <= 39:
                users.append(f"@{person.handle}")
            else:
                skipped.append(f"{owner} (handle '{person.handle}' is not a GitHub user name: add `github:`)")
        for reason in skipped:
            lines.append(f"# {path}: left out {reason}\n")
            warnings.append(f"data/rotations/{rotation_id}.yml: owner {reason} is left out of {CODEOWNERS_PATH}")
        if users:
            lines.append(f"{path} {' '.join(users)}\n")
        elif not rotation.owners:
            lines.append(f"# {path}: no owners listed\n")
    return "".join(lines), warnings


def is_current(root: Path, project: Project) -> bool:
    target = root / CODEOWNERS_PATH
    return target.is_file() and target.read_text(encoding="utf-8") == codeowners(project)[0]


def write_codeowners(root: Path, project: Project) -> bool:
    """Write the file; True when its content changed."""
    target = root / CODEOWNERS_PATH
    text, _ = codeowners(project)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True
