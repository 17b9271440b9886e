"""The feed tables of the Calendar page: every feed with a web link, a `webcal://` link and a copy button.

The web link is a Markdown link to the `.ics` file, so MkDocs checks it in `--strict` builds and makes it
relative. A subscription needs an absolute address, which the page only knows for sure in the browser:
`docs/assets/js/calendar.js` turns each web link into its absolute URL, writes the `webcal://` link and
gives the copy button that URL. When `site_url` is set in mkdocs.yml both are also filled in here, so
they work without JavaScript. Every text from the data goes through `markup.text`.
"""

from __future__ import annotations

from macros.feeds.catalog import Feed, plan_feeds
from macros.model.project import Project
from macros.pages.markup import Links, attr, text

PAGE = "calendar.md"

_KINDS = (
    ("rotation", "Rotations", "Every shift of the rotation, or of one role (one feed per role, indented)."),
    ("person", "People", "One person's shifts in every rotation: subscribe to your own. Where rotations have "
     "daily shifts, the *compact* feed shows one event per run of consecutive shifts of one role instead of one "
     "per day (see [which to pick](#exact-or-compact))."),
    ("team", "Team meetings", "A team's recurring meetings (one repeating event per meeting)."),
)


def absolute_url(base_url: str | None, path: str) -> str | None:
    return base_url.rstrip("/") + "/" + path if base_url else None


def subscribe_links(path: str, links: Links, base_url: str | None = None) -> str:
    """`https · webcal · Copy link` for one feed, as inline Markdown and HTML (a table cell or a paragraph)."""
    absolute = absolute_url(base_url, path)
    webcal = absolute.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1) if absolute else None
    web = f"[https]({links.md(path)}){{ .duty-feed-link }}"
    webcal_link = (
        f'<a class="duty-feed-webcal" href="{attr(webcal)}">webcal</a>'
        if webcal
        else '<a class="duty-feed-webcal" hidden>webcal</a>'
    )
    copy_text = f' data-clipboard-text="{attr(absolute)}"' if absolute else ""
    button = (
        f'<button type="button" class="md-button duty-feed-copy"{copy_text}'
        f'{"" if absolute else " hidden"}>Copy link</button>'
    )
    return f'<span class="duty-feed">{web} · {webcal_link} {button}</span>'


def _label(project: Project, feed: Feed) -> str:
    """What a row names: the rotation (bold), its role (indented), the person, or the team."""
    if feed.kind == "rotation":
        return f"**{text(project.rotations[feed.rotation].name)}** (all roles)"
    if feed.kind == "role":
        return "&emsp;" + text(project.rotations[feed.rotation].role_title(feed.role))
    if feed.kind == "person":
        return text(project.people[feed.person].name)
    if feed.kind == "compact":
        return "&emsp;" + text(project.people[feed.person].name) + " (compact)"
    return text(project.teams[feed.team].name)


def feed_tables(project: Project, base_url: str | None = None, *, level: int = 2) -> str:
    """One table per kind of feed (rotations with their roles, people, team meetings), as Markdown."""
    links = Links(PAGE)
    feeds = plan_feeds(project)
    parts: list[str] = []
    for kind, heading, intro in _KINDS:
        rows = [
            f"| {_label(project, feed)} | {subscribe_links(feed.path, links, base_url)} |"
            for feed in feeds
            if feed.kind == kind or (kind, feed.kind) in (("rotation", "role"), ("person", "compact"))
        ]
        if not rows:
            continue
        parts += [f"{'#' * level} {heading}", "", intro, "", "| Calendar | Subscribe |", "| --- | --- |", *rows, ""]
    if not parts:
        return "*No calendars yet: add a rotation, a person or a team meeting under `data/`.*\n"
    return "\n".join(parts)
