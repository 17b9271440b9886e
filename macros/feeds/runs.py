"""The compact person feed: one event per run of consecutive shifts of one role, beside the exact feed.

A person on a follow-the-sun rotation holds a daily window every day of a period: the exact feed shows each
window (hundreds of events a year), the compact one a single event from the first window's start to the
last one's end, whose description gives the daily hours. A run is the person's shifts of one rotation, role
and daily window where each starts on the day after the previous one (a daily window) or exactly when the
previous one ends (a role held for whole periods: two weeks in a row are one event). A cover ends a run.

UID: `run.` then the UID of the run's first shift, so the run keeps its identity while it grows or shrinks
at the end, and like every UID it names one person's shifts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from functools import partial

from macros.feeds.event_content import EventContent
from macros.feeds.events import daily_text, local_text, summary
from macros.feeds.settings import FeedSettings
from macros.model.project import Project
from macros.model.reuse import Reuse
from macros.schedule.expansion import Shift

# A daily window starts again 24 hours later, give or take a DST change.
_NEXT_DAY = dt.timedelta(hours=25)


def _continues(previous: Shift, shift: Shift) -> bool:
    if previous.override or shift.override:
        return False
    if shift.shift is None:
        return shift.start == previous.end
    return dt.timedelta(0) < shift.start - previous.start <= _NEXT_DAY


def _runs(events: Sequence[EventContent]) -> list[list[EventContent]]:
    """The shift events grouped into runs, each in time order."""
    by_kind: dict[tuple[str, str, str, str], list[EventContent]] = defaultdict(list)
    for event in events:
        shift = event.shift
        if shift is not None:
            by_kind[(shift.person, shift.rotation, shift.role, shift.shift or "")].append(event)
    runs: list[list[EventContent]] = []
    for items in by_kind.values():
        items.sort(key=lambda e: (e.start, e.uid))
        current = [items[0]]
        for event in items[1:]:
            previous = current[-1].shift
            assert previous is not None and event.shift is not None
            if _continues(previous, event.shift):
                current.append(event)
            else:
                runs.append(current)
                current = [event]
        runs.append(current)
    return runs


def _run_event(project: Project, run: list[EventContent], settings: FeedSettings) -> EventContent:
    first, last = run[0], run[-1]
    shift = first.shift
    assert shift is not None
    rotation = project.rotations[shift.rotation]
    zone = rotation.handoff.timezone
    daily = next((d for d in rotation.shifts if d.id == shift.shift), None)
    count = f"{len(run)} shifts" if len(run) > 1 else "1 shift"
    lines = [
        f"{summary(project, rotation, shift)}: {count}.",
        f"From {local_text(first.start, zone)} to {local_text(last.end, zone)} ({zone}).",
    ]
    if daily is not None:
        lines.append(f"{daily_text(daily, zone)}: on duty only during those hours, each day of this stretch.")
    lines.append("The exact feed has one event per shift.")
    if first.url:
        lines += ["", f"Handbook: {first.url}"]
    title = summary(project, rotation, shift) + (f" ({len(run)} days)" if daily is not None and len(run) > 1 else "")
    return EventContent(
        uid="run." + first.uid,
        summary=title,
        description="\n".join(lines),
        start=first.start,
        end=last.end,
        zone=first.zone,
        url=first.url,
        run_of=shift.person,
    )


def run_events(
    project: Project, events: Sequence[EventContent], settings: FeedSettings, reuse: Reuse | None = None
) -> list[EventContent]:
    """The compact events of every person, in time order (each belongs to the person's compact feed).

    With `reuse`, a run's event is made again only when its shift events (the very same objects), its
    rotation, its person or the settings changed: `_run_event` reads nothing else."""
    made = []
    for run in _runs(events):
        if reuse is None:
            made.append(_run_event(project, run, settings))
            continue
        shift = run[0].shift
        assert shift is not None
        inputs = (tuple(run), project.rotations[shift.rotation], project.people.get(shift.person), repr(settings))
        made.append(reuse.get(("run", run[0].uid), inputs, partial(_run_event, project, run, settings)))
    return sorted(made, key=lambda e: (e.start, e.uid))
