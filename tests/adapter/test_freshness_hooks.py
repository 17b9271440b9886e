"""Page freshness and the content pages in a real `mkdocs build` of the content-project fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content_fixture import content, elements
from macros.pages.template_fill import fill
from site_fixture import copy_site, mkdocs

pytestmark = pytest.mark.slow


def warnings(stderr: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", stderr)
    return [line.split("-  ", 1)[1] for line in plain.splitlines() if line.startswith("WARNING")]


def set_front_matter(page: Path, front_matter: str) -> None:
    text = page.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    page.write_text(front_matter + body, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site(tmp_path_factory.mktemp("content") / "handbook", "content-project")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert warnings(result.stderr) == []
    return root / "site"


def test_template_texts_are_verbatim_in_the_built_page(built: Path) -> None:
    project, _ = content()
    html = (built / "templates" / "index.html").read_text(encoding="utf-8")
    texts = [e.text for e in elements(html, "pre", "hb-template__text")]
    expected = ["\n" + fill(t.body, t.fields, {}) for t in project.templates.values()]
    assert sorted(texts) == sorted(expected)
    assert "<script>window.hbInjected" not in html


def test_every_page_ends_with_its_freshness_line(built: Path) -> None:
    html = (built / "templates" / "index.html").read_text(encoding="utf-8")
    line = elements(html, "p", "hb-freshness")
    review_by = re.search(r"^review_by: (\S+)$", (built / ".." / "docs" / "templates.md").read_text(encoding="utf-8"),
                          flags=re.MULTILINE)
    assert review_by is not None  # the date the page's front matter gives, whatever the handbook
    expected = f"Owner: Operations · Review by {review_by[1]} · Last changed: not tracked in git"
    assert [e.text for e in line] == [expected]
    person = (built / "people" / "ada" / "index.html").read_text(encoding="utf-8")
    assert [e.text for e in elements(person, "p", "hb-freshness")] == ["Last changed: not tracked in git"]


def test_the_content_pages_are_in_the_search_index(built: Path) -> None:
    index = (built / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "common-tasks/#task-disk-full" in index
    assert "templates/#template-status-update" in index
    assert "checklists/#checklist-handover" in index
    assert "Owner: Operations" not in index  # the freshness line is left out of search


def test_a_page_past_review_or_without_owner_fails_a_strict_build(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "handbook", "content-project")
    set_front_matter(root / "docs" / "checklists.md", "---\nowner: ops\nreview_by: 2026-11-19\n---\n")
    set_front_matter(root / "docs" / "common-tasks.md", "---\nowner: opps\n---\n")
    strict = mkdocs(root, "build", "--strict")
    assert strict.returncode == 1
    assert warnings(strict.stderr)[:3] == [
        "docs/checklists.md:3:1: warning[page-freshness]: review date 2026-11-19 has passed (as of 2026-11-20) "
        "(read the page, update it, then move review_by to a later date)",
        "docs/common-tasks.md:2:1: warning[page-freshness]: unknown owner 'opps' (did you mean 'ops'? "
        "(a person or team id))",
        "docs/common-tasks.md:1:1: warning[page-freshness]: the page has no review date "
        "(add `review_by: YYYY-MM-DD` to its front matter)",
    ]
    relaxed = mkdocs(root, "build")
    assert relaxed.returncode == 0, relaxed.stderr
    html = (root / "site" / "checklists" / "index.html").read_text(encoding="utf-8")
    overdue = elements(html, "p", "hb-freshness--overdue")
    assert [e.text for e in overdue] == [
        "Owner: Operations · Review was due 2026-11-19 · Last changed: not tracked in git"
    ]
