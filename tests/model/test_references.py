"""References between files, and role ids that would clash with a period's own keys."""

from pathlib import Path

import pytest

from fixture_project import BASE_FILES, findings


@pytest.mark.parametrize("role_id", ["note", "start", "overrides"])
def test_role_id_that_is_a_period_key_is_refused(tmp_path: Path, role_id: str) -> None:
    rotation = BASE_FILES["data/rotations/duty.yml"].replace("{id: duty, title: Duty}", f"{{id: {role_id}, title: D}}")
    lines = findings(tmp_path, {"data/rotations/duty.yml": rotation})
    assert [line for line in lines if "[reference]" in line] == [
        f"data/rotations/duty.yml:5:10: error[reference]: the role id '{role_id}' is a key every period already has"
        " (choose another id: note, overrides, start are taken)"
    ]
