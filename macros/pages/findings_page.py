"""The page `make serve` shows instead of the handbook while `data/` has errors.

A failed build would leave the preview server waiting for a good one, so every request would hang. In
its place the build writes this one self-contained page (no theme, no script of ours: MkDocs adds its
live-reload poller, so the handbook comes back by itself once the data is fixed). Each finding is the
line the terminal shows, `file:line:col: error[rule]: message (hint)`, escaped: it quotes the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from macros.model.findings import Finding

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
    "li{font-family:ui-monospace,monospace;font-size:14px;margin:.4rem 0;white-space:pre-wrap;"
    "overflow-wrap:anywhere}.error{color:#a00}"
)


def findings_page(findings: Sequence[Finding]) -> str:
    """A whole HTML document listing `findings` (errors first, as sorted by the caller)."""
    items = "\n".join(
        f'<li class="{escape(finding.severity.value)}">{escape(finding.format())}</li>' for finding in findings
    )
    count = len(findings)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>The data has {count} problem{'s' if count != 1 else ''}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>The data has {count} problem{'s' if count != 1 else ''}</h1>\n"
        "<p>Nothing was built. Fix each line below in <code>data/</code>; this page reloads by itself when the "
        "data is valid again.</p>\n"
        f'<ul id="findings">\n{items}\n</ul>\n</main>\n</body>\n</html>\n'
    )
