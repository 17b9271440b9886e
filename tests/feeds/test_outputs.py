"""Everything the site publishes beside its pages: the feeds and the JSON, complete and reproducible."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calendar_fixture import FIXTURE, NOW, load_fixture
from ical_parsers import PARSERS
from macros.feeds.catalog import plan_feeds
from macros.feeds.outputs import generated_files
from macros.model.loader import load_project
from macros.model.reuse import Reuse
from macros.rules.validate import validate
from macros.schedule.clock import build_time
from macros.schedule.expansion import Expansion

REPO = Path(__file__).resolve().parents[2]


def test_every_feed_and_the_json_files_are_generated() -> None:
    project, report = load_fixture()
    files = generated_files(project, report, NOW)
    json_files = ["api/now.json", "api/rotations.json", "api/schedule.json"]
    assert sorted(files) == sorted([f.path for f in plan_feeds(project)] + json_files)
    assert all(isinstance(content, bytes) and content for content in files.values())


def test_two_generations_are_byte_identical() -> None:
    project, report = load_fixture()
    first = generated_files(project, report, NOW, root=REPO)
    project, report = load_fixture()
    assert generated_files(project, report, NOW, root=REPO) == first


_DIGEST = """
import hashlib, sys
sys.path.insert(0, "tests")
from calendar_fixture import FIXTURE, NOW, load_fixture
from macros.feeds.outputs import generated_files
project, report = load_fixture()
files = generated_files(project, report, NOW)
print(hashlib.sha256(b"".join(path.encode() + b"\\0" + files[path] for path in sorted(files))).hexdigest())
"""


def test_builds_in_separate_processes_are_byte_identical() -> None:
    # Different hash seeds change the order of sets of strings: nothing written may depend on one.
    digests = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'scripts'}"}
        done = subprocess.run([sys.executable, "-c", _DIGEST], cwd=REPO, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1


@pytest.fixture(scope="module")
def example_files() -> dict[str, bytes]:
    """The shipped example handbook's generated files, as of the build time CI uses (or today)."""
    now = build_time()
    project = load_project(REPO)
    report = validate(project, now)
    assert report.errors == [], [f.format() for f in report.errors]
    return generated_files(project, report, now, root=REPO)


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_every_feed_of_the_example_reads_in_each_parser(parser: str, example_files: dict[str, bytes]) -> None:
    feeds = {path: data for path, data in example_files.items() if path.endswith(".ics")}
    assert feeds
    reference = {path: sorted(PARSERS["icalendar"](data), key=lambda e: e.uid) for path, data in feeds.items()}
    for path, data in feeds.items():
        assert sorted(PARSERS[parser](data), key=lambda e: e.uid) == reference[path], path


def test_the_example_publishes_a_feed_for_every_rotation_person_and_meeting_team(
    example_files: dict[str, bytes],
) -> None:
    project = load_project(REPO)
    assert {p for p in example_files if p.startswith("calendars/person/")} == {
        f"calendars/person/{person}.ics" for person in project.people
    }
    assert {p for p in example_files if p.startswith("calendars/team/")} == {
        f"calendars/team/{team}.ics" for team, t in project.teams.items() if any(m.in_calendar for m in t.meetings)
    }  # a meeting without a time or first date is listed on the team's page, not in a feed
    assert {p for p in example_files if p.startswith("calendars/rotation/") and p.count("/") == 2} == {
        f"calendars/rotation/{rotation}.ics" for rotation in project.rotations
    }


def test_with_reuse_the_files_are_the_same_bytes_and_an_unchanged_build_makes_nothing_again(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(FIXTURE / "data", root / "data")
    reuse = Reuse()
    last: dict[str, Expansion] = {}

    def build() -> tuple[dict[str, bytes], dict[str, bytes]]:
        project = load_project(root, reuse_unchanged=True)
        report = validate(project, NOW, last)
        last.update(report.expansions)
        reuse.begin()
        return generated_files(project, report, NOW, reuse=reuse), generated_files(project, report, NOW)

    first, fresh = build()
    assert first == fresh
    again, _ = build()
    assert reuse.made == 0 and all(again[path] is first[path] for path in first)
    team = root / "data" / "teams" / "core.yml"
    team.write_text(team.read_text(encoding="utf-8").replace("name: ", "name: The ", 1), encoding="utf-8")
    edited, fresh = build()
    assert edited == fresh and edited != first
