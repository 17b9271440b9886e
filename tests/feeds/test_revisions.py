"""SEQUENCE and LAST-MODIFIED from the history of each event's content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from macros.feeds.revisions import Revision, Snapshot, revisions

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=UTC)
T1 = dt.datetime(2026, 11, 1, 9, tzinfo=UTC)
T2 = dt.datetime(2026, 11, 10, 9, tzinfo=UTC)
T3 = dt.datetime(2026, 11, 20, 9, tzinfo=UTC)


def test_sequence_is_seconds_since_2020() -> None:
    assert Revision(dt.datetime(2020, 1, 1, 0, 1, tzinfo=UTC)).sequence == 60
    assert Revision(dt.datetime(2019, 1, 1, tzinfo=UTC)).sequence == 0


def test_an_event_is_stamped_with_the_oldest_state_it_has_looked_like_since() -> None:
    history = [
        Snapshot(T3, {"a": "a2", "b": "b1", "c": "c1"}),  # newest commit: a changed
        Snapshot(T2, {"a": "a1", "b": "b1", "c": "c0"}),
        Snapshot(T1, {"a": "a1", "b": "b1"}),
    ]
    found = revisions({"a": "a2", "b": "b1", "c": "c1", "d": "d1"}, NOW, history)
    assert found == {
        "a": Revision(T3),
        "b": Revision(T1),  # unchanged as far back as history goes
        "c": Revision(T3),
        "d": Revision(NOW),  # not committed yet: the build's own instant
    }


def test_a_change_back_to_an_old_content_still_moves_forward() -> None:
    history = [Snapshot(T3, {"a": "x"}), Snapshot(T2, {"a": "y"}), Snapshot(T1, {"a": "x"})]
    assert revisions({"a": "x"}, NOW, history)["a"] == Revision(T3)


def test_without_history_everything_is_stamped_now() -> None:
    assert revisions({"a": "1"}, NOW) == {"a": Revision(NOW)}


def test_history_is_read_only_as_far_as_needed() -> None:
    read: list[dt.datetime] = []

    def lazy() -> Iterator[Snapshot]:
        for when, content in ((T3, "new"), (T2, "old"), (T1, "old")):
            read.append(when)
            yield Snapshot(when, {"a": content})

    assert revisions({"a": "new"}, NOW, lazy())["a"] == Revision(T3)
    assert read == [T3, T2]
