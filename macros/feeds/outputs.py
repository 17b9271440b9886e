"""Files the site publishes beside its pages, made from the data: calendar feeds, JSON for scripts.

`generated_files` is the one place that lists them. The MkDocs hook adds each returned file to the
build as a generated file, so it is written into the site and `mkdocs build --strict` checks links to it
like any page; the CLI may write the same files elsewhere. Nothing here knows about MkDocs.

Contract for everything returned:
- keys are site-relative POSIX paths (`calendars/rotation/sre-duty.ics`, `api/schedule.json`) that do not
  clash with a file under docs/; values are the exact bytes to publish;
- output depends only on the arguments and the git history of `root` (`now` comes from the build, never
  from the clock) and is byte-for-byte the same for the same data and history, so rebuilding an unchanged
  handbook changes nothing;
- it is only called for data without errors (`report.errors` is empty).

The events' `SEQUENCE`/`LAST-MODIFIED` come from the git history of `root/data` when `root` is given
(see `event_revisions`); without it every event is stamped with `now`.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from macros.feeds.api_json import ROTATIONS_PATH, SCHEDULE_PATH, rotations_json, schedule_json
from macros.feeds.calendar_files import PastFingerprints, feed_files, fingerprints
from macros.feeds.git_snapshots import head_state
from macros.feeds.history_cache import cache_dir, event_code_version
from macros.feeds.ics_writer import EventStore, event_store_path
from macros.feeds.now_json import NOW_PATH, now_json
from macros.feeds.revisions import State
from macros.feeds.settings import FeedSettings
from macros.model.project import Project
from macros.model.reuse import Reuse, data_identity
from macros.rules.validate import Report


def generated_files(
    project: Project,
    report: Report,
    now: dt.datetime,
    *,
    root: Path | None = None,
    base_url: str | None = None,
    settings: FeedSettings | None = None,
    reuse: Reuse | None = None,
    defer_save: bool = False,
) -> dict[str, bytes]:
    """Every generated file of the site, by site-relative path: the calendar feeds and the JSON files.

    `root` is the handbook's folder (for the git history), `base_url` the site's address (MkDocs
    `site_url`, for absolute links in events); `settings` overrides every feed setting at once. `reuse`
    holds the previous build's results (`mkdocs serve`): what the data did not change is not made again,
    and the files are the same bytes with or without it. `defer_save`: the serialised events are saved for the
    next process by `ics_writer.flush()` instead of now (a `mkdocs serve` rebuild).
    """
    chosen = settings or FeedSettings(base_url=base_url or None)
    # The current data's events serve twice, whole for HEAD's state and in the window for the feeds: made once.
    events_reuse = reuse if reuse is not None else Reuse()
    past: State | None = None
    store: EventStore | None = None
    if root is not None:
        store = EventStore(event_store_path(cache_dir(root), event_code_version()))
        # Each past state with the site address of its own commit: a new `site_url` changes every link.
        past = head_state(
            root,
            PastFingerprints(chosen),
            repr(chosen),
            current=lambda: fingerprints(project, chosen, report.expansions, events_reuse),
            current_site_url=chosen.base_url,
        )
    files = feed_files(project, report.expansions, now, chosen, past, store, events_reuse, defer_save)
    expansions = report.expansions
    if reuse is None:
        files[SCHEDULE_PATH] = schedule_json(project, expansions, now, chosen.window(now))
        files[ROTATIONS_PATH] = rotations_json(project, now, chosen)
        files[NOW_PATH] = now_json(project, expansions, now)
        return files
    # Each JSON file reads the whole data: kept as bytes while it is unchanged (schedule rows: per rotation).
    inputs = (data_identity(project), tuple(expansions.items()), now, repr(chosen))
    make = partial(schedule_json, project, expansions, now, chosen.window(now), reuse)
    files[SCHEDULE_PATH] = reuse.get(SCHEDULE_PATH, inputs, make)
    files[ROTATIONS_PATH] = reuse.get(ROTATIONS_PATH, inputs, partial(rotations_json, project, now, chosen))
    files[NOW_PATH] = reuse.get(NOW_PATH, inputs, partial(now_json, project, expansions, now))
    return files
