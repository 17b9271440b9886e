"""Reading data/ at a git revision and the commit messages in a range."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_diff import git, repository

from macros.model.findings import DataError
from macros.roster.git_revisions import RevisionError, commit_messages, project_at, resolve


def test_data_at_a_revision_and_the_messages_since(tmp_path: Path) -> None:
    root = repository(tmp_path, "Swap weeks\n\nAsked for by Cy.")
    old, new = project_at(root, "HEAD~1"), project_at(root, "HEAD")
    assert old.rotations["duty"].schedule[0].assignments == {"duty": "ana"}
    assert new.rotations["duty"].schedule[0].assignments == {"duty": "cy"}
    assert commit_messages(root, "HEAD~1") == ["Swap weeks\n\nAsked for by Cy."]
    assert len(resolve(root, "main")) == 40


def test_errors_are_reported_not_raised_as_tracebacks(tmp_path: Path) -> None:
    root = repository(tmp_path, "Swap")
    with pytest.raises(RevisionError):
        project_at(root, "nope")
    with pytest.raises(RevisionError):
        resolve(root, "--all")
    (root / "data" / "teams" / "core.yml").write_text("name: [\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "break")
    with pytest.raises(DataError):
        project_at(root, "HEAD")
    with pytest.raises(RevisionError):
        commit_messages(tmp_path / "missing", "HEAD")
