"""The `calendar_feeds` macro: registered with the plugin, reading the checked data and `site_url`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from calendar_fixture import FIXTURE
from macros.adapter import build_cache
from macros.adapter import calendar_macros as mkdocs_calendar


class FakeEnv:
    def __init__(self, conf: dict[str, Any]) -> None:
        self.conf = conf
        self.macros: dict[str, Callable[..., str]] = {}

    def macro(self, function: Callable[..., str], name: str = "") -> Callable[..., str]:
        self.macros[name or function.__name__] = function
        return function


def test_the_macro_uses_the_sites_address_when_set() -> None:
    build_cache.clear()
    env = FakeEnv({"site_url": "https://duty.example.com/"})
    mkdocs_calendar.register(env, FIXTURE)
    text = env.macros["calendar_feeds"](level=3)
    assert text.startswith("### Rotations\n")
    assert 'href="webcal://duty.example.com/calendars/rotation/sustained.ics"' in text


def test_without_site_url_the_links_are_left_to_the_browser() -> None:
    env = FakeEnv({"site_url": None})
    mkdocs_calendar.register(env, FIXTURE)
    text = env.macros["calendar_feeds"]()
    assert "webcal://" not in text and '<a class="duty-feed-webcal" hidden>webcal</a>' in text
