"""`make serve` with bad data: the browser gets a page listing the findings at once, and the handbook back
by itself (live reload) when the data is fixed. Before, every request waited for a build that never came."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_fixture import PageLog

from site_fixture import build_env, copy_site, make_command

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

BROKEN = "name: [Ops duty"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def broken_preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copied handbook whose rotation file does not parse, previewed by `make serve` on a free port."""
    root = copy_site(tmp_path / "handbook")
    rotation = root / "data" / "rotations" / "ops-duty.yml"
    rotation.write_text(rotation.read_text(encoding="utf-8").replace("name: Ops duty", BROKEN), encoding="utf-8")
    port = _free_port()
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen(make_command("serve", f"ADDR=127.0.0.1:{port}"), cwd=root, env=build_env(),
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield root, f"http://127.0.0.1:{port}/"
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_bad_data_shows_the_findings_and_the_fix_brings_the_handbook_back(
    new_context: Callable[..., BrowserContext], page_log: PageLog, broken_preview: tuple[Path, str]
) -> None:
    root, url = broken_preview
    page = page_log.watch(new_context().new_page())
    for _ in range(12):  # the server needs a few seconds for its first build
        try:
            page.goto(url, timeout=5000)
            break
        except Exception:  # noqa: BLE001 - not listening yet
            page.wait_for_timeout(500)
    finding = page.locator("#findings li").first
    assert finding.inner_text(timeout=5000).startswith("data/rotations/ops-duty.yml:3:")
    assert "error[yaml]" in finding.inner_text()

    rotation = root / "data" / "rotations" / "ops-duty.yml"
    rotation.write_text(rotation.read_text(encoding="utf-8").replace(BROKEN, "name: Ops duty"), encoding="utf-8")
    page.wait_for_selector(".md-content", timeout=30000)  # reloaded by MkDocs' poller into the themed handbook
    assert page.locator("#findings").count() == 0
    assert "Ops duty" in page.content()
