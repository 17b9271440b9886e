"""The benchmark's copies of the handbook and their bare twins."""

from __future__ import annotations

from pathlib import Path

from bench_site import bare_twin_config


def test_the_bare_twin_finds_the_theme_overrides_of_the_project(tmp_path: Path) -> None:
    """The twin's config lives in another folder: a relative `custom_dir` would name nothing there."""
    config = {"theme": {"name": "material", "custom_dir": "macros/adapter/theme"}, "plugins": ["search", "macros"]}
    twin = bare_twin_config(tmp_path, config, [{"Home": "index.md"}])
    assert twin["theme"] == {"custom_dir": str(tmp_path / "macros/adapter/theme")}
    assert twin["plugins"] == ["search"]
    assert twin["INHERIT"] == str(tmp_path / "mkdocs.yml")
