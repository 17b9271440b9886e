"""Building every calendar feed: the events in the window, their revisions, and one iCalendar file per feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from macros.feeds.catalog import plan_feeds, select_all
from macros.feeds.event_content import EventContent
from macros.feeds.events import shift_events
from macros.feeds.ics_writer import EventStore, FeedWriter, zone_range
from macros.feeds.meetings import team_meeting_events
from macros.feeds.revisions import Revision, State, revisions
from macros.feeds.runs import run_events
from macros.feeds.settings import FeedSettings, Window
from macros.model.gc_pause import gc_paused
from macros.model.project import Collection, M, Project
from macros.model.reuse import Reuse
from macros.model.types import Person, Rotation
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


class PastFingerprints:
    """`fingerprints` of one past commit after another (the `fingerprints_of` of `git_snapshots.head_state`),
    each with that commit's `site_url`.

    A person or rotation that reads exactly as in the commit before (same `repr`: a comment or a change of
    layout) is replaced by that commit's very object, as is one whose file `load_project(...,
    reuse_unchanged=True)` did not read again; a rotation whose object is kept is not expanded again, and its
    events are not made again while the people they name and the settings are the same (see `shift_events`):
    a history of small commits costs about one rotation per commit. Only fingerprints come out of here, so
    the source maps (where a finding would point) need not match the kept objects.
    """

    def __init__(self, settings: FeedSettings) -> None:
        self.settings = settings
        self.reuse = Reuse()
        self.expansions: dict[str, Expansion] = {}
        self.people: dict[str, tuple[Person, str]] = {}
        self.rotations: dict[str, tuple[Rotation, str]] = {}

    def __call__(self, project: Project, site_url: str | None) -> dict[str, str]:
        self.reuse.begin()
        project = replace(
            project,
            people=replace(project.people, by_id=_kept(self.people, project.people)),
            rotations=replace(project.rotations, by_id=_kept(self.rotations, project.rotations)),
        )
        with gc_paused():
            self.expansions = expand_all(project, self.expansions)
        return fingerprints(project, replace(self.settings, base_url=site_url), self.expansions, self.reuse)


def _kept(earlier: dict[str, tuple[M, str]], items: Collection[M]) -> dict[str, M]:
    """Each item, or the earlier object with the same id and `repr` (`earlier` is updated to this commit)."""
    chosen: dict[str, M] = {}
    for item_id, item in items.items():
        before = earlier.get(item_id)
        if before is not None and before[0] is item:
            chosen[item_id] = item
            continue
        shown = repr(item)
        chosen[item_id] = before[0] if before is not None and before[1] == shown else item
        earlier[item_id] = (chosen[item_id], shown)
    for gone in earlier.keys() - items.keys():
        del earlier[gone]
    return chosen


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
