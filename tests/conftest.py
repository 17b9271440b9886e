"""Shared test configuration: with HANDBOOK_REQUIRE_ALL=1 (set by .ci/run) a skipped test is a failed test.

Browser and calendar-client tests skip themselves when Chromium, khal or vdirsyncer are missing, which
is friendly on a laptop and dangerous in CI: a green run that never opened a browser proves nothing.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest

from content_marks import CONTENT_FIXTURES, CONTENT_MODULES

REQUIRE_ALL = "HANDBOOK_REQUIRE_ALL"


def _require_all() -> bool:
    return os.environ.get(REQUIRE_ALL, "") not in ("", "0")


def _fail_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Turn a skip (but not an expected failure, which pytest also reports as skipped) into a failure."""
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped, but {REQUIRE_ALL}=1 requires every test to run: {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if _require_all():
        _fail_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    if _require_all():
        _fail_skip(report)
    return report




def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the content tests, so a second handbook can run just them: `pytest -m content`."""
    root = Path(str(config.rootpath))
    for item in items:
        module = Path(str(item.path)).relative_to(root).as_posix()
        if module in CONTENT_MODULES or CONTENT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.content)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Safety net for skips reported some other way: the run must not exit 0 with anything skipped."""
    if not _require_all():
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if any(not hasattr(report, "wasxfail") for report in skipped) and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
