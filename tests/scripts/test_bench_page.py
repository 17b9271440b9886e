"""The parts of the benchmark that judge a built site: scripts of a page, and resources on other hosts."""

from __future__ import annotations

from pathlib import Path

from bench_page import external_references, page_scripts

THEME_INLINE = '<script>__md_scope=new URL("{base}",location)</script>'
PAGE = """<html><head>
<link rel="stylesheet" href="{base}assets/stylesheets/main.css">
{theme}
<script id="__config" type="application/json">{{"base": "{base}"}}</script>
<script src="{base}assets/javascripts/bundle.min.js"></script>
<script src="{base}assets/js/now.js"></script>
<script src="{base}assets/js/templates.js"></script>
{extra}
</head><body><a href="https://example.com/docs">a link is not a request</a></body></html>"""


def write_site(root: Path, extra_on_now: str = "") -> Path:
    (root / "now").mkdir(parents=True)
    (root / "assets" / "js").mkdir(parents=True)
    (root / "assets" / "js" / "now.js").write_text("x" * 1200)
    (root / "assets" / "js" / "templates.js").write_text("y" * 3000)
    (root / "404.html").write_text(PAGE.format(base="/", theme=THEME_INLINE.format(base="/"), extra=""))
    (root / "now" / "index.html").write_text(
        PAGE.format(base="../", theme=THEME_INLINE.format(base=".."), extra=extra_on_now)
    )
    return root


def test_the_page_script_is_its_own_and_theme_scripts_are_left_out(tmp_path: Path) -> None:
    site = write_site(tmp_path, extra_on_now="<script>startClock()</script>")
    own, shared = page_scripts(site, "now/index.html")
    assert own == {"assets/js/now.js": 1200, "inline: startClock()": 12}
    assert shared == {"assets/js/templates.js": 3000}


def test_resources_on_other_hosts_are_found_but_plain_links_are_not(tmp_path: Path) -> None:
    site = write_site(tmp_path)
    assert external_references(site) == {}
    css = "@import 'https://fonts.example.net/a.css'; b { background: url(//cdn.example.org/x.png) }"
    (site / "assets" / "extra.css").write_text(css)
    (site / "now" / "index.html").write_text(
        '<link rel="canonical" href="https://handbook.example.com/now/">'  # names the page, fetches nothing
        '<img src="https://tracker.example.com/p.gif"><script src="http://127.0.0.1:8000/ok.js"></script>'
        '<link rel="stylesheet" href="https://cdn.example.org/s.css">'
    )
    (site / "assets" / "js" / "now.js").write_text('fetch("https://api.example.com/who")')
    assert external_references(site) == {
        "assets/extra.css": ["//cdn.example.org/x.png", "https://fonts.example.net/a.css"],
        "assets/js/now.js": ["https://api.example.com/who"],
        "now/index.html": ["https://cdn.example.org/s.css", "https://tracker.example.com/p.gif"],
    }
