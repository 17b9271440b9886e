"""When each calendar event last changed, derived from the data's history — never from the wall clock.

Scheme (also described on the Calendar page):

- A *state* is the set of events the data produced at one point in time, as `uid → fingerprint` (a digest of
  everything written into the event). The states are: the data being built now (stamped with the build's
  "now"), then the data of each commit that touched `data/`, newest first, stamped with the commit's
  committer time (see `git_snapshots`).
- An event's `LAST-MODIFIED` (and `DTSTAMP`) is the time of the oldest state in the unbroken run of states,
  starting from the current one, in which the event has exactly its current content. In a clean checkout
  the current data equals the last commit's, so this is the time of the commit that gave the event its
  present content: a swap committed at 14:02 stamps exactly the events whose text changed with 14:02, and
  every other event keeps its earlier stamp.
- `SEQUENCE` is that instant in whole seconds since 2020-01-01T00:00:00Z. It therefore grows with every
  change to the event and stays put while the event does not change; two builds of one commit agree.

Limitations, stated plainly:
- Commit times must increase along the history (they do unless clocks are wrong or history is rewritten
  with older committer dates); otherwise a stamp can go backwards.
- The walk stops at the history's end: a shallow clone (CI's default `fetch-depth: 1`), `max_commits`, a
  commit whose data does not load, or the last commit that changed the code writing events (older data
  would be rendered by different code). Events unchanged since before that point get that point's time —
  later than the truth, which can bump SEQUENCE without a change (harmless) but never hides one.
- Without git, every event is stamped with the build's "now" (`SOURCE_DATE_EPOCH` when set).
- Uncommitted edits are newer than any commit: the events they change are stamped with the build's "now".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Snapshot:
    """One past state of the events: when it was made, and each event's fingerprint then."""

    instant: dt.datetime
    fingerprints: Mapping[str, str]


@dataclass(frozen=True)
class Revision:
    last_modified: dt.datetime

    @property
    def sequence(self) -> int:
        return max(0, int((self.last_modified - SEQUENCE_EPOCH).total_seconds()))


def revisions(current: Mapping[str, str], now: dt.datetime, history: Iterable[Snapshot] = ()) -> dict[str, Revision]:
    """Each current event's revision; `history` is read lazily, newest first, and only as far as needed."""
    since = {uid: now for uid in current}
    open_runs = set(current)
    if not open_runs:
        return {}
    for snapshot in history:
        for uid in list(open_runs):
            if snapshot.fingerprints.get(uid) == current[uid]:
                since[uid] = snapshot.instant
            else:
                open_runs.discard(uid)
        if not open_runs:
            break  # every event found its change: older commits need not be loaded
    return {uid: Revision(since[uid].astimezone(dt.UTC).replace(microsecond=0)) for uid in current}
