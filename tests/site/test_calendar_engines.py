"""The feeds read by the calendar engines of real clients: every event must land on the model's UTC instants.

Engines: ical.js (Thunderbird, Nextcloud Calendar) and libical (Evolution), see `calendar_engines`. Feeds:
every feed of the calendar fixture, of the shipped example handbook (whatever it holds), of a generated
large handbook, and a feed made for the zones: events on both sides of every DST change of 2026–2030 in
zones with northern, southern, half-hour, no and irregular DST, and a weekly meeting in each zone. Every
recurring event is expanded by the engine for five years. Skips without node, ical.js or libical (CI turns
a skip into a failure).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from calendar_engines import (
    Checked,
    Read,
    compare,
    feed_events,
    read_with_icaljs,
    read_with_libical,
    require_icaljs,
    require_libical,
    write_files,
)
from calendar_fixture import NOW, load_fixture
from macros.feeds.calendar_files import all_events
from macros.feeds.catalog import Feed
from macros.feeds.event_content import EventContent, Weekly
from macros.feeds.ics_writer import FeedWriter, zone_range
from macros.feeds.outputs import generated_files
from macros.feeds.revisions import Revision
from macros.feeds.settings import FeedSettings, Window
from macros.feeds.vtimezone import changes
from macros.model.loader import load_project
from macros.model.project import Project
from macros.rules.validate import validate
from macros.schedule.clock import build_time
from macros.schedule.localtime import instant

pytestmark = pytest.mark.calendar_client

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import synthetic_data  # noqa: E402

# The zones the issue names, plus zones whose rules the yearly shape cannot hold (the documented fallback).
ZONES = (
    "Europe/Berlin", "Europe/London", "America/New_York", "America/Sao_Paulo", "Australia/Sydney", "Asia/Kolkata",
    "Asia/Jerusalem", "America/Santiago", "Africa/Casablanca", "Pacific/Chatham",
)
SETTINGS = FeedSettings(base_url="https://handbook.example.com/")
Source = tuple[str, dict[str, list[EventContent]]]  # a folder of feeds, and each file's model events


def _project_feeds(project: Project, now: dt.datetime, site: Path) -> dict[str, list[EventContent]]:
    report = validate(project, now)
    assert report.errors == [], [f.format() for f in report.errors][:5]
    write_files(generated_files(project, report, now, settings=SETTINGS), site)
    events = all_events(project, report.expansions, SETTINGS.window(now), SETTINGS)
    return feed_events(project, events, site)


def _zone_events() -> list[EventContent]:
    """Around each change of 2026–2030: hours that straddle it, the day before and after; a weekly meeting."""
    events = []
    hour = dt.timedelta(hours=1)
    for zone in ZONES:
        for change in changes(zone, 2026, 2030):
            at = change.instant
            spans = [(at - hour, at + hour), (at - 25 * hour, at - 23 * hour), (at + 23 * hour, at + 25 * hour),
                     (at, at + hour), (at - hour, at)]
            for number, (start, end) in enumerate(spans):
                uid = f"{zone}.{at:%Y%m%dT%H%M}.{number}@zones"
                events.append(EventContent(uid, f"{zone} {number}", "", start, end, zone))
        first = instant(dt.date(2026, 1, 5), dt.time(9, 30), zone)  # a Monday, open-ended
        events.append(
            EventContent(f"{zone}.meeting@zones", f"{zone} meeting", "", first, first + hour, zone,
                         weekly=Weekly(1, "MO"), free=False)
        )
    return events


def _zone_feed(site: Path) -> dict[str, list[EventContent]]:
    events = _zone_events()
    window = Window(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
    writer = FeedWriter({e.uid: Revision(NOW) for e in events}, zone_range(events, window))
    wanted = {}
    for zone in ZONES:
        feed = Feed(f"zones/{zone}.ics", "team", zone, "", zone)
        chosen = [e for e in events if e.zone == zone]
        path = site / feed.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(writer.render(feed, chosen))
        wanted[str(path)] = chosen
    return wanted


class _Sources(dict[str, dict[str, list[EventContent]]]):
    """Each kind of handbook → its feed files (written to disk) → the model's events in each, made when a
    test first asks for it: a content run (`pytest -m content`) asks only for the example's."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        super().__init__()
        self.tmp = tmp_path_factory

    def __missing__(self, source: str) -> dict[str, list[EventContent]]:
        self[source] = made = getattr(self, f"_{source}")()
        return made

    def _fixture(self) -> dict[str, list[EventContent]]:
        fixture_project, _ = load_fixture()
        return _project_feeds(fixture_project, NOW, self.tmp.mktemp("fixture"))

    def _example(self) -> dict[str, list[EventContent]]:
        return _project_feeds(load_project(REPO), build_time(), self.tmp.mktemp("example"))

    def _synthetic(self) -> dict[str, list[EventContent]]:
        synthetic = self.tmp.mktemp("synthetic")
        synthetic_data.generate(synthetic, 200, 4, 2, seed=7)
        return _project_feeds(load_project(synthetic), dt.datetime(2026, 6, 1, tzinfo=dt.UTC), self.tmp.mktemp("site"))

    def _zones(self) -> dict[str, list[EventContent]]:
        return _zone_feed(self.tmp.mktemp("zones"))


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[EventContent]]]:
    return _Sources(tmp_path_factory)


def _check(reader: Callable[[Sequence[Path]], list[Read]], wanted: dict[str, list[EventContent]]) -> Checked:
    reads = reader([Path(file) for file, events in wanted.items() if events])
    problems, checked = compare(reads, wanted)
    assert problems == [], "\n".join(problems[:20])
    return checked


ENGINES = {"ical.js": (require_icaljs, read_with_icaljs), "libical": (require_libical, read_with_libical)}


# Only the example's feeds are the handbook's own content; the others test the product the same way in
# every content run, so they run once, in the full suite.
EXAMPLE = pytest.param("example", marks=pytest.mark.content)


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("source", ["fixture", EXAMPLE, "synthetic", "zones"])
def test_engine_reads_every_event_at_the_models_instants(
    engine: str, source: str, sources: dict[str, dict[str, list[EventContent]]]
) -> None:
    require, reader = ENGINES[engine]
    require()
    checked = _check(reader, sources[source])
    zones = len({e.zone for events in sources[source].values() for e in events})
    print(f"{engine} on {source}: {checked.files} feeds, {checked.events} events, {checked.occurrences} occurrences, "
          f"{zones} zones")
    assert checked.events > 0


Sources = dict[str, dict[str, list[EventContent]]]


def test_the_zone_feed_crosses_every_change_of_the_named_zones(sources: Sources) -> None:
    wanted = sources["zones"]
    for zone in ZONES[:6]:
        found = {e.start.year for events in wanted.values() for e in events if e.zone == zone and e.weekly is None}
        if changes(zone, 2026, 2030):
            assert found == {2026, 2027, 2028, 2029, 2030}, zone
