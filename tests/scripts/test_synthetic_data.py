"""The benchmark's synthetic handbooks: valid under every rule, deterministic, and sized as asked."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

import synthetic_data
from macros.model.loader import load_project
from macros.rules.validate import validate

NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.timezone.utc)  # inside the schedules, as `scripts/bench` checks


@pytest.mark.slow
def test_every_kind_of_rotation_validates_clean(tmp_path: Path) -> None:
    written = synthetic_data.generate(tmp_path, 200, 4, 2, seed=5)
    # three weekly rotations and one two-week cycle, over two years
    assert written == {"people": 200, "teams": 8, "rotations": 4, "periods": 3 * 104 + 52}
    project = load_project(tmp_path)
    assert sorted(project.rotations) == ["cycle-02", "duty-01", "pair-00", "sun-03"]
    assert [f.format() for f in validate(project, NOW).findings] == []
    assert any(period.overrides for period in project.rotations["pair-00"].schedule)
    assert all(person.unavailable for person in project.people.values())


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    for name in ("one", "two"):
        synthetic_data.generate(tmp_path / name, 60, 1, 1, seed=9)
    files = sorted(path.relative_to(tmp_path / "one") for path in (tmp_path / "one").rglob("*.yml"))
    assert len(files) == 60 + 3 + 1
    assert all((tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes() for f in files)
    first = (tmp_path / "one" / "data" / "people" / "p00000.yml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../../docs/schemas/person.schema.json\n")


def test_too_few_people_for_the_rotations_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="100 people cannot staff 3 rotations: give at least 50 each"):
        synthetic_data.generate(tmp_path, 100, 3, 1)


def test_doubling_the_rotations_doubles_each_shape() -> None:
    """The bench compares 500 × 6 with 1,000 × 12: the mix of shapes must stay the same."""
    def mix(rotations: int) -> Counter[str]:
        return Counter(synthetic_data.shape_of(n, rotations).kind for n in range(rotations))

    assert mix(6) == Counter({"pair": 2, "duty": 2, "cycle": 1, "sun": 1})
    assert mix(12) == Counter({kind: 2 * count for kind, count in mix(6).items()})
    assert mix(4) == Counter({"pair": 1, "duty": 1, "cycle": 1, "sun": 1})
