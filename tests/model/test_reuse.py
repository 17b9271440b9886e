"""`Reuse`: a result is kept while its inputs are the same objects (or equal plain values), for one build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from macros.model.loader import load_project
from macros.model.reuse import Reuse, data_identity, same

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "site-minimal"


class Thing:
    """An object compared by identity (as the model objects are)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:  # equal content must not be enough: identity is the contract
        return isinstance(other, Thing) and other.value == self.value

    __hash__ = object.__hash__


def test_plain_values_compare_by_value_and_objects_by_identity() -> None:
    thing = Thing(1)
    assert same(("a", 1, dt.date(2026, 1, 1), None), ("a", 1, dt.date(2026, 1, 1), None))
    assert same((thing, ("nested", thing)), (thing, ("nested", thing)))
    assert not same(thing, Thing(1))
    assert not same((1, 2), (1, 2, 3))
    assert not same(1, 1.0) and not same(1, True)
    assert not same([1], [1])  # a list may change after it was kept: never "the same"


def test_an_instant_in_another_zone_is_not_the_same() -> None:
    utc = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    assert same(utc, dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC))
    assert not same(utc, utc.astimezone(ZoneInfo("Europe/Berlin")))


def test_a_result_is_kept_while_its_inputs_are_the_same() -> None:
    reuse, thing = Reuse(), Thing(1)
    calls: list[str] = []

    def make(label: str) -> str:
        calls.append(label)
        return label

    reuse.begin()
    assert reuse.get("x", (thing, "v"), lambda: make("first")) == "first"
    reuse.begin()
    assert reuse.get("x", (thing, "v"), lambda: make("second")) == "first"
    assert (reuse.made, reuse.reused) == (0, 1)
    reuse.begin()
    assert reuse.get("x", (Thing(1), "v"), lambda: make("third")) == "third"  # equal content, other object
    assert calls == ["first", "third"]


def test_a_result_no_build_asked_for_is_dropped() -> None:
    reuse = Reuse()
    reuse.begin()
    reuse.get("a", 1, lambda: "a1")
    reuse.begin()
    reuse.get("b", 1, lambda: "b1")  # this build does not ask for "a"
    reuse.begin()
    assert reuse.get("a", 1, lambda: "a2") == "a2"
    assert reuse.get("b", 1, lambda: "b2") == "b1"


def test_a_build_that_made_nothing_keeps_the_last_results() -> None:
    reuse = Reuse()
    reuse.begin()
    reuse.get("a", 1, lambda: "a1")
    reuse.begin()  # this build failed before asking for anything
    reuse.begin()
    assert reuse.get("a", 1, lambda: "a2") == "a1"


def test_data_identity_follows_the_loaders_unchanged_files(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    (root / "data").mkdir(parents=True)
    for folder in ("people", "rotations", "teams"):
        (root / "data" / folder).mkdir()
        for file in (FIXTURE / "data" / folder).glob("*.yml"):
            (root / "data" / folder / file.name).write_bytes(file.read_bytes())
    first = load_project(root, reuse_unchanged=True)
    again = load_project(root, reuse_unchanged=True)
    assert first is not again and same(data_identity(first), data_identity(again))
    person = root / "data" / "people" / "bo.yml"
    person.write_text(person.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    edited = load_project(root, reuse_unchanged=True)
    assert not same(data_identity(again), data_identity(edited))
    assert edited.rotations["ops-duty"] is again.rotations["ops-duty"]
