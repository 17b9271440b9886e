"""A copy of the handbook site (mkdocs.yml, docs/, macros/, Makefile) with small data, for build tests.

The copy runs MkDocs in a subprocess against its own `macros/` and `data/`, so a test can break the
data or pre-fill `site/` without touching the repository.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from macros.schedule.clock import build_time

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The fixture schedule runs 2026-11-02 to 2026-12-07; the builds are "as of" a day inside it.
BUILD_NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
BUILD_EPOCH = int(BUILD_NOW.timestamp())


def content_now() -> dt.datetime:
    """The instant the content tests look at the handbook's own data as of: SOURCE_DATE_EPOCH when it is set
    (.ci/run pins it for each handbook it tests, so "now" falls inside that handbook's schedule), else BUILD_NOW."""
    return build_time() if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else BUILD_NOW


def copy_site(target: Path, fixture: str = "site-minimal") -> Path:
    """The repository's site sources plus `tests/fixtures/<fixture>/data`, under `target`."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy2(REPO / "Makefile", target / "Makefile")
    shutil.copytree(REPO / "docs", target / "docs", ignore=ignore)
    shutil.copytree(REPO / "macros", target / "macros", ignore=ignore)
    shutil.copytree(FIXTURES / fixture / "data", target / "data")
    # The handbook's hand-written rotation and team pages describe its own: keep those the fixture has.
    for folder in ("rotations", "teams"):
        for page in (target / "docs" / folder).glob("*.md"):
            if not (target / "data" / folder / f"{page.stem}.yml").is_file():
                page.unlink()
    for page in (target / "docs").rglob("*.md"):
        _set_owner(page, FIXTURE_OWNER)
    return target


# The pages name owners from the real data/; in a copy with fixture data they must name a fixture id.
FIXTURE_OWNER = "ops"


def _set_owner(page: Path, owner: str) -> None:
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return
    header, separator, body = text[4:].partition("\n---\n")
    meta = yaml.safe_load(header) or {}
    if not separator or not isinstance(meta, dict) or "owner" not in meta:
        return
    meta["owner"] = owner
    page.write_text(f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{body}", encoding="utf-8")


def build_env(now: dt.datetime = BUILD_NOW) -> dict[str, str]:
    """The environment for MkDocs subprocesses: builds "as of" `now` (the fixtures' BUILD_NOW unless told; the
    handbook's own content is built as of `content_now()`), no banner, no line wrapping."""
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES", "PYTHONPATH")}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(int(now.timestamp())), PYTHONDONTWRITEBYTECODE="1")
    return env


def mkdocs(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs ARGS` (the venv's, as `make` does) in `root`; output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def make_command(*targets: str) -> list[str]:
    """`make TARGETS` in a copied site, using this interpreter's venv instead of creating `.venv` there."""
    bin_dir = Path(sys.executable).parent
    return ["make", "--no-print-directory", "-o", ".venv/.installed", f"BIN={bin_dir}", *targets]


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` by relative path, with its bytes."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
