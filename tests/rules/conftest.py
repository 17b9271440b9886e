"""Fixtures for the rule tests: a fresh `Handbook` (see fixture_handbook.py) in a temporary folder."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from fixture_handbook import Handbook


@pytest.fixture
def handbook(tmp_path: Path) -> Handbook:
    return Handbook(tmp_path)


@pytest.fixture
def make_handbook(tmp_path: Path) -> Callable[[], Handbook]:
    """A fresh, empty handbook per call (for property tests, which run many examples in one test)."""
    counter = itertools.count()
    return lambda: Handbook(tmp_path / f"case-{next(counter)}")
