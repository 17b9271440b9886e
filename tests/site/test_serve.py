"""`make serve`: the preview server injects live reload and shows an edit to data/ without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_fixture import build_env, copy_site, make_command

pytestmark = pytest.mark.slow

TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, wanted: str, server: subprocess.Popen[str]) -> str:
    """The page at `url` once it contains `wanted`; fails after TIMEOUT seconds or if the server died."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped (exit {server.returncode})"
        page = fetch(url)
        if page is not None and wanted in page:
            return page
        time.sleep(0.25)
    pytest.fail(f"{url} did not show {wanted!r} within {TIMEOUT:.0f} s")


@dataclass
class Served:
    root: Path
    url: str
    server: subprocess.Popen[str]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """A copied handbook served by `make serve` on a free local port."""
    root = copy_site(tmp_path / "handbook")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        make_command("serve", f"ADDR=127.0.0.1:{port}"),
        cwd=root,
        env=build_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: make and mkdocs stop together
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", "Ops duty", server)
        yield Served(root, f"http://127.0.0.1:{port}/", server)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_serve_reloads_after_a_data_edit(served: Served) -> None:
    page = fetch(served.url)
    assert page is not None
    assert "livereload(" in page  # MkDocs injects its reload poller only when live reload is on

    rotation = served.root / "data" / "rotations" / "ops-duty.yml"
    text = rotation.read_text(encoding="utf-8")
    rotation.write_text(text.replace("name: Ops duty", "name: Night watch"), encoding="utf-8")

    page = wait_for(served.url, "<td>Night watch</td>", served.server)
    assert "<td>Ops duty</td>" not in page
