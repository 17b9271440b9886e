"""The building blocks every data file shares: the strict base class, ids, time zones, weekdays.

Part of the typed model (`macros.model.types` lists it all); layer 0, imports only the standard library,
pydantic and `findings`.
"""

from __future__ import annotations

import re
import zoneinfo
from enum import Enum
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from macros.model.findings import closest

IDENT_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# Ids name files and pages (people/<id>/, feeds per role): far below any file system's name limit.
MAX_ID_LENGTH = 64
# GitHub user names: letters, digits and single dashes, at most 39 characters.
GITHUB_USER_PATTERN = r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$"


class Strict(BaseModel):
    """Immutable, and every key must be one we know (a misspelt key is an error, never ignored)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


@cache
def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name longer than a file name
        return False
    return True


def _check_zone(name: str) -> str:
    if "/" not in name and name != "UTC" or not _known_zone(name):
        close = closest(name, zoneinfo.available_timezones())
        hint = f"did you mean '{close}'?" if close else "use an IANA name such as Europe/Berlin or America/New_York"
        raise ValueError(f"unknown time zone '{name}': {hint}")
    return name


def check_handle(value: str) -> str:
    if value.startswith("@"):
        raise ValueError("the chat handle starts with @: write it without the @, which is added when shown")
    if not re.match(r"^[A-Za-z0-9._-]+$", value):
        raise ValueError(f"'{value}' is not a chat handle: use letters, digits, dots, dashes and underscores")
    return value


def check_local_path(value: str) -> str:
    # Pictures are served by the handbook itself: a remote URL would leak who reads the page.
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) or value.startswith(("/", "\\")) or ".." in value.split("/"):
        raise ValueError(
            "the picture must be a file of the handbook: give a path inside docs/ such as img/people/ana.png"
        )
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_zone), Field(description="IANA time zone, e.g. Europe/Berlin.")]
Ident = Annotated[str, Field(pattern=IDENT_PATTERN, max_length=MAX_ID_LENGTH)]
Markdown = Annotated[str, Field(description="Markdown text.")]


class Weekday(str, Enum):
    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"

    @property
    def number(self) -> int:
        """ISO-style index used by `date.weekday()`: Monday is 0."""
        return list(Weekday).index(self)

    @property
    def day_name(self) -> str:
        """The day as pages and feeds write it: "Monday"."""
        return self.value.capitalize()
