"""Markdown fields of the data: Markdown yes, raw HTML and unsafe link schemes no."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from macros.pages import rich_text
from macros.pages.rich_text import block, safe_href, sanitise


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


# Spellings of `javascript:` a browser still runs: entities, a tab or line break inside the scheme, a
# leading control character. A pattern on the attribute let each of these through.
DISGUISED = [
    "java&#115;cript:alert(1)",
    "javascript&colon;alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "<java\nscript:alert(1)>",
    "<java\tscript:alert(1)>",
    "\x01javascript:alert(1)",
    "<\x0ejavascript:alert(1)>",
    " JaVaScRiPt:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]


class _Targets(HTMLParser):
    """Link and image targets as a browser reads them: entities decoded, tab and line breaks removed,
    leading control characters and spaces skipped, lower case."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                kept = "".join(c for c in value if c not in "\t\n\r").lstrip("".join(map(chr, range(33))))
                self.targets.append(kept.lower())


@pytest.mark.parametrize("target", DISGUISED)
def test_disguised_script_links_lose_their_target(target: str) -> None:
    html = block(f"[click]({target}) and ![pic]({target})")
    parser = _Targets()
    parser.feed(html)
    assert [t for t in parser.targets if t.startswith(("javascript:", "vbscript:", "data:"))] == [], html
    assert "click" in html


@pytest.mark.parametrize("target", [t.strip("<>") for t in DISGUISED])
def test_disguised_script_urls_are_not_safe_hrefs(target: str) -> None:
    # `&` is kept literally in our attributes (`java&#115;cript:` is then a relative path, as in the page).
    assert not safe_href(target) or "&" in target


def test_only_allowed_tags_and_attributes_remain() -> None:
    html = sanitise('<p title="x" onclick="y"><a href="../a.md" style="z">a</a><iframe src="x"></iframe>'
                    '<!-- c --><svg onload="y"></svg></p>')
    assert html == '<p title="x"><a href="../a.md">a</a></p>'  # `title` is harmless text, kept on any tag
