"""When each calendar event last changed, derived from the data's history — never from the wall clock.

Scheme (also described on the Calendar page):

- A *state* says, for every event the data of one commit produces, its fingerprint (a digest of everything
  written into the event) and since when it has had exactly that content: `uid → (fingerprint, since)`.
- The state of a commit follows from the state of the commit before it (its first parent, see below) and its
  own events: an event whose fingerprint is unchanged keeps its `since`; a new or changed event gets the
  commit's committer time. `advance` is that one step. The state of the data being built now is one more step
  on top of HEAD's, at the build's "now".
- An event's `LAST-MODIFIED` (and `DTSTAMP`) is its `since`: in a clean checkout, the time of the commit that
  gave the event its present content. A swap committed at 14:02 stamps exactly the events whose text changed
  with 14:02, and every other event keeps its earlier stamp.
- `SEQUENCE` is that instant in whole seconds since 2020-01-01T00:00:00Z. It therefore grows with every
  change to the event and stays put while the event does not change; two builds of one commit agree.
- **Merges**: the history is the first-parent line (the main branch as it was published). A merge commit is
  one step on it: the events it changes compared with its first parent are stamped with the merge's time;
  the commits of the merged branch are not visited (their changes were not published before the merge).

Because a commit's state depends only on the commit (and on the code that writes events), each commit is
processed once and its state kept in a cache (`history_state`); a cold and a warm cache give the same stamps.

Limitations, stated plainly:
- Commit times must increase along the history (they do unless clocks are wrong or history is rewritten
  with older committer dates); otherwise a stamp can go backwards.
- The history starts afresh at its end (a shallow clone, CI's default `fetch-depth: 1`), at a commit whose
  data does not load, and at the last commit that changed the code writing events (older data would be
  rendered by different code). Events unchanged since before that point get that point's time — later than
  the truth, which can bump SEQUENCE without a change (harmless) but never hides one.
- Without git, every event is stamped with the build's "now" (`SOURCE_DATE_EPOCH` when set).
- Uncommitted edits are newer than any commit: the events they change are stamped with the build's "now".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

# uid → (fingerprint, since: whole seconds since the Unix epoch).
State = dict[str, tuple[str, int]]


@dataclass(frozen=True)
class Revision:
    last_modified: dt.datetime

    @property
    def sequence(self) -> int:
        return max(0, int((self.last_modified - SEQUENCE_EPOCH).total_seconds()))


def _seconds(instant: dt.datetime) -> int:
    return int(instant.astimezone(dt.UTC).replace(microsecond=0).timestamp())


def advance(
    previous: Mapping[str, tuple[str, int]] | None, fingerprints: Mapping[str, str], instant: dt.datetime
) -> State:
    """The state after one step: `fingerprints` are the events at `instant`, `previous` the state before it."""
    at = _seconds(instant)
    before = previous or {}
    state: State = {}
    for uid, fingerprint in fingerprints.items():
        earlier = before.get(uid)
        state[uid] = earlier if earlier is not None and earlier[0] == fingerprint else (fingerprint, at)
    return state


def revisions(
    current: Mapping[str, str], now: dt.datetime, past: Mapping[str, tuple[str, int]] | None = None
) -> dict[str, Revision]:
    """Each current event's revision, given the state of the last commit (`past`, None without history)."""
    state = advance(past, current, now)
    return {uid: Revision(dt.datetime.fromtimestamp(since, dt.UTC)) for uid, (_, since) in state.items()}
