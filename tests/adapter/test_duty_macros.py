"""The duty macros as the macros plugin calls them: registered by name, rotation taken from the page path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from macros.adapter import build_cache
from macros.adapter.duty_macros import UnknownId, register
from pages_fixture import BUILD_NOW, ROOT


class FakeEnv:
    def __init__(self, page: str) -> None:
        self.macros: dict[str, Callable[..., Any]] = {}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=page))
        self.conf = {"use_directory_urls": True}

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.macros[name] = function
        return function


@pytest.fixture(autouse=True)
def checked_as_of_the_build() -> Iterator[None]:
    build_cache.clear()
    build_cache.check(ROOT, BUILD_NOW)  # the macros reuse what the build's own check saw
    yield
    build_cache.clear()


def env_for(page: str) -> FakeEnv:
    env = FakeEnv(page)
    register(env, ROOT)
    return env


def test_every_duty_macro_is_registered() -> None:
    assert sorted(env_for("index.md").macros) == [
        "duty_now", "duty_overview", "rotation_escalation", "rotation_facts", "rotation_on_duty", "rotation_purpose",
        "rotation_roles", "rotation_rules", "rotation_runbooks", "rotation_schedule", "team_contacts", "team_meetings",
        "team_mission", "team_ownership",
    ]


def test_a_rotation_page_need_not_name_its_rotation() -> None:
    macros = env_for("rotations/sustain.md").macros
    assert macros["rotation_schedule"]() == macros["rotation_schedule"]("sustain")
    assert "[Ana Lead](../people/ana.md)" in macros["rotation_schedule"]()
    assert "### Primary {#role-primary}" in macros["rotation_roles"]()
    assert "#### Primary {#role-primary}" in macros["rotation_roles"](level=4)


def test_links_start_from_the_page_that_calls_the_macro() -> None:
    assert 'data-duty-schedule="../api/schedule.json"' in env_for("now.md").macros["duty_now"]()
    assert '<a href="rotations/sustain/">Sustain</a>' in env_for("index.md").macros["duty_overview"]()


def test_an_unknown_rotation_or_team_is_a_clear_error() -> None:
    macros = env_for("rotations/sustian.md").macros
    with pytest.raises(UnknownId, match=r"docs/rotations/sustian.md: no rotation 'sustian' in data/rotations/ "
                                        r"\(did you mean 'sustain'\?\)"):
        macros["rotation_facts"]()
    with pytest.raises(UnknownId, match="no team 'opps' in data/teams/ \\(did you mean 'ops'\\?\\)"):
        macros["team_contacts"]("opps")


def test_outside_rotations_the_id_is_required() -> None:
    with pytest.raises(UnknownId, match="no rotation ''"):
        env_for("now.md").macros["rotation_escalation"]()
