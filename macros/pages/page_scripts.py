"""Which handbook scripts a page loads: each only on the pages that show its widget.

MkDocs' `extra_javascript` would load every script on every page (the on-call page fetched the templates
and checklists code too). Instead the MkDocs hook appends, to each page's HTML, a script tag for each
widget the page contains, found by the attribute or class the widget's own renderer writes. Material's
instant navigation runs scripts that arrive with a page's content; each script sets itself up once.
A marker that appears in text from the data merely loads a script that then finds nothing to do.
"""

from __future__ import annotations

from macros.pages.markup import Links, attr

# (script under docs/, what its widget writes into the page)
PAGE_SCRIPTS = (
    ("assets/js/now.js", "data-duty-status"),
    ("assets/js/templates.js", "data-hb-template"),
    ("assets/js/checklists.js", "data-hb-checklist"),
    ("assets/js/common-tasks.js", "hb-task-filter"),
    ("assets/js/calendar.js", "duty-feed"),
)


def script_tags(html: str, links: Links) -> str:
    """The script tags `html` needs (empty when it shows no widget)."""
    return "".join(
        f'\n<script src="{attr(links.url(script))}"></script>' for script, marker in PAGE_SCRIPTS if marker in html
    )
