"""The Calendar page in Chromium: every feed gets a working webcal link and a copy button with its address."""

from __future__ import annotations

import urllib.request

from browser_fixture import PageLog, Site
from playwright.sync_api import Page

from macros.feeds.catalog import person_feed_path, plan_feeds
from macros.model.loader import load_project
from site_fixture import REPO


def test_every_feed_has_its_absolute_address_as_webcal_and_copy(
    page: Page, page_log: PageLog, example_site: Site
) -> None:
    page.goto(example_site.url("calendar/"))
    feeds = page.evaluate(
        """() => Array.from(document.querySelectorAll(".duty-feed")).map(feed => ({
            link: feed.querySelector("a.duty-feed-link").href,
            webcal: feed.querySelector("a.duty-feed-webcal").getAttribute("href"),
            webcalHidden: feed.querySelector("a.duty-feed-webcal").hidden,
            copy: feed.querySelector("button.duty-feed-copy").getAttribute("data-clipboard-text"),
            copyHidden: feed.querySelector("button.duty-feed-copy").hidden,
        }))"""
    )
    assert len(feeds) == len(plan_feeds(load_project(REPO)))  # every feed the catalog plans for this handbook
    for feed in feeds:
        assert feed["link"].startswith(example_site.url("calendars/")) and feed["link"].endswith(".ics")
        assert feed["copy"] == feed["link"]
        assert feed["webcal"] == "webcal://" + feed["link"].split("://", 1)[1]
        assert not feed["webcalHidden"] and not feed["copyHidden"]
    with urllib.request.urlopen(feeds[0]["link"]) as response:
        assert response.read().startswith(b"BEGIN:VCALENDAR\r\n")
    assert page_log.problems() == []


def test_copy_link_puts_the_feeds_address_on_the_clipboard(page: Page, page_log: PageLog, example_site: Site) -> None:
    page.goto(example_site.url("calendar/"))
    person_id, person = next(iter(load_project(REPO).people.items()))  # any person of this handbook
    row = page.locator("tr", has_text=person.name).first
    row.locator("button.duty-feed-copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == example_site.url(person_feed_path(person_id))
    assert page_log.problems() == []


def test_a_person_page_subscribes_like_the_calendar_page(page: Page, page_log: PageLog, example_site: Site) -> None:
    # Any person with a feed: the first one the Calendar page lists.
    page.goto(example_site.url("calendar/"))
    feed_url = page.locator("a.duty-feed-link[href*='calendars/person/']").first.evaluate("a => a.href")
    person_id = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    page.goto(example_site.url(f"people/{person_id}/"))
    feed = page.locator(".duty-feed").first
    assert feed.locator("a.duty-feed-link").evaluate("a => a.href") == feed_url
    assert feed.locator("a.duty-feed-webcal").get_attribute("href") == "webcal://" + feed_url.split("://", 1)[1]
    feed.locator("button.duty-feed-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == feed_url
    assert page_log.problems() == []
