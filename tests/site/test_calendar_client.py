"""A real calendar client end to end: HTTP on 127.0.0.1 → vdirsyncer (read-only http storage) → khal.

Feeds: two of the calendar fixture, listed in two viewer zones, and every rotation feed of the shipped
example and of a generated large handbook (together they hold every shift), listed across a DST change.

The feeds are written as the site would publish them and served by `python3 -m http.server`; vdirsyncer
subscribes to them into local folders and khal lists a date range in two local time zones. What khal prints
must be the model's shifts, converted to the viewer's zone, with every title (the hostile name included)
exactly as the data wrote it. Skips when vdirsyncer or khal is missing (CI turns the skip into a failure).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zoneinfo
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from calendar_fixture import NOW, load_fixture
from macros.feeds.calendar_files import all_events
from macros.feeds.catalog import rotation_feed_path
from macros.feeds.event_content import EventContent
from macros.feeds.outputs import generated_files
from macros.feeds.settings import FeedSettings
from macros.feeds.vtimezone import changes
from macros.model.loader import load_project
from macros.model.project import Project
from macros.rules.validate import validate
from macros.schedule.clock import build_time

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import synthetic_data  # noqa: E402

pytestmark = pytest.mark.calendar_client

FEEDS = {
    "sustained": "calendars/rotation/sustained.ics",  # Berlin, two-week cycles, overrides, the hostile name
    "follow": "calendars/rotation/follow.ics",  # New York daily shifts across the end of US summer time
}
# The events of the example and the synthetic handbook, filled in by `served`.
LARGE_EVENTS: dict[str, list[EventContent]] = {}
# Each viewer zone and the date range (inclusive) listed in it.
VIEWS = {
    "America/New_York": (dt.date(2026, 11, 16), dt.date(2026, 11, 30)),
    "Asia/Kolkata": (dt.date(2026, 10, 30), dt.date(2026, 11, 3)),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _write_site(site: Path, project: Project, now: dt.datetime) -> list[EventContent]:
    """The project's generated files under `site`; returns the events they were made from."""
    report = validate(project, now)
    assert report.errors == [], [f.format() for f in report.errors][:5]
    settings = FeedSettings()
    for path, content in generated_files(project, report, now, settings=settings).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)
    return all_events(project, report.expansions, settings.window(now), settings)


def _sources_wanted(request: pytest.FixtureRequest) -> set[str]:
    """The handbooks the selected tests of this module read: "fixture", "example", "synthetic". A content run
    (`pytest -m content`) selects only the example's test, and then only the example is synced."""
    wanted: set[str] = set()
    for item in request.session.items:
        if isinstance(item, pytest.Function) and item.module is request.module:
            params = getattr(item, "callspec", None)
            wanted.add(params.params.get("source", "fixture") if params is not None else "fixture")
    return wanted


@pytest.fixture(scope="module")
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The generated files of the fixture, the example and a synthetic handbook served over HTTP (the latter
    two under `example/` and `synthetic/`), those the selected tests read; yields the base URL."""
    for tool in ("vdirsyncer", "khal"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian package `{tool}`)")
    site = tmp_path_factory.mktemp("site")
    wanted = _sources_wanted(request)
    project, _ = load_fixture()
    _write_site(site, project, NOW)  # small, and the server's start is checked on one of its feeds
    for name, (root, now) in _large_sources(tmp_path_factory, wanted).items():
        LARGE_EVENTS[name] = _write_site(site / name, load_project(root), now)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port), "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + FEEDS["sustained"], timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the HTTP server did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def synced(served: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """vdirsyncer's copy of each feed, one folder per feed; returns the folder holding them."""
    work = tmp_path_factory.mktemp("vdirsyncer")
    sections = [f'[general]\nstatus_path = "{work / "status"}/"\n']
    feeds = dict(FEEDS) if "fixture" in _sources_wanted(request) else {}
    for source, events in LARGE_EVENTS.items():  # every rotation feed: together they hold every shift
        for rotation in sorted({e.shift.rotation for e in events if e.shift is not None}):
            feeds[f"{source}_{rotation.replace('-', '_')}"] = f"{source}/{rotation_feed_path(rotation)}"
    for name, path in feeds.items():
        (work / "calendars" / name).mkdir(parents=True)  # vdirsyncer discover would otherwise ask
        sections.append(
            f'[pair {name}]\na = "{name}_remote"\nb = "{name}_local"\ncollections = null\n'
            f'conflict_resolution = "a wins"\n\n'
            f'[storage {name}_remote]\ntype = "http"\nurl = "{served}{path}"\n\n'
            f'[storage {name}_local]\ntype = "filesystem"\npath = "{work / "calendars" / name}/"\nfileext = ".ics"\n'
        )
    config = work / "config"
    config.write_text("\n".join(sections), encoding="utf-8")
    env = {**os.environ, "VDIRSYNCER_CONFIG": str(config)}
    subprocess.run(["vdirsyncer", "discover"], input="y\n" * 10, env=env, check=True, capture_output=True, text=True)
    subprocess.run(["vdirsyncer", "sync"], env=env, check=True, capture_output=True, text=True)
    return work / "calendars"


