"""Adding a cover: inside one period, in the style of its neighbours, never for the holder themselves."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from fixture_project import BASE_FILES, load
from macros.roster.edits import EditError
from macros.roster.override import OverrideRequest, add_override, parse_local
from macros.roster.yamledit import load_roundtrip
from macros.schedule.expansion import expand_rotation

TEXT = textwrap.dedent(BASE_FILES["data/rotations/duty.yml"])


def _cover(tmp_path: Path, person: str, start: str, end: str, shift: str | None = None) -> str:
    project = load(tmp_path, {})
    document = load_roundtrip(TEXT, "x.yml")
    request = OverrideRequest("duty", "duty", person, parse_local(start), parse_local(end), shift, "why")
    add_override(document, project.rotations["duty"], request, expand_rotation(project, "duty"))
    return document.render()


def test_a_cover_is_appended_to_its_period(tmp_path: Path) -> None:
    text = _cover(tmp_path, "ben", "2026-11-17 09:00", "2026-11-18T09:00")
    assert text.endswith(
        "  - start: 2026-11-16\n    duty: ana\n    overrides:\n      - role: duty\n        person: ben\n"
        "        from: 2026-11-17 09:00\n        until: 2026-11-18 09:00\n        reason: why\n"
        "  - start: 2026-11-23\n    duty: ben\n"
    )


@pytest.mark.parametrize(
    ("person", "start", "end", "shift", "message"),
    [
        ("ben", "2026-11-22 09:00", "2026-11-24 09:00", None,
         "the cover crosses the hand-off at 2026-11-23 09:00: make two overrides, split there"),
        ("ben", "2026-12-22 09:00", "2026-12-23 09:00", None,
         "no period of duty contains 2026-12-22 09:00 (Europe/Berlin)"),
        ("ben", "2026-11-18 09:00", "2026-11-17 09:00", None, "the cover must end after it starts"),
        ("ana", "2026-11-17 09:00", "2026-11-18 09:00", None,
         "ana already holds duty for all of that time: nothing to cover"),
        ("ben", "2026-11-17 09:00", "2026-11-18 09:00", "emea", "duty is held for the whole period: leave out --shift"),
    ],
)
def test_covers_that_cannot_be_written(tmp_path: Path, person: str, start: str, end: str, shift: str | None,
                                       message: str) -> None:
    with pytest.raises(EditError) as raised:
        _cover(tmp_path, person, start, end, shift)
    assert str(raised.value) == message


def test_local_times_are_read_as_written() -> None:
    assert parse_local("2026-11-17 09:00") == dt.datetime(2026, 11, 17, 9, 0)
    with pytest.raises(ValueError, match="has a UTC offset"):
        parse_local("2026-11-17T09:00+01:00")
    with pytest.raises(ValueError, match="is not a local date and time"):
        parse_local("tuesday")
