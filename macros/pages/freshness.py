"""Page freshness: who owns each handbook page, when it must be reviewed, and when it last changed.

Every page carries two keys in its front matter:

    ---
    owner: dana-whitfield      # a person id (data/people/) or a team id (data/teams/)
    review_by: 2027-05-31      # the date by which the owner reads the page again
    sources: [data/templates]  # optional: files or folders the page is generated from
    ---

The build warns (so `mkdocs build --strict` fails) about a page without them, with an owner nobody
knows, or whose `review_by` is before the build's date (`clock.build_time`, i.e. SOURCE_DATE_EPOCH).
Pages the build generates from data (people pages, …) need neither key: see `check_page`.

"Last changed" is the newest commit date of the page's file and of its `sources`, read with one
`git log` for the whole project per build (never one per page). It depends only on the commit checked
out, so two builds of the same commit agree. Where git has no answer (not a repository, no git, a
file never committed, a generated page without `sources`) the page says "not tracked in git". In a
shallow clone, files older than the clone's first commit show that commit's date.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.model.findings import Finding, Location, Severity, did_you_mean

RULE = "page-freshness"
_MARK = "\x1ecommit "  # starts each commit's line in our `git log` format; cannot occur in a path


# --- git ------------------------------------------------------------------------------------------


def parse_git_log(output: str) -> dict[str, dt.datetime]:
    """Newest commit date per path from `git log --format=<_MARK>%cI --name-only` (newest commit first)."""
    dates: dict[str, dt.datetime] = {}
    current: dt.datetime | None = None
    for line in output.split("\n"):  # not splitlines(), which also splits at the \x1e of _MARK
        if line.startswith(_MARK):
            current = dt.datetime.fromisoformat(line[len(_MARK) :].strip())
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates


def git_dates(root: Path, paths: Iterable[str] = ("docs", "data")) -> dict[str, dt.datetime] | None:
    """The newest commit date of every file under `paths`, relative to `root`; None where git cannot tell."""
    command = [
        "git", "-C", str(root), "-c", "core.quotePath=false",
        "log", f"--format={_MARK}%cI", "--name-only", "--no-renames", "--relative", "--", *paths,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return parse_git_log(done.stdout)


def last_changed(dates: Mapping[str, dt.datetime] | None, paths: Iterable[str]) -> dt.datetime | None:
    """The newest date among `paths` (files, or folders meaning every file below them)."""
    if not dates:
        return None
    found: list[dt.datetime] = []
    for path in paths:
        folder = path.rstrip("/") + "/"
        found += [when for name, when in dates.items() if name == path or name.startswith(folder)]
    return max(found, key=lambda when: when.astimezone(dt.UTC), default=None)


# --- front matter ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """What the page footer shows and what the build warns about, for one page."""

    path: str
    owner: str | None
    owner_name: str | None
    review_by: dt.date | None
    changed: dt.datetime | None
    overdue: bool
    findings: tuple[Finding, ...]


def _key_location(path: str, source: str | None, key: str) -> Location:
    """The line of `key:` in the page's front matter, or the first line when it is not there."""
    if source:
        lines = source.splitlines()
        if lines and lines[0].strip() == "---":
            for number, line in enumerate(lines[1:], start=2):
                if line.strip() in ("---", "..."):
                    break
                if re.match(rf"^{re.escape(key)}\s*:", line):
                    return Location(path, number, 1)
    return Location(path, 1, 1)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _sources(meta: Mapping[str, Any]) -> list[str]:
    value = meta.get("sources")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def check_page(
    path: str,
    meta: Mapping[str, Any],
    today: dt.date,
    *,
    source: str | None = None,
    owners: Mapping[str, str] | None = None,
    dates: Mapping[str, dt.datetime] | None = None,
    files: Collection[str] = (),
    generated: bool = False,
) -> Freshness:
    """The freshness of the page at `path` (shown as e.g. `docs/index.md`) with front matter `meta`.

    `source` is the page's text, used to point warnings at the right line; `owners` maps every known
    person and team id to its name (unchecked when None); `dates` are the git dates from `git_dates`,
    and `files` the project-relative paths whose dates make up the page's (its own file first).
    A `generated` page (made by the build from data, with no file in docs/) needs no owner or review
    date, as nobody edits its prose; when its generator sets them they are checked all the same.
    """
    findings: list[Finding] = []

    def warn(key: str, message: str, hint: str) -> None:
        findings.append(Finding(_key_location(path, source, key), Severity.WARNING, RULE, message, hint))

    owner = meta.get("owner")
    owner_id = str(owner).strip() if owner is not None and str(owner).strip() else None
    owner_name: str | None = None
    if owner_id is None and not generated:
        warn("owner", "the page has no owner", "add `owner: <person or team id>` to its front matter")
    elif owner_id is not None and owners is not None:
        owner_name = owners.get(owner_id)
        if owner_name is None:
            warn("owner", f"unknown owner '{owner_id}'", did_you_mean(owner_id, owners) + " (a person or team id)")

    raw_review = meta.get("review_by")
    review_by = _as_date(raw_review)
    if raw_review is None and not generated:
        warn("review_by", "the page has no review date", "add `review_by: YYYY-MM-DD` to its front matter")
    elif raw_review is not None and review_by is None:
        warn("review_by", f"review_by '{raw_review}' is not a date", "write it as YYYY-MM-DD")
    overdue = review_by is not None and review_by < today
    if overdue and review_by is not None:
        warn(
            "review_by",
            f"review date {review_by.isoformat()} has passed (as of {today.isoformat()})",
            "read the page, update it, then move review_by to a later date",
        )

    changed = last_changed(dates, [*files, *_sources(meta)])
    return Freshness(path, owner_id, owner_name, review_by, changed, overdue, tuple(findings))


def footer_html(freshness: Freshness) -> str:
    """The line at the end of every page: owner, review date and last change (excluded from search)."""
    parts = []
    if freshness.owner:
        parts.append(f"Owner: {html.escape(freshness.owner_name or freshness.owner)}")
    if freshness.review_by:
        label = "Review was due" if freshness.overdue else "Review by"
        parts.append(f"{label} {freshness.review_by.isoformat()}")
    if freshness.changed:
        stamp = freshness.changed.isoformat()
        parts.append(f'Last changed <time datetime="{stamp}">{freshness.changed.date().isoformat()}</time>')
    else:
        parts.append("Last changed: not tracked in git")
    css = "hb-freshness hb-freshness--overdue" if freshness.overdue else "hb-freshness"
    return f'<p class="{css}" data-search-exclude>{" · ".join(parts)}</p>'
