"""The per-commit event states on disk: what is stored is read back exactly, damage reads as missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.feeds import history_cache
from macros.feeds.history_cache import StateStore, event_code_version


def test_a_stored_state_reads_back_exactly_and_a_missing_one_is_not_found(tmp_path: Path) -> None:
    store = StateStore(tmp_path, "settings")
    state = {"a@x": ("f" * 64, 1_700_000_000), "b@x": ("e" * 64, 1_700_000_100)}
    store.put("c1", state)
    store.put("c2", None)  # a commit whose data did not load
    again = StateStore(tmp_path, "settings")
    assert again.get("c1") == (True, state)
    assert again.get("c2") == (True, None)
    assert again.get("c3") == (False, None)
    assert StateStore(tmp_path, "other settings").get("c1") == (False, None)  # another key, another folder


def test_a_damaged_file_reads_as_missing(tmp_path: Path) -> None:
    store = StateStore(tmp_path, "settings")
    store.put("c1", {"a@x": ("f", 1)})
    (store.folder / "c1.json").write_text('{"format": 1, "state": {"a@x": ')
    assert store.get("c1") == (False, None)
    (store.folder / "c1.json").write_text('{"format": 999, "state": null}')
    assert store.get("c1") == (False, None)


def test_only_the_newest_states_and_keys_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history_cache, "KEEP_STATES", 3)
    monkeypatch.setattr(history_cache, "KEEP_KEYS", 2)
    store = StateStore(tmp_path, "settings")
    for number in range(5):
        store.put(f"c{number}", {})
        os.utime(store.folder / f"c{number}.json", (1_000 + number, 1_000 + number))
    store.get("c0")  # read: counts as recently used
    store.prune()
    assert sorted(p.stem for p in store.folder.glob("*.json")) == ["c0", "c3", "c4"]
    for name in ("old", "older"):
        other = StateStore(tmp_path, name)
        other.put("c", {})
        os.utime(other.folder, (10, 10))
    store.prune()
    assert len([p for p in (tmp_path / "history").iterdir() if p.is_dir()]) == 2
    assert store.folder.is_dir()


def test_the_code_version_is_a_stable_digest() -> None:
    assert event_code_version() == event_code_version() and len(event_code_version()) == 16
