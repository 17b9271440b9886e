"""`init` on a copy of the site with fixture data: a fresh handbook that passes every rule, and back again."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from macros.model.loader import load_project
from macros.model.site_settings import read_site_settings
from macros.roster.starter import (
    EXAMPLE_MARK,
    Member,
    Starter,
    StarterRole,
    StartError,
    ident,
    kept_pages,
    member,
    restore_example,
    role,
    start_handbook,
)
from macros.rules.validate import validate
from site_fixture import copy_site

NOW = dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC)  # a Wednesday
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
STARTER = Starter(
    team_name="Web Platform",
    rotation_name="Web on-call",
    period_weeks=1,
    weekday="wednesday",
    time="10:00",
    timezone="Europe/Lisbon",
    roles=(StarterRole("primary", "Captain"), StarterRole("secondary", "First Mate")),
    members=tuple(member(text) for text in ("Rosa Diaz:rosa", "Ken Sato", "Lea Novak", "Ola Berg")),
)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = copy_site(tmp_path / "handbook")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "example")
    return root


def _meta(page: Path) -> dict[str, object]:
    header = page.read_text(encoding="utf-8")[4:].partition("\n---\n")[0]
    meta = yaml.safe_load(header)
    return meta if isinstance(meta, dict) else {}


def test_ids_are_derived_from_names() -> None:
    assert ident("Web Platform") == "web-platform"
    assert member("Rosa Diaz:@rosa") == Member("rosa-diaz", "Rosa Diaz", "rosa")
    assert member("Ken Sato") == Member("ken-sato", "Ken Sato", "ken")
    assert role("secondary:First Mate") == StarterRole("secondary", "First Mate")
    with pytest.raises(StartError):
        ident("!!!")


def test_init_writes_a_handbook_that_keeps_every_rule(checkout: Path) -> None:
    example_people = sorted(p.name for p in (checkout / "data" / "people").glob("*.yml"))
    head = git(checkout, "rev-parse", "HEAD").strip()
    start_handbook(checkout, STARTER, NOW)
    people = sorted(p.stem for p in (checkout / "data" / "people").glob("*.yml"))
    assert people == ["ken-sato", "lea-novak", "ola-berg", "rosa-diaz"]
    assert not set(example_people) & {f"{p}.yml" for p in people}
    project = load_project(checkout)
    assert list(project.rotations) == ["web-on-call"]
    schedule = project.rotations["web-on-call"].schedule
    assert schedule[0].start == dt.date(2027, 3, 10)  # the hand-off weekday on or before today: someone is on duty
    assert (schedule[-1].start - NOW.date()).days > 42  # beyond the coverage rule's default horizon
    assert validate(project, NOW).findings == []
    assert (checkout / EXAMPLE_MARK).read_text(encoding="utf-8").strip() == head
    owned = [page for page in kept_pages(checkout) if "owner" in _meta(page)]
    assert owned and all(_meta(page)["owner"] == "web-platform" for page in owned)
    first_line = (checkout / "data" / "rotations" / "web-on-call.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")


def test_init_refuses_uncommitted_changes(checkout: Path) -> None:
    (checkout / "data" / "people" / "new.yml").write_text("name: New\n", encoding="utf-8")
    with pytest.raises(StartError, match="uncommitted changes"):
        start_handbook(checkout, STARTER, NOW)
    assert (checkout / "data" / "rotations" / "ops-duty.yml").is_file()


def test_init_refuses_answers_without_members(checkout: Path) -> None:
    lonely = Starter(**{**STARTER.__dict__, "members": ()})
    with pytest.raises(StartError, match="at least one member"):
        start_handbook(checkout, lonely, NOW)


def test_init_example_brings_the_example_back(checkout: Path) -> None:
    example = git(checkout, "rev-parse", "HEAD").strip()
    start_handbook(checkout, STARTER, NOW)
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "our team")
    restore_example(checkout)
    git(checkout, "add", "-A")
    assert git(checkout, "diff", "--cached", example, "--stat", "--", "data", "docs", ".github").strip() == ""
    assert not (checkout / EXAMPLE_MARK).exists()


def test_init_example_needs_a_started_handbook(checkout: Path) -> None:
    with pytest.raises(StartError, match=EXAMPLE_MARK):
        restore_example(checkout)


def test_init_sets_the_site_name_and_address_and_keeps_the_rest_of_mkdocs_yml(checkout: Path) -> None:
    before = (checkout / "mkdocs.yml").read_text(encoding="utf-8")
    start_handbook(checkout, replace(STARTER, site_name="Web handbook", site_url="https://web.example.org/duty/"),
                   NOW)
    after = (checkout / "mkdocs.yml").read_text(encoding="utf-8")
    settings = read_site_settings(after)
    assert (settings["site_name"], settings["site_url"]) == ("Web handbook", "https://web.example.org/duty/")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert len(changed) == 4 and all("site_name:" in line or "site_url:" in line for line in changed)
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "our team")
    restore_example(checkout)
    assert (checkout / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_init_refuses_a_site_url_that_is_no_address(checkout: Path) -> None:
    with pytest.raises(StartError, match="not an address"):
        start_handbook(checkout, replace(STARTER, site_url="handbook.example.org"), NOW)


def test_init_removes_the_teams_own_pages_and_init_example_brings_them_back(checkout: Path) -> None:
    page = checkout / "docs" / "teams" / "ops.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text('---\nowner: ops\nreview_by: 2027-09-30\n---\n\n# Ops\n\n{{ team_contacts("ops") }}\n',
                    encoding="utf-8")
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "the ops team's own page")
    changed = start_handbook(checkout, STARTER, NOW)
    assert "docs/teams/ops.md" in changed and not page.exists()  # it names a team the new handbook lacks
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "our team")
    restore_example(checkout)
    assert '{{ team_contacts("ops") }}' in page.read_text(encoding="utf-8")
