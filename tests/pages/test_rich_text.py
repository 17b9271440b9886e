"""Markdown fields of the data: Markdown yes, raw HTML and unsafe link schemes no."""

from __future__ import annotations

import pytest

from macros.pages import rich_text


def test_markdown_is_rendered() -> None:
    assert rich_text.block("A *b* `c<d` [e](https://example.org/?x=1&y=2)") == (
        '<p>A <em>b</em> <code>c&lt;d</code> <a href="https://example.org/?x=1&amp;y=2">e</a></p>'
    )
    assert rich_text.block("1. one\n2. two") == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"


def test_raw_html_shows_as_text() -> None:
    assert rich_text.block('<script>alert(1)</script>\n\n<div onclick="x">hi</div>') == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>&lt;div onclick=\"x\"&gt;hi&lt;/div&gt;</p>"
    )
    assert rich_text.inline("a <img src=x onerror=alert(1)> b") == "a &lt;img src=x onerror=alert(1)&gt; b"


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("https://example.org", True),
        ("http://example.org", True),
        ("mailto:duty@example.org", True),
        ("../checklists/", True),
        ("#anchor", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
    ],
)
def test_only_safe_link_targets_are_kept(target: str, kept: bool) -> None:
    assert rich_text.safe_href(target) is kept
    html = rich_text.inline(f"[x](<{target.strip()}>)")
    assert ("href=" in html) is kept


def test_inline_keeps_block_markup_of_several_paragraphs() -> None:
    assert rich_text.inline("one") == "one"
    assert rich_text.inline("one\n\ntwo") == "<p>one</p>\n<p>two</p>"
