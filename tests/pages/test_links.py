"""Links to people and rotations from any page; someone missing from the roster is plain text."""

from __future__ import annotations

from macros.pages.links import person_html, person_md, rotation_md
from pages_fixture import links, pages


def test_person_links_for_markdown_and_raw_html() -> None:
    project, _ = pages()
    assert person_md(project, "ana", links("rotations/sustain.md")) == "[Ana Lead](../people/ana.md)"
    assert person_html(project, "ana", links("rotations/sustain.md")) == '<a href="../../people/ana/">Ana Lead</a>'


def test_names_are_escaped_and_unknown_people_are_text() -> None:
    project, _ = pages()
    assert person_md(project, "mallory", links("now.md")) == (
        "[&lt;img src=x onerror=alert(1)&gt;](people/mallory.md)"
    )
    assert person_md(project, "nobody-here", links("now.md")) == "nobody-here"
    assert person_html(project, "nobody-here", links("now.md")) == "nobody-here"


def test_rotation_link() -> None:
    project, _ = pages()
    assert rotation_md(project, "desk", links("people/eve.md")) == "[Help desk](../rotations/desk.md)"
