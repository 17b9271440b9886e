"""SEQUENCE and LAST-MODIFIED from the history of each event's content, one commit at a time."""

from __future__ import annotations

import datetime as dt

from macros.feeds.revisions import Revision, State, advance, revisions

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 12, 0, 0, 750000, tzinfo=UTC)
T1 = dt.datetime(2026, 11, 1, 9, tzinfo=UTC)
T2 = dt.datetime(2026, 11, 10, 9, tzinfo=UTC)
T3 = dt.datetime(2026, 11, 20, 9, tzinfo=UTC)


def _replay(*steps: tuple[dt.datetime, dict[str, str]]) -> State | None:
    state: State | None = None
    for when, fingerprints in steps:
        state = advance(state, fingerprints, when)
    return state


def test_sequence_is_seconds_since_2020() -> None:
    assert Revision(dt.datetime(2020, 1, 1, 0, 1, tzinfo=UTC)).sequence == 60
    assert Revision(dt.datetime(2019, 1, 1, tzinfo=UTC)).sequence == 0


def test_an_event_is_stamped_with_the_oldest_state_it_has_looked_like_since() -> None:
    past = _replay(
        (T1, {"a": "a1", "b": "b1"}),
        (T2, {"a": "a1", "b": "b1", "c": "c0"}),
        (T3, {"a": "a2", "b": "b1", "c": "c1"}),  # newest commit: a and c changed
    )
    found = revisions({"a": "a2", "b": "b1", "c": "c1", "d": "d1"}, NOW, past)
    assert found == {
        "a": Revision(T3),
        "b": Revision(T1),  # unchanged as far back as history goes
        "c": Revision(T3),
        "d": Revision(NOW.replace(microsecond=0)),  # only in the uncommitted data
    }


def test_a_change_that_is_reverted_later_counts_from_the_revert() -> None:
    past = _replay((T1, {"a": "x"}), (T2, {"a": "y"}), (T3, {"a": "x"}))
    assert revisions({"a": "x"}, NOW, past)["a"] == Revision(T3)


def test_an_event_that_disappears_and_returns_is_new_again() -> None:
    past = _replay((T1, {"a": "x"}), (T2, {}), (T3, {"a": "x"}))
    assert past == {"a": ("x", int(T3.timestamp()))}


def test_without_history_everything_is_stamped_now_in_whole_seconds() -> None:
    assert revisions({"a": "1"}, NOW) == {"a": Revision(NOW.replace(microsecond=0))}


def test_a_step_keeps_exactly_the_unchanged_events() -> None:
    before = {"kept": ("k", 100), "changed": ("c", 100), "gone": ("g", 100)}
    after = advance(before, {"kept": "k", "changed": "c2", "new": "n"}, T1)
    assert after == {"kept": ("k", 100), "changed": ("c2", int(T1.timestamp())), "new": ("n", int(T1.timestamp()))}
