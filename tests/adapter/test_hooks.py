"""The MkDocs hooks in-process: what `on_pre_build` logs and refuses, and what `on_files` adds."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from macros.adapter import build_cache
from macros.adapter import hooks as mkdocs_hooks
from macros.feeds import outputs
from macros.model.project import Project
from macros.rules.validate import Report
from site_fixture import BUILD_EPOCH, copy_site

ROTATION = "data/rotations/ops-duty.yml"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build_cache.clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(BUILD_EPOCH))
    return copy_site(tmp_path / "handbook")


def config_for(root: Path, *, strict: bool = False, site_url: str | None = "https://duty.example.com/") -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(root / "mkdocs.yml"))
    paths = {"docs_dir": str(root / "docs"), "site_dir": str(root / "site")}
    config.load_dict({"site_name": "Test", "site_url": site_url, **paths})
    errors, _ = config.validate()
    assert errors == []
    config.strict = strict
    config.plugins["handbook"] = mkdocs_hooks  # type: ignore[assignment]  # registered as MkDocs registers hooks
    return config


def replace_in(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs") and r.levelno == level]


def test_valid_data_passes_silently(site: Path, caplog: pytest.LogCaptureFixture) -> None:
    mkdocs_hooks.on_pre_build(config_for(site))
    assert messages(caplog, logging.ERROR) == messages(caplog, logging.WARNING) == []


def test_errors_are_logged_one_line_each_then_abort(site: Path, caplog: pytest.LogCaptureFixture) -> None:
    replace_in(site, ROTATION, "team: ops\n", "team: ops\nteem: ops\n")
    replace_in(site, "data/people/bo.yml", "handle: bo\n", "handle: bo\nhandel: bo\n")
    with pytest.raises(Abort, match=r"^Aborted: 2 errors in data/ \(listed above\); nothing was built\.$"):
        mkdocs_hooks.on_pre_build(config_for(site))
    assert messages(caplog, logging.ERROR) == [
        "data/people/bo.yml:3:1: error[schema]: unknown key 'handel' (did you mean 'handle'?)",
        "data/rotations/ops-duty.yml:5:1: error[schema]: unknown key 'teem' (did you mean 'team'?)",
    ]


def test_warnings_are_mkdocs_warnings_and_stop_only_strict_builds(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    replace_in(site, ROTATION, "horizon_days: 0", "horizon_days: 42")
    mkdocs_hooks.on_pre_build(config_for(site))
    [warning] = messages(caplog, logging.WARNING)
    assert warning.startswith("data/rotations/ops-duty.yml:") and "warning[coverage]" in warning
    assert messages(caplog, logging.ERROR) == []
    with pytest.raises(Abort, match="1 warning in data/ in strict mode"):
        mkdocs_hooks.on_pre_build(config_for(site, strict=True))


SITE_URL_MISSING = (
    "site_url is not set (set it to the handbook's public address, e.g. `site_url: https://handbook.example.com/`: "
    "calendar events link the handbook by it)"
)


def test_without_site_url_a_strict_build_stops_and_a_preview_warns(
    site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort, match=r"^Aborted: site_url is missing in strict mode; nothing was built\.$"):
        mkdocs_hooks.on_pre_build(config_for(site, strict=True, site_url=None))
    assert messages(caplog, logging.ERROR) == [f"mkdocs.yml:1:1: error[site-url]: {SITE_URL_MISSING}"]
    caplog.clear()
    mkdocs_hooks.on_pre_build(config_for(site, site_url=None))
    assert messages(caplog, logging.WARNING) == [f"mkdocs.yml:1:1: warning[site-url]: {SITE_URL_MISSING}"]


def test_a_bad_source_date_epoch_aborts(
    site: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(Abort):
        mkdocs_hooks.on_pre_build(config_for(site))
    assert messages(caplog, logging.ERROR) == [
        "SOURCE_DATE_EPOCH must be whole seconds since 1970 in ASCII digits, not 'soon'"
    ]


def fake_outputs(monkeypatch: pytest.MonkeyPatch, files: dict[str, bytes]) -> list[dt.datetime]:
    seen: list[dt.datetime] = []

    def generated_files(project: Project, report: Report, now: dt.datetime, **options: object) -> dict[str, bytes]:
        assert report.errors == []
        seen.append(now)
        return files

    monkeypatch.setattr(outputs, "generated_files", generated_files)
    return seen


def test_generated_files_join_the_site(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = fake_outputs(monkeypatch, {"api/schedule.json": b"{}\n", "calendars/ops-duty.ics": b"BEGIN:VCALENDAR"})
    config = config_for(site)
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(Files([]), config=config)
    added = {file.src_uri: file.content_bytes for file in files if not file.is_documentation_page()}
    assert added == {"api/schedule.json": b"{}\n", "calendars/ops-duty.ics": b"BEGIN:VCALENDAR"}
    assert seen == [dt.datetime.fromtimestamp(BUILD_EPOCH, dt.UTC)]


def test_a_generated_file_may_not_shadow_a_docs_file(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_outputs(monkeypatch, {"index.md": b"# generated"})
    config = config_for(site)
    config.plugins.on_pre_build(config=config)
    from mkdocs.structure.files import get_files

    with pytest.raises(Abort, match=r"docs/index\.md clashes with a generated file"):
        config.plugins.on_files(get_files(config), config=config)


def test_under_serve_rebuilds_save_the_serialised_events_at_shutdown(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deferred: list[bool] = []

    def recording(*args: object, defer_save: bool = False, **kwargs: object) -> dict[str, bytes]:
        deferred.append(defer_save)
        return {}

    monkeypatch.setattr(outputs, "generated_files", recording)
    monkeypatch.setattr(mkdocs_hooks, "_add_pages", lambda *args: None)
    monkeypatch.setattr(mkdocs_hooks, "_builds_done", 0)
    flushed: list[bool] = []
    monkeypatch.setattr(mkdocs_hooks.ics_writer, "flush", lambda: flushed.append(True))
    mkdocs_hooks.on_startup("serve", dirty=False)
    try:
        for _ in range(2):
            config = config_for(site)
            mkdocs_hooks.on_pre_build(config)
            mkdocs_hooks.on_files(Files([]), config)
            mkdocs_hooks.on_post_build(config)
        mkdocs_hooks.on_shutdown()
    finally:
        mkdocs_hooks.on_startup("build", dirty=False)
    assert deferred == [False, True] and flushed == [True]
