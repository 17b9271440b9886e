"""Round-trip editing keeps a file byte for byte, and new nodes follow their neighbours' style."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.model.findings import DataError
from macros.roster.yamledit import date_value, holder_node, holder_person, load_roundtrip, unified_diff, with_person

REPO = Path(__file__).resolve().parents[2]
LAYOUTS = {
    "two": "roles:\n  - id: a\n    title: A\nschedule:\n  - {start: 2026-11-16, a: ana}  # flow\n",
    "offset-dashes": "roles:\n  - id: a\n    eligible:\n      tags:\n        - x\n",
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_an_unedited_dump_reproduces_the_file(name: str) -> None:
    document = load_roundtrip(LAYOUTS[name], "x.yml")
    assert document.dump() == LAYOUTS[name]


@pytest.mark.parametrize("file", sorted((REPO / "data" / "rotations").glob("*.yml")), ids=lambda p: p.stem)
def test_changing_one_holder_in_an_example_rotation_changes_one_line(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    document = load_roundtrip(text, file.name)
    assert document.render() == text
    period = document.data["schedule"][-1]
    role = next(key for key in period if key not in ("start", "note", "overrides"))
    if isinstance(period[role], str):
        period[role] = "someone-else"
    else:
        pytest.skip("the last period's first role is not a plain holder")
    changed = [line for line in unified_diff(text, document.render(), "x").splitlines()[2:] if line[:1] in "+-"]
    assert len(changed) == 2 and "someone-else" in changed[1]


def test_a_replaced_holder_keeps_its_comment_and_quotes_elsewhere_stay() -> None:
    text = 'time: "09:00"\nschedule:\n  - start: 2026-11-16\n    duty: ana  # first\n'
    document = load_roundtrip(text, "x.yml")
    period = document.data["schedule"][0]
    period["duty"] = with_person(period["duty"], "ben", None)
    assert document.dump() == 'time: "09:00"\nschedule:\n  - start: 2026-11-16\n    duty: ben  # first\n'
    period["duty"] = with_person(period["duty"], "cy", "covering")
    assert document.dump().endswith("    duty: {person: cy, reason: covering} # first\n")


def test_holders_read_and_write_both_forms() -> None:
    assert holder_node("ana", None) == "ana"
    node = holder_node("ana", "why")
    assert holder_person(node) == "ana" and dict(node) == {"person": "ana", "reason": "why"}
    assert holder_person(["ana"]) is None
    assert date_value("2026-11-16") == dt.date(2026, 11, 16) and date_value("soon") is None


def test_invalid_yaml_is_a_finding_not_a_traceback() -> None:
    with pytest.raises(DataError) as raised:
        load_roundtrip("a: [1\n", "data/rotations/x.yml")
    assert raised.value.findings[0].format().startswith("data/rotations/x.yml:2:1: error[yaml]: cannot edit the file")


def test_unified_diff_names_both_sides() -> None:
    assert unified_diff("a: 1\n", "a: 2\n", "data/x.yml") == (
        "--- a/data/x.yml\n+++ b/data/x.yml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n"
    )
    assert unified_diff("a: 1\n", "a: 1\n", "data/x.yml") == ""


ALIGNED = """\
schedule:
  # September
  - { start: 2026-09-07, duty: dana,   backup: kofi }
  - { start: 2026-09-14, duty: kofi,   backup: dana }   # swapped once
  # October
  - { start: 2026-10-05, duty: olivia, backup: dana }
"""


def test_an_edit_of_a_layout_ruamel_cannot_reproduce_touches_only_the_edited_line() -> None:
    document = load_roundtrip(ALIGNED, "x.yml")
    assert not document.exact
    document.data["schedule"][1]["duty"] = "arjun"
    # The comment keeps its column; the other lines keep their alignment.
    assert document.render() == ALIGNED.replace(
        "  - { start: 2026-09-14, duty: kofi,   backup: dana }   # swapped once\n",
        "  - {start: 2026-09-14, duty: arjun, backup: dana}      # swapped once\n",
    )


def test_appended_items_land_after_the_last_original_line() -> None:
    document = load_roundtrip(ALIGNED, "x.yml")
    period = document.data["schedule"][0].copy()
    period["start"] = dt.date(2026, 10, 12)
    document.data["schedule"].append(period)
    rendered = document.render()
    assert rendered.startswith(ALIGNED)
    assert rendered[len(ALIGNED):] == "  - {start: 2026-10-12, duty: dana, backup: kofi}\n"
