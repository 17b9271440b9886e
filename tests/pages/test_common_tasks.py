"""The Common tasks page: entries grouped by rotation, newest first, with safe links and escaped text."""

from __future__ import annotations

from content_fixture import assert_golden, content, elements, to_html
from macros.pages.common_tasks import common_tasks_page, task_body
from macros.pages.markup import Links


def test_the_page_matches_its_golden_file() -> None:
    project, _ = content()
    assert_golden("common-tasks.md", common_tasks_page(project, Links("common-tasks.md")))


def test_entries_are_headings_in_the_toc_newest_first() -> None:
    project, _ = content()
    html = to_html(common_tasks_page(project))
    assert [(h.attrs["id"], h.text) for h in elements(html, "h3")] == [
        ("task-expired-certificate", "Expired certificate <b>on</b> staging"),
        ("task-disk-full", "Disk full on the build runner"),
    ]
    assert [(h.attrs["id"], h.text) for h in elements(html, "h2")] == [("tasks-ops-duty", "Ops duty")]
    assert [a.attrs["id"] for a in elements(html, "article", "hb-task")] == [
        "hb-task-expired-certificate",
        "hb-task-disk-full",
    ]


def test_an_entry_shows_symptom_steps_links_tags_and_last_update() -> None:
    project, _ = content()
    html = to_html(task_body(project, project.common_tasks["disk-full"]))
    assert elements(html, "div", "hb-task__symptom")[0].text == "Builds fail with No space left on device."
    assert [li.text for li in elements(html, "ol")[0].children if li.tag == "li"] == [
        "Log in to the runner and run docker system prune --force.",
        "If that frees less than 10 GB, remove old caches under /var/cache/builds.",
    ]
    links = elements(html, "ul", "hb-task__links")[0]
    assert [a.attrs.get("href") for a in links.children if a.tag == "a"] == ["https://example.org/runners"]
    assert "Not a link (javascript:alert(3))" in links.text
    assert [t.text for t in elements(html, "span", "hb-task__tag")] == ["ci", "disk"]
    assert elements(html, "p", "hb-task__updated")[0].text == "Last updated 2026-10-12 by Ada Example"


def test_a_name_that_is_html_stays_text() -> None:
    project, _ = content()
    html = to_html(task_body(project, project.common_tasks["expired-certificate"]))
    assert elements(html, "p", "hb-task__updated")[0].text == "Last updated 2026-11-02 by <img src=x onerror=alert(1)>"
    assert "<img" not in html


def test_the_filter_box_is_hidden_until_the_script_shows_it() -> None:
    project, _ = content()
    html = to_html(common_tasks_page(project))
    box = elements(html, "div", "hb-task-filter")[0]
    assert "hidden" in box.attrs
    assert elements(html, "input")[0].attrs["type"] == "search"


def test_with_links_the_name_links_to_the_persons_page() -> None:
    project, _ = content()
    html = to_html(task_body(project, project.common_tasks["disk-full"], Links("common-tasks.md")))
    updated = elements(html, "p", "hb-task__updated")[0]
    assert [(a.attrs["href"], a.text) for a in updated.children if a.tag == "a"] == [("../people/ada/", "Ada Example")]
