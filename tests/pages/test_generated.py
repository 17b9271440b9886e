"""Pages the build adds from data, and the Rotations section of the navigation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.pages.generated import expand_nav, generated_pages
from pages_fixture import BUILD_NOW, pages
from site_fixture import copy_site, mkdocs


def test_people_pages_and_missing_rotation_pages_are_generated() -> None:
    project, expansions = pages()
    generated = generated_pages(project, expansions, BUILD_NOW, {"index.md", "rotations/sustain.md"})
    assert "rotations/sustain.md" not in generated
    desk = generated["rotations/desk.md"]
    assert desk.startswith(
        '---\ntitle: "Help desk"\nrender_macros: false\n'
        'sources: ["data/rotations/desk.yml", "data/people"]\n---\n\n# Help desk\n'
    )
    assert {p for p in generated if p.startswith("people/")} == {"people/index.md"} | {
        f"people/{p}.md" for p in project.people
    }


def test_a_page_in_docs_wins_over_a_generated_one() -> None:
    project, expansions = pages()
    generated = generated_pages(project, expansions, BUILD_NOW, {"people/ana.md", "people/index.md"})
    assert "people/ana.md" not in generated and "people/index.md" not in generated


def test_the_rotations_placeholder_lists_every_rotation_in_data_order() -> None:
    project, _ = pages()
    nav = [{"Home": "index.md"}, {"Rotations": "rotations/"}, {"More": [{"Other": "rotations/"}, "x.md"]}]
    assert expand_nav(nav, project) == [
        {"Home": "index.md"},
        {"Rotations": [{"Help desk": "rotations/desk.md"}, {"Sustain": "rotations/sustain.md"}]},
        {"More": [{"Other": [{"Help desk": "rotations/desk.md"}, {"Sustain": "rotations/sustain.md"}]}, "x.md"]},
    ]
    assert expand_nav(None, project) is None


@pytest.mark.slow
def test_the_built_site_has_the_pages_and_loads_nothing_from_other_hosts(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook", "pages")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert sorted(p.name for p in (site / "people").iterdir()) == sorted([*pages()[0].people, "index.html"])
    home = (site / "index.html").read_text(encoding="utf-8")
    link = r'<a href="(rotations/[a-z-]+/)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<'
    nav = re.findall(link, home)
    assert ("rotations/desk/", "Help desk") in nav and ("rotations/sustain/", "Sustain") in nav
    mallory = (site / "people" / "mallory" / "index.html").read_text(encoding="utf-8")
    assert "<title>‹img src=x onerror=alert(1)› - Duty Handbook</title>" in mallory
    assert "<img src=x" not in mallory
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # Links to other sites are fine; loading anything from them is not.
        loaded = re.findall(r'<(?:script|img|iframe|source)[^>]* src="(https?:)?//', text)
        # A canonical link (from site_url) names the page's public address; the browser loads nothing from it.
        loaded += re.findall(r'<link(?![^>]*rel="canonical")[^>]* href="(https?:)?//', text)
        assert loaded == [], page
