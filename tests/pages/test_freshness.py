"""Page freshness: front-matter checks, commit dates from one `git log`, and the footer line."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.pages.freshness import check_page, footer_html, git_dates, last_changed, parse_git_log

TODAY = dt.date(2026, 11, 20)
OWNERS = {"ops": "Operations", "ada": "Ada Example"}
PAGE = "---\nowner: ada\nreview_by: 2026-11-01\n---\n\n# Page\n"


def formats(path: str, meta: dict[str, object], source: str | None = None, **options: object) -> list[str]:
    result = check_page(path, meta, TODAY, source=source, owners=OWNERS, **options)  # type: ignore[arg-type]
    return [finding.format() for finding in result.findings]


def test_a_page_with_a_known_owner_and_a_future_review_date_is_fine() -> None:
    result = check_page("docs/a.md", {"owner": "ada", "review_by": dt.date(2026, 11, 20)}, TODAY, owners=OWNERS)
    assert result.findings == ()
    assert (result.owner, result.owner_name, result.review_by, result.overdue) == (
        "ada", "Ada Example", dt.date(2026, 11, 20), False
    )


def test_missing_keys_are_reported_at_the_first_line() -> None:
    assert formats("docs/a.md", {}, "# No front matter\n") == [
        "docs/a.md:1:1: warning[page-freshness]: the page has no owner "
        "(add `owner: <person or team id>` to its front matter)",
        "docs/a.md:1:1: warning[page-freshness]: the page has no review date "
        "(add `review_by: YYYY-MM-DD` to its front matter)",
    ]


def test_a_passed_review_date_is_reported_at_its_line() -> None:
    assert formats("docs/a.md", {"owner": "ada", "review_by": dt.date(2026, 11, 1)}, PAGE) == [
        "docs/a.md:3:1: warning[page-freshness]: review date 2026-11-01 has passed (as of 2026-11-20) "
        "(read the page, update it, then move review_by to a later date)"
    ]


def test_an_unknown_owner_and_a_bad_date_are_reported() -> None:
    source = "---\nreview_by: soon\nowner: oops\n---\n"
    assert formats("docs/a.md", {"owner": "oops", "review_by": "soon"}, source) == [
        "docs/a.md:3:1: warning[page-freshness]: unknown owner 'oops' (did you mean 'ops'? (a person or team id))",
        "docs/a.md:2:1: warning[page-freshness]: review_by 'soon' is not a date (write it as YYYY-MM-DD)",
    ]


def test_a_review_date_written_as_text_is_read() -> None:
    result = check_page("docs/a.md", {"owner": "ops", "review_by": "2026-12-01"}, TODAY, owners=OWNERS)
    assert result.findings == () and result.review_by == dt.date(2026, 12, 1)


def test_generated_pages_need_no_owner_but_are_checked_when_they_have_one() -> None:
    assert formats("docs/people/ada.md (generated)", {}, generated=True) == []
    assert formats("docs/people/ada.md (generated)", {"review_by": dt.date(2026, 1, 1)}, generated=True) == [
        "docs/people/ada.md (generated):1:1: warning[page-freshness]: review date 2026-01-01 has passed "
        "(as of 2026-11-20) (read the page, update it, then move review_by to a later date)"
    ]


LOG = (
    "\x1ecommit 2026-11-18T10:00:00+01:00\n\ndocs/a.md\ndata/templates/x.yml\n"
    "\x1ecommit 2026-11-10T09:00:00+00:00\n\ndocs/a.md\ndocs/b.md\ndata/templates/y.yml\n"
)


def test_the_newest_commit_of_each_file_wins() -> None:
    dates = parse_git_log(LOG)
    assert dates == {
        "docs/a.md": dt.datetime.fromisoformat("2026-11-18T10:00:00+01:00"),
        "data/templates/x.yml": dt.datetime.fromisoformat("2026-11-18T10:00:00+01:00"),
        "docs/b.md": dt.datetime.fromisoformat("2026-11-10T09:00:00+00:00"),
        "data/templates/y.yml": dt.datetime.fromisoformat("2026-11-10T09:00:00+00:00"),
    }


def test_last_changed_takes_the_newest_of_files_and_folders() -> None:
    dates = parse_git_log(LOG)
    assert last_changed(dates, ["docs/b.md"]) == dt.datetime.fromisoformat("2026-11-10T09:00:00+00:00")
    assert last_changed(dates, ["docs/b.md", "data/templates"]) == dt.datetime.fromisoformat(
        "2026-11-18T10:00:00+01:00"
    )
    assert last_changed(dates, ["docs/c.md", "data/template"]) is None
    assert last_changed(None, ["docs/a.md"]) is None


def test_sources_in_front_matter_count_towards_last_changed() -> None:
    dates = parse_git_log(LOG)
    meta = {"owner": "ops", "review_by": "2027-01-01", "sources": ["data/templates"]}
    result = check_page("docs/b.md", meta, TODAY, owners=OWNERS, dates=dates, files=["docs/b.md"])
    assert result.changed == dt.datetime.fromisoformat("2026-11-18T10:00:00+01:00")


def test_the_footer_names_owner_review_date_and_last_change() -> None:
    dates = parse_git_log(LOG)
    meta = {"owner": "ada", "review_by": "2026-12-01"}
    result = check_page("docs/a.md", meta, TODAY, owners=OWNERS, dates=dates, files=["docs/a.md"])
    assert footer_html(result) == (
        '<p class="hb-freshness" data-search-exclude>Owner: Ada Example · Review by 2026-12-01 · '
        'Last changed <time datetime="2026-11-18T10:00:00+01:00">2026-11-18</time></p>'
    )


def test_the_footer_of_an_overdue_untracked_page() -> None:
    meta = {"owner": "<b>x</b>", "review_by": "2026-01-01"}
    result = check_page("docs/a.md", meta, TODAY, files=["docs/a.md"])
    assert footer_html(result) == (
        '<p class="hb-freshness hb-freshness--overdue" data-search-exclude>Owner: &lt;b&gt;x&lt;/b&gt; · '
        "Review was due 2026-01-01 · Last changed: not tracked in git</p>"
    )


# --- against a real repository --------------------------------------------------------------------


def git(root: Path, *args: str, when: str = "2026-11-01T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_dates_reads_one_log_of_the_project(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    (root / "docs").mkdir(parents=True)
    (root / "data").mkdir()
    git(root, "init", "--quiet")
    (root / "docs" / "a.md").write_text("a\n")
    (root / "docs" / "ünïcode page.md").write_text("u\n")
    (root / "data" / "x.yml").write_text("x: 1\n")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "first", when="2026-11-01T12:00:00+02:00")
    (root / "docs" / "a.md").write_text("a, changed\n")
    (root / "docs" / "untracked.md").write_text("new\n")
    git(root, "add", "docs/a.md")
    git(root, "commit", "--quiet", "-m", "second", when="2026-11-15T08:30:00+00:00")
    assert git_dates(root) == {
        "docs/a.md": dt.datetime.fromisoformat("2026-11-15T08:30:00+00:00"),
        "docs/ünïcode page.md": dt.datetime.fromisoformat("2026-11-01T12:00:00+02:00"),
        "data/x.yml": dt.datetime.fromisoformat("2026-11-01T12:00:00+02:00"),
    }


def test_git_dates_outside_a_repository_is_none(tmp_path: Path) -> None:
    assert git_dates(tmp_path) is None
