"""Putting data into Markdown and HTML safely: escaping, links between pages, and time formats.

Every page function in `macros/` builds its output with these helpers. Text that comes from data
is plain text unless the model documents the field as Markdown: `text()` escapes it so that a name
such as `<img src=x onerror=alert(1)>` or `*Ana*` shows exactly as written, in Markdown and in raw
HTML alike. Dates and times are formatted here by hand (not with `strftime`) so the output does not
depend on the build machine's locale, and so the browser script can produce the very same strings.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from macros.model.types import Rotation
from macros.schedule.localtime import to_local

# HTML's specials as entities, and the characters that start Markdown (or attr_list, or table) syntax
# as numeric character references: Python-Markdown leaves those alone and the browser shows the character.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPES.update({c: f"&#{ord(c)};" for c in "\\`*_{}[]#!|~^"})
_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"']+$", re.IGNORECASE)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def text(value: str) -> str:
    """Plain text from data, safe in Markdown (inline or a table cell) and in HTML content or attributes."""
    escaped = "".join(_ESCAPES.get(c, c) for c in value)
    # A line break would end a table row or a list item; data shown inline is one line.
    return " ".join(escaped.split())


def attr(value: str) -> str:
    """A value for an HTML attribute (always double-quoted by the callers)."""
    return html.escape(value, quote=True)


def safe_url(value: str | None) -> str | None:
    """The URL if it is an absolute http(s) or mailto link; None for anything else (`javascript:` included)."""
    if value and _SAFE_URL.match(value.strip()):
        return value.strip()
    return None


def handle(value: str) -> str:
    """A chat handle as shown on pages: `@` plus the handle, escaped."""
    return text(f"@{value}")


@dataclass(frozen=True)
class Links:
    """Links from one page of the site to others, for Markdown (`.md` targets MkDocs checks and rewrites)
    and for raw HTML (final URLs, which MkDocs does not touch).

    `page` is the source path of the page being written, relative to `docs/` (e.g. `rotations/sre-duty.md`);
    `directory_urls` mirrors MkDocs' `use_directory_urls`.
    """

    page: str
    directory_urls: bool = True

    def md(self, target: str) -> str:
        """A relative link to another source file, for Markdown: MkDocs validates it in --strict builds."""
        return posixpath.relpath(target, posixpath.dirname(self.page) or ".")

    def url(self, target: str) -> str:
        """The relative URL of another source file, or of a static file such as `api/schedule.json`."""
        path, is_directory = self._dest(target)
        relative = posixpath.relpath(path or ".", self._base() or ".")
        if is_directory:
            return "./" if relative == "." else relative + "/"
        return relative

    def root(self) -> str:
        """The relative URL of the site root: empty at the root, else `../` once per level."""
        base = self._base()
        return "../" * (base.count("/") + 1) if base else ""

    def _dest(self, source: str) -> tuple[str, bool]:
        """Where a source file ends up in the site, and whether that is a directory (`page/`)."""
        if not source.endswith(".md"):
            return source, False
        stem = source[: -len(".md")]
        head, name = posixpath.split(stem)
        if name in ("index", "README"):
            return (head, True) if self.directory_urls else (posixpath.join(head, "index.html"), False)
        return (stem, True) if self.directory_urls else (stem + ".html", False)

    def _base(self) -> str:
        """The folder relative URLs on this page start from."""
        path, is_directory = self._dest(self.page)
        return path if is_directory else posixpath.dirname(path)


# --- time, formatted the same way here and in the browser (docs/assets/js/now.js) ------------------


def short_day(day: dt.date) -> str:
    """`Mon 23 Nov 2026`."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def day_month(day: dt.date) -> str:
    """`23 Nov`."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def clock(moment: dt.datetime | dt.time) -> str:
    """`09:00` (24-hour), of an instant's wall time or of a time of day."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def zoned(moment: dt.datetime, zone_name: str) -> str:
    """`Mon 23 Nov 09:00 Europe/Berlin`: an instant as wall time in a zone, named by its IANA name."""
    local = to_local(moment, zone_name)
    return f"{WEEKDAYS[local.weekday()]} {day_month(local.date())} {clock(local)} {zone_name}"


def zoned_long(moment: dt.datetime, zone_name: str) -> str:
    """`Mon 23 Nov 2026, 09:00 Europe/Berlin`."""
    local = to_local(moment, zone_name)
    return f"{short_day(local.date())}, {clock(local)} {zone_name}"


def span_text(weeks: int, days: int) -> str:
    """`2 weeks`, `1 week 3 days`, `5 days`."""
    parts = [f"{weeks} week{'s' * (weeks != 1)}"] if weeks else []
    if days:
        parts.append(f"{days} day{'s' * (days != 1)}")
    return " ".join(parts)


def period_text(rotation: Rotation) -> str:
    """`2 weeks, in parts of 1 week`: a rotation's period and, when it is split, its segment."""
    text = span_text(rotation.period.weeks, rotation.period.days)
    if rotation.segment:
        text += f", in parts of {span_text(rotation.segment.weeks, rotation.segment.days)}"
    return text


def handover_deadline_text(rotation: Rotation) -> str | None:
    """`Friday, end of day (Europe/Berlin), before every part`: the rotation's hand-over deadline, if it has one."""
    deadline = rotation.handover_deadline
    if deadline is None:
        return None
    moment = f"{deadline.time.hour:02d}:{deadline.time.minute:02d}" if deadline.time else "end of day"
    before = "every part" if deadline.every_segment and rotation.segment else "each hand-off"
    return f"{deadline.weekday.day_name}, {moment} ({rotation.handoff.timezone}), before {before}"


def indent(markdown: str, spaces: int = 4) -> str:
    """Markdown text indented to continue a list item (blank lines stay blank)."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in markdown.strip().splitlines())


# MkDocs prints page and navigation titles into its templates unescaped, and Material's `<title>` even
# unescapes them once more (`striptags`): a title from data must hold no character HTML acts on.
_TITLE_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def page_title(value: str) -> str:
    """A title from data for front matter or the navigation: one line, with `<`, `>` and `&` as lookalikes."""
    return " ".join(value.translate(_TITLE_LOOKALIKES).split())


def front_matter(title: str, sources: Sequence[str] = ()) -> str:
    """Front matter of a generated page: its (safe) title, no macro rendering of text from data, and the
    data files or folders it is made from (`sources`, so its "Last changed" is theirs in git)."""
    listed = f"sources: {json.dumps(list(sources))}\n" if sources else ""
    return f"---\ntitle: {json.dumps(page_title(title), ensure_ascii=False)}\nrender_macros: false\n{listed}---\n\n"