def khal_list(
    calendars: Path, zone: str, first: dt.date, last: dt.date, tmp: Path, names: Iterable[str] = tuple(FEEDS)
) -> list[tuple[str, str, str]]:
    """khal's (start, end, title) for every event of the range in the calendars `names`, shown in `zone`."""
    config = tmp / f"khal-{zone.replace('/', '-')}.conf"
    calendar_lines = "".join(f"[[{name}]]\npath = {calendars / name}/\n" for name in names)
    config.write_text(
        f"[calendars]\n{calendar_lines}"
        f"[sqlite]\npath = {tmp / (config.stem + '.db')}\n"
        f"[locale]\nlocal_timezone = {zone}\ndefault_timezone = {zone}\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        ["khal", "-c", str(config), "list", "--once", "--day-format", "",
         "--format", "@@{start}|{end}|{title}", first.isoformat(), last.isoformat()],
        check=True, capture_output=True, text=True,
    )
    rows = []
    for chunk in done.stdout.split("@@")[1:]:
        start, end, title = chunk.rstrip("\n").split("|", 2)
        rows.append((start, end, title))
    return rows


def expected_rows(
    events: list[EventContent], zone_name: str, first: dt.date, last: dt.date
) -> list[tuple[str, str, str]]:
    zone = zoneinfo.ZoneInfo(zone_name)
    begin = dt.datetime.combine(first, dt.time(0), zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), zone)
    rows = []
    for event in events:
        if event.shift is not None and event.start < end and event.end > begin:
            local_start, local_end = event.start.astimezone(zone), event.end.astimezone(zone)
            rows.append((f"{local_start:%Y-%m-%d %H:%M}", f"{local_end:%Y-%m-%d %H:%M}", event.summary))
    return rows


@pytest.mark.parametrize("zone", sorted(VIEWS))
def test_khal_lists_the_models_shifts_in_the_viewers_zone(zone: str, synced: Path, tmp_path: Path) -> None:
    project, report = load_fixture()
    settings = FeedSettings()
    events = all_events(project, report.expansions, settings.window(NOW), settings)
    first, last = VIEWS[zone]
    listed = khal_list(synced, zone, first, last, tmp_path)
    expected = expected_rows(events, zone, first, last)
    assert expected  # the window holds events, so the comparison below is not vacuous
    assert sorted(listed) == sorted(expected)


# The example (as of the build's "now") and a generated handbook: each rotation feed, listed over a fortnight
# around the next change to or from summer time in Europe, seen from New York (its changes are other days).
LARGE_VIEW = "America/New_York"


def _large_sources(tmp_path_factory: pytest.TempPathFactory, wanted: set[str]) -> dict[str, tuple[Path, dt.datetime]]:
    sources = {"example": (REPO, build_time())} if "example" in wanted else {}
    if "synthetic" in wanted:
        synthetic = tmp_path_factory.mktemp("synthetic")
        synthetic_data.generate(synthetic, 200, 4, 2, seed=7)
        sources["synthetic"] = (synthetic, dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    return sources


def _around_a_change(events: list[EventContent]) -> tuple[dt.date, dt.date]:
    """Two weeks around the first DST change inside the schedule; its first two weeks when it has none (a
    handbook just started may plan less than the months to the next change)."""
    starts = [e.start.date() for e in events if e.shift is not None]
    first, last = min(starts), max(starts)
    found = changes("Europe/Berlin", first.year, last.year + 1)
    change = next((c.instant.date() for c in found if first < c.instant.date() < last), None)
    if change is None:
        return first, first + dt.timedelta(days=14)
    return change - dt.timedelta(days=7), change + dt.timedelta(days=7)


# Only the example is the handbook's own content; the fixture and the generated handbook test the product,
# the same in every content run, so they run once, in the full suite.
@pytest.mark.parametrize("source", [pytest.param("example", marks=pytest.mark.content), "synthetic"])
def test_khal_lists_every_rotation_of_a_large_handbook_across_a_dst_change(
    source: str, synced: Path, tmp_path: Path
) -> None:
    events = LARGE_EVENTS[source]
    names = sorted(p.name for p in synced.iterdir() if p.name.startswith(f"{source}_"))
    assert names
    first, last = _around_a_change(events)
    listed = khal_list(synced, LARGE_VIEW, first, last, tmp_path, names)
    expected = expected_rows(events, LARGE_VIEW, first, last)
    assert expected  # the window holds events, so the comparison below is not vacuous
    assert sorted(listed) == sorted(expected)


def test_vdirsyncer_kept_every_event(synced: Path) -> None:
    project, report = load_fixture()
    settings = FeedSettings()
    events = all_events(project, report.expansions, settings.window(NOW), settings)
    for name in FEEDS:
        expected = sum(1 for e in events if e.shift is not None and e.shift.rotation == name)
        assert len(list((synced / name).glob("*.ics"))) == expected, name
