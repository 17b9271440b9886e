"""What every macro module needs from the build: the checked data, and links relative to the page.

The MkDocs hook stops the build on data errors before any page is rendered, so `checked_data` failing
here means a page was rendered outside a normal build (a test, another tool); it says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from macros.adapter import build_cache
from macros.adapter.build_cache import Checked
from macros.pages.markup import Links

T = TypeVar("T")


class HandbookDataError(RuntimeError):
    """The data has errors; the MkDocs hook normally stops the build before any page asks for it."""


def checked_data(root: Path) -> Checked:
    """The loaded and validated data (cached per build); raises when it has errors."""
    result = build_cache.check(root)
    if result.project is None or result.report is None or result.errors:
        raise HandbookDataError("\n".join(f.format() for f in result.errors))
    return result


def page_source(env: Any) -> str:
    """The docs/-relative path of the page being rendered."""
    page = getattr(env, "page", None)
    return page.file.src_uri if page is not None and page.file is not None else "index.md"


def page_links(env: Any) -> Links:
    """Links from the page being rendered to other site paths, honouring `use_directory_urls`."""
    conf = getattr(env, "conf", None) or {}
    return Links(page_source(env), bool(conf.get("use_directory_urls", True)))


def remembered(env: Any, root: Path, name: str, args: tuple[object, ...], make: Callable[[], T]) -> T:
    """`make()`, or what it gave the last build for the same page, arguments and data (`Checked.identity`).

    For a macro whose output depends only on the data as checked, the page it is on (its links) and its
    arguments: a rebuild after an edit to docs/ does not make it again; an edit to data/ does.
    """
    data = checked_data(root)
    inputs = (page_source(env), page_links(env).directory_urls, args, data.identity)
    return build_cache.reuse(root).get(("macro", name, page_source(env), repr(args)), inputs, make)
