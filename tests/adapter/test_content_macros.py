"""The content macros as the macros plugin calls them: registered by name, reading the checked data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest

from content_fixture import BUILD_NOW, ROOT
from macros.adapter import build_cache
from macros.adapter.content_macros import register


class FakeEnv:
    def __init__(self) -> None:
        self.macros: dict[str, Callable[..., str]] = {}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri="runbooks/index.md"))
        self.conf = {"use_directory_urls": True}

    def macro(self, function: Callable[..., str], name: str = "") -> Callable[..., str]:
        self.macros[name] = function
        return function


@pytest.fixture
def env() -> Iterator[FakeEnv]:
    build_cache.clear()
    build_cache.check(ROOT, BUILD_NOW)
    fake = FakeEnv()
    register(fake, ROOT)
    yield fake
    build_cache.clear()


def test_the_three_macros_are_registered_by_their_documented_names(env: FakeEnv) -> None:
    assert sorted(env.macros) == ["checklists_page", "common_tasks_page", "templates_page"]


@pytest.mark.parametrize("name", ["templates_page", "checklists_page", "common_tasks_page"])
def test_each_macro_renders_the_fixtures_content_at_the_level_asked(env: FakeEnv, name: str) -> None:
    two, three = env.macros[name](), env.macros[name](level=3)
    assert two.count("\n## ") >= 1 or two.startswith("## ")
    assert "\n### " in three or three.startswith("### ")
    assert two != three


def test_the_templates_page_points_its_script_at_the_json_relative_to_the_page(env: FakeEnv) -> None:
    assert "../api/schedule.json" in env.macros["templates_page"]()

