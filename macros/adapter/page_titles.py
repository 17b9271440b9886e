"""Page titles never go through Jinja: a title from data is text, never a template.

mkdocs-macros renders a page's *title* as a Jinja template whenever it contains `{{`, `{%` or `{#`
(it answers a request to put macros in titles). A hand-written rotation page takes its navigation
title from the rotation's `name:` in data, so a pull request could write
`{{ cycler.__init__.__globals__.os ... }}` there and run it at build time. Escaping that one field would
leave the next title from data open; the root fix is that no title reaches the template engine at
all. Around each page's macro rendering (`on_pre_page_macros` / `on_post_page_macros`, which the
plugin calls right before and right after it renders the page and its title) the title the page was
given is set aside and put back unchanged, and the copy of the page the templates see carries the
title as escaped text, so `{{ page.title }}` on a hand-written page prints it literally.

A hand-written page that wants a computed title writes it in its own Markdown heading instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from macros.pages.markup import text

# MkDocs' `Page.title` is a "weak property": a value assigned to it (the navigation title) lives in the
# instance's __dict__ and wins over the computed one (front matter, first heading, file name).
_UNSET = object()
_set_aside: dict[int, object] = {}


def before_page_macros(env: Any) -> None:
    """Set the page's title aside so the plugin finds nothing to render in it."""
    page = getattr(env, "page", None)
    if page is None:
        return
    shown = page.title
    _set_aside[id(page)] = page.__dict__.get("title", _UNSET)
    page.__dict__["title"] = ""
    variables = getattr(env, "variables", None)
    template_page = variables.get("page") if isinstance(variables, Mapping) else None
    if template_page is not None and template_page is not page and shown is not None:
        template_page.__dict__["title"] = text(str(shown))


def after_page_macros(env: Any) -> None:
    """Put the title back exactly as it was: given by the navigation, or left for MkDocs to work out."""
    page = getattr(env, "page", None)
    if page is None or id(page) not in _set_aside:
        return
    original = _set_aside.pop(id(page))
    if original is _UNSET:
        page.__dict__.pop("title", None)
    else:
        page.__dict__["title"] = original
