"""Rendering the data's Markdown fields (a template's summary, checklist items, common-task steps) to HTML.

Fields the model documents as Markdown may use Markdown, but not raw HTML: a `<script>` or `<img onerror>`
written in one of them shows as text, exactly like in plain-text fields (see `markup.text`). Links keep
only safe targets: relative ones (another handbook page) and http(s)/mailto; any other scheme, such as
`javascript:`, loses its `href`.

The HTML is produced here rather than by the page's own Markdown pass so that it can sit inside the raw
HTML blocks of the interactive widgets, which Markdown leaves alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SAFE_SCHEME = re.compile(r"^(https?|mailto):", re.IGNORECASE)


def safe_href(value: str) -> bool:
    """True for a relative link or an http(s)/mailto one; False for `javascript:` and other schemes."""
    target = value.strip()
    return not _SCHEME.match(target) or bool(_SAFE_SCHEME.match(target))


class _SafeLinks(Treeprocessor):
    """Drops link targets and image sources with a scheme other than http(s) and mailto."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not safe_href(value):
                    del element.attrib[attribute]


def _converter() -> Any:
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML, block and inline, is treated as text: the documented way since Markdown 3 removed safe_mode.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_SafeLinks(converter), "safe_links", 0)
    return converter


_CONVERTER = _converter()


def block(text: str) -> str:
    """Markdown (paragraphs, lists, emphasis, code, links) as HTML; raw HTML shows as text."""
    _CONVERTER.reset()
    return str(_CONVERTER.convert(text))


def inline(text: str) -> str:
    """One paragraph of Markdown as inline HTML (without the `<p>` around it), e.g. for a list item."""
    html = block(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
