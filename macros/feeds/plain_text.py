"""The data's Markdown as plain text for calendar descriptions, which every client shows as text.

A description written in YAML has hard line breaks where its author wrapped it and Markdown marks
(`*cycle start*`, backticks, `[label](url)`); a calendar app shows both literally. Here the text is parsed
by Python-Markdown (raw HTML is not interpreted, as on the pages) and its element tree, never its HTML,
is written out as text: each paragraph on one line, list items as `- item` or `1. item` on consecutive
lines, a link as `label (url)` when the label is not the address itself, blocks separated by a blank line.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol", "hr"}


class _Keep(Treeprocessor):
    """Keeps the finished element tree (after inline parsing) for `plain`."""

    root: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        self.root = root


def _converter() -> tuple[Any, _Keep]:
    converter = markdown.Markdown(extensions=["sane_lists"])
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    keep = _Keep(converter)
    converter.treeprocessors.register(keep, "keep_tree", 0)  # the lowest priority: runs last
    return converter, keep


_CONVERTER, _KEEP = _converter()


def _inline(element: etree.Element) -> str:
    """The text of an inline run, links followed by their address."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _BLOCKS:
            inner = _inline(child)
            href = child.get("href") if child.tag == "a" else None
            parts.append(f"{inner} ({href})" if href and href != inner else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _blocks(element: etree.Element, prefix: str = "") -> list[str]:
    """One string per paragraph, list item or heading, in order."""
    found: list[str] = []
    for child in element:
        if child.tag in ("ul", "ol"):
            for number, item in enumerate(child, start=1):
                marker = f"{number}. " if child.tag == "ol" else "- "
                nested = [c for c in item if c.tag in _BLOCKS]
                text = _collapse(_inline(item)) if not nested or item.text else ""
                lines = [text] if text else []
                lines += _blocks(item, prefix + "  ")
                if lines:
                    found.append(prefix + marker + lines[0].lstrip())
                    found += lines[1:]
        elif child.tag == "pre":
            found.append("".join(child.itertext()).rstrip("\n"))
        elif child.tag == "blockquote":
            found += _blocks(child, prefix)
        elif child.tag == "hr":
            continue
        elif child.tag in _BLOCKS:
            found.append(prefix + _collapse(_inline(child)))
    return found


def plain(text: str) -> str:
    """Markdown as plain text: paragraphs re-flowed onto one line each, separated by blank lines."""
    _CONVERTER.reset()
    _KEEP.root = None
    _CONVERTER.convert(text)
    root = _KEEP.root
    if root is None:  # Python-Markdown skips its processors for blank text
        return ""
    # A top-level block per paragraph (blank line between); the items of one list on consecutive lines.
    paragraphs = []
    for child in root:
        holder = etree.Element("div")
        holder.append(child)
        lines = [line for line in _blocks(holder) if line.strip()]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def plain_line(text: str) -> str:
    """Markdown as one line of plain text (a reason, a title)."""
    return " ".join(plain(text).split("\n\n"))
