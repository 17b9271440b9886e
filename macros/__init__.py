"""The handbook generator: the domain core in layered packages, and the entry point of the MkDocs macros plugin.

The plugin imports this package and calls `define_env`; everything MkDocs-specific is imported only
then, so the core stays importable (CLI, tests) without MkDocs.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    from macros.adapter import env as mkdocs_env

    mkdocs_env.define_env(env)


def on_pre_page_macros(env: Any) -> None:
    from macros.adapter import page_titles

    page_titles.before_page_macros(env)


def on_post_page_macros(env: Any) -> None:
    from macros.adapter import page_titles

    page_titles.after_page_macros(env)
