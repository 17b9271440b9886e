from pathlib import Path
from types import SimpleNamespace

import pytest

from fixture_project import write_project
from macros.adapter import build_cache
from macros.adapter.page_context import HandbookDataError, checked_data, page_links, page_source, remembered


def test_checked_data_returns_the_validated_project(tmp_path: Path) -> None:
    data = checked_data(write_project(tmp_path, {}))
    assert data.project is not None and list(data.project.rotations) == ["duty"]


def test_checked_data_names_the_first_error(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"data/teams/core.yml": "name: Core\nnmae: x\n"})
    with pytest.raises(HandbookDataError, match=r"data/teams/core\.yml:2:1: error\[schema\]: unknown key 'nmae'"):
        checked_data(root)


def env_for(page: str, directory_urls: bool) -> SimpleNamespace:
    file = SimpleNamespace(src_uri=page)
    return SimpleNamespace(page=SimpleNamespace(file=file), conf={"use_directory_urls": directory_urls})


def test_links_are_relative_to_the_page_being_rendered() -> None:
    assert page_source(env_for("rotations/sre-duty.md", True)) == "rotations/sre-duty.md"
    assert page_links(env_for("rotations/sre-duty.md", True)).url("api/schedule.json") == "../../api/schedule.json"
    assert page_links(env_for("rotations/sre-duty.md", False)).url("api/schedule.json") == "../api/schedule.json"


def test_outside_a_page_links_start_at_the_home_page() -> None:
    assert page_source(SimpleNamespace()) == "index.md"


def test_a_remembered_result_is_kept_for_the_same_page_arguments_and_data(tmp_path: Path) -> None:
    build_cache.clear()
    root = write_project(tmp_path, {})
    calls: list[str] = []

    def make(label: str) -> str:
        calls.append(label)
        return label

    home, other = env_for("index.md", True), env_for("now.md", True)
    assert remembered(home, root, "m", (1,), lambda: make("a")) == "a"
    assert remembered(home, root, "m", (1,), lambda: make("b")) == "a"
    assert remembered(home, root, "m", (2,), lambda: make("c")) == "c"  # other arguments
    assert remembered(other, root, "m", (1,), lambda: make("d")) == "d"  # another page
    assert remembered(env_for("index.md", False), root, "m", (1,), lambda: make("e")) == "e"  # other URLs
    team = root / "data" / "teams" / "core.yml"
    team.write_text(team.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert remembered(home, root, "m", (2,), lambda: make("f")) == "f"  # other data
    assert calls == ["a", "c", "d", "e", "f"]
    build_cache.clear()
