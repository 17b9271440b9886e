"""What every calendar feed and the bots' JSON share: the time window they cover and where the handbook lives.

The window runs from `past_days` before the build's "now" to `future_days` after it, so a subscription shows
the last month (who covered what) and the coming year. An event is included when any part of it falls inside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UID_DOMAIN = "duty-handbook"
PRODID = "-//Duty Handbook//Calendar feeds//EN"


@dataclass(frozen=True)
class Window:
    """A stretch of time as UTC instants, `start` included and `end` excluded."""

    start: dt.datetime
    end: dt.datetime

    def overlaps(self, start: dt.datetime, end: dt.datetime) -> bool:
        return start < self.end and end > self.start


@dataclass(frozen=True)
class FeedSettings:
    """Choices the adapters may change; the defaults are what the issue asks for."""

    past_days: int = 30
    future_days: int = 365
    # The site's public address (MkDocs `site_url`), used for absolute links in event descriptions.
    # Without it the description names the page's path inside the handbook instead.
    base_url: str | None = None
    # Where a rotation's page lives inside the site, as a `str.format` pattern. A team's contacts and
    # meetings are shown on the page of the rotation it runs (the home page when it runs none).
    rotation_page: str = "rotations/{rotation}/"

    def window(self, now: dt.datetime) -> Window:
        return Window(now - dt.timedelta(days=self.past_days), now + dt.timedelta(days=self.future_days))

    def page_link(self, path: str) -> str:
        """An absolute URL of a site page when the site's address is known, else its path in the site."""
        if not self.base_url:
            return path
        return self.base_url.rstrip("/") + "/" + path
