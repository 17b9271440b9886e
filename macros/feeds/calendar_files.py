"""Building every calendar feed: the events in the window, their revisions, and one iCalendar file per feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from macros.feeds.catalog import plan_feeds, select_all
from macros.feeds.event_content import EventContent
from macros.feeds.events import shift_events
from macros.feeds.ics_writer import EventStore, FeedWriter, zone_range
from macros.feeds.meetings import team_meeting_events
from macros.feeds.revisions import Revision, State, revisions
from macros.feeds.runs import run_events
from macros.feeds.settings import FeedSettings, Window
from macros.model.gc_pause import gc_paused
from macros.model.project import Project
from macros.model.reuse import Reuse
from macros.schedule.expansion import Expansion, expand_all


def all_events(
    project: Project,
    expansions: Mapping[str, Expansion],
    window: Window | None,
    settings: FeedSettings,
    reuse: Reuse | None = None,
) -> list[EventContent]:
    """Every shift overlapping the window (all without one), the runs of shifts of the compact person feeds
    (made from every shift, so a run keeps its first shift's UID when the window moves on), then every team
    meeting series (never cut). `reuse`: see `shift_events`."""
    shifts = shift_events(project, expansions, None, settings, reuse)
    runs = run_events(project, shifts, settings, reuse) if any(r.shifts for r in project.rotations.values()) else []
    if window is not None:
        shifts = [e for e in shifts if window.overlaps(e.start, e.end)]
        runs = [e for e in runs if window.overlaps(e.start, e.end)]
    events = shifts + runs
    for team_id in project.teams:
        events += team_meeting_events(project, team_id, settings)
    return events


def fingerprints(
    project: Project,
    settings: FeedSettings,
    expansions: Mapping[str, Expansion] | None = None,
    reuse: Reuse | None = None,
) -> dict[str, str]:
    """`uid → fingerprint` of every event `project` gives, whatever the window: a past state of the data.

    An event's fingerprint does not depend on the window, so past states can be cached across builds.
    Every event of every year stays alive until the dictionary is made: the cyclic collector would scan
    them again and again and free nothing (see `gc_pause`), so it waits. `reuse`: see `shift_events`.
    """
    with gc_paused():
        expanded = expand_all(project) if expansions is None else expansions
        return {e.uid: e.fingerprint for e in all_events(project, expanded, None, settings, reuse)}


def feed_files(
    project: Project,
    expansions: Mapping[str, Expansion],
    now: dt.datetime,
    settings: FeedSettings,
    past: State | None = None,
    store: EventStore | None = None,
    reuse: Reuse | None = None,
    defer_save: bool = False,
) -> dict[str, bytes]:
    """Site path → iCalendar bytes for every feed of `plan_feeds`; `past` is HEAD's state (see `revisions`),
    `store` the events serialised by the last build, `reuse` the last build's event texts (see `shift_events`);
    the bytes are the same with or without them. `defer_save`: see `FeedWriter.save`."""
    window = settings.window(now)
    events = all_events(project, expansions, window, settings, reuse)
    stamps: dict[str, Revision] = revisions({e.uid: e.fingerprint for e in events}, now, past)
    writer = FeedWriter(stamps, zone_range(events, window), store)
    feeds = plan_feeds(project)
    selected = select_all(feeds, events)
    files = {feed.path: writer.render(feed, selected[feed.path]) for feed in feeds}
    writer.save(defer_save)
    return files
