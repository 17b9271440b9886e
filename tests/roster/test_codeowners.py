"""CODEOWNERS is generated from the rotations' owners and stays in sync with the data."""

from __future__ import annotations

from pathlib import Path

from fixture_project import load
from macros.model.loader import load_project
from macros.roster.codeowners import CODEOWNERS_PATH, HEADER, codeowners, is_current, write_codeowners

REPO = Path(__file__).resolve().parents[2]


def test_committed_codeowners_matches_the_data() -> None:
    assert is_current(REPO, load_project(REPO)), "run `scripts/handbook codeowners` and commit the result"


def test_owners_become_github_users_from_github_or_handle_and_invalid_handles_are_left_out(tmp_path: Path) -> None:
    project = load(tmp_path, {
        "data/people/cy.yml": "name: Cy\nhandle: cy.dots\nteam: core\ntimezone: UTC\n",
        "data/people/ben.yml": "name: Ben\nhandle: ben.b\ngithub: ben-gh\nteam: core\ntimezone: UTC\n",
        "data/rotations/other.yml": """\
            name: Other
            period: {weeks: 1}
            handoff: {weekday: monday, time: "09:00", timezone: UTC}
            roles: [{id: duty, title: Duty}]
            schedule: [{start: 2026-11-16, duty: ana}]
            """,
        "data/rotations/duty.yml": """\
            name: Duty
            owners: [ana, ben, cy]
            period: {weeks: 1}
            handoff: {weekday: monday, time: "09:00", timezone: UTC}
            roles: [{id: duty, title: Duty}]
            schedule: [{start: 2026-11-16, duty: ana}]
            """,
    })
    text, warnings = codeowners(project)
    assert text == HEADER + (
        "# /data/rotations/duty.yml: left out cy (handle 'cy.dots' is not a GitHub user name: add `github:`)\n"
        "/data/rotations/duty.yml @ana @ben-gh\n"
        "# /data/rotations/other.yml: no owners listed\n"
    )
    assert warnings == [
        "data/rotations/duty.yml: owner cy (handle 'cy.dots' is not a GitHub user name: add `github:`) is left out of "
        ".github/CODEOWNERS"
    ]
    assert write_codeowners(tmp_path, project) is True
    assert (tmp_path / CODEOWNERS_PATH).read_text(encoding="utf-8") == text
    assert is_current(tmp_path, project)
    assert write_codeowners(tmp_path, project) is False


def test_a_github_name_must_be_one_github_accepts(tmp_path: Path) -> None:
    import pytest

    from macros.model.findings import DataError

    with pytest.raises(DataError) as caught:
        load(tmp_path, {"data/people/cy.yml": "name: Cy\nhandle: cy\ngithub: cy.dots\nteam: core\ntimezone: UTC\n"})
    assert [f.format().split(": error")[0] for f in caught.value.findings] == ["data/people/cy.yml:3:9"]
