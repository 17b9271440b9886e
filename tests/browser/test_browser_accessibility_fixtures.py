"""Accessibility of the test handbooks' sites, in light and dark mode: as test_browser_accessibility.py checks
the example's (a module of its own, so the suite's two processes can run the two at once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from axe_check import check_site, load_axe
from browser_fixture import Site

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

FIXTURE_SITES = ["content-project", "pages"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return load_axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("fixture", FIXTURE_SITES)
def test_a_fixture_site(
    new_context: Callable[..., BrowserContext],
    site_for: Callable[[str], Site],
    axe_source: str,
    fixture: str,
    scheme: str,
) -> None:
    assert check_site(new_context, site_for(fixture), scheme, axe_source) > 3
