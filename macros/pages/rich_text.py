"""Rendering the data's Markdown fields (a template's summary, checklist items, common-task steps) to HTML.

Fields the model documents as Markdown may use Markdown, but not raw HTML: a `<script>` or `<img onerror>`
written in one of them shows as text, exactly like in plain-text fields (see `markup.text`). Links keep
only safe targets: relative ones (another handbook page) and http(s)/mailto; any other scheme, such as
`javascript:`, loses its `href`.

Which targets are safe is not decided by a pattern on the attribute: browsers decode entities
(`java&#115;cript:`), drop tabs and line breaks inside a scheme and skip leading control characters before
they act on a link, and a pattern cannot keep up. The HTML Markdown produces goes through `nh3` (the Rust
`ammonia` sanitiser, which parses HTML and URLs the way browsers do) with an explicit allow-list of tags,
attributes and URL schemes; whatever is not on it is dropped.

The HTML is produced here rather than by the page's own Markdown pass so that it can sit inside the raw
HTML blocks of the interactive widgets, which Markdown leaves alone.
"""

from __future__ import annotations

import html
from typing import Any

import markdown
import nh3

# Everything Python-Markdown makes of paragraphs, lists, emphasis, code, quotes, headings and links.
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
# Relative targets (another handbook page) pass as they are; absolute ones only with these schemes.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(fragment: str) -> str:
    """An HTML fragment reduced to the allow-list: other tags, attributes, schemes and comments removed."""
    return str(nh3.clean(
        fragment, tags=set(ALLOWED_TAGS), attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES), link_rel=None, strip_comments=True,
    ))


def safe_href(value: str) -> bool:
    """True for a relative link or an http(s)/mailto one, as a browser would read it; False for any other."""
    probe = f'<a href="{html.escape(value.strip(), quote=True)}">x</a>'
    return "href=" in sanitise(probe)


def _converter() -> Any:
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML, block and inline, is treated as text: the documented way since Markdown 3 removed safe_mode.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


_CONVERTER = _converter()


def block(text: str) -> str:
    """Markdown (paragraphs, lists, emphasis, code, links) as sanitised HTML; raw HTML shows as text."""
    _CONVERTER.reset()
    return sanitise(str(_CONVERTER.convert(text)))


def inline(text: str) -> str:
    """One paragraph of Markdown as inline HTML (without the `<p>` around it), e.g. for a list item."""
    html = block(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
