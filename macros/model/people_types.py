"""`data/people/` and `data/teams/`: a person, their time off and working hours; a team, its contacts and
meetings. Part of the typed model (`macros.model.types` lists it all)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, Field, model_validator

from macros.model.fields import (
    GITHUB_USER_PATTERN,
    Ident,
    Markdown,
    Strict,
    TimeZoneName,
    Weekday,
    check_handle,
    check_local_path,
)


class Contact(Strict):
    email: Optional[str] = Field(None, description="E-mail address. Private unless listed in `public`.")
    phone: Optional[str] = Field(None, description="Phone number. Private unless listed in `public`.")
    public: list[Literal["email", "phone"]] = Field(
        default_factory=list,
        description="Which contact fields may appear on pages and in calendar feeds (the site has no login).",
    )


class Absence(Strict):
    start: dt.date = Field(alias="from", description="First day away (in the person's time zone).")
    end: dt.date = Field(alias="until", description="Last day away, inclusive.")
    note: Optional[str] = Field(None, description="Optional note, e.g. 'conference'. Shown to the team.")

    @model_validator(mode="after")
    def _ordered(self) -> Absence:
        if self.end < self.start:
            raise ValueError("'until' is before 'from': swap the two dates")
        return self


_WORKING_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]


class WorkingHours(Strict):
    """When a person normally works, in their own time zone: the planner gives daily shifts to people in hours."""

    days: list[Weekday] = Field(
        default_factory=lambda: [Weekday(day) for day in _WORKING_DAYS], description="Working days."
    )
    start: dt.time = Field(dt.time(8, 0), description="Local start of the working day, HH:MM.")
    end: dt.time = Field(dt.time(18, 0), description="Local end of the working day, HH:MM (after `start`).")

    @model_validator(mode="after")
    def _ordered(self) -> WorkingHours:
        if self.end <= self.start:
            raise ValueError("the working day ends before it starts: give an 'end' after 'start'")
        return self


class Person(Strict):
    """`data/people/<id>.yml` — one file per person; the file name (without .yml) is the person's id."""

    name: str = Field(description="Display name.", min_length=1)
    handle: Annotated[str, AfterValidator(check_handle)] = Field(description="Chat handle without the @.")
    team: Ident = Field(description="Id of the team the person belongs to (a file in data/teams/).")
    timezone: TimeZoneName
    country: Optional[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        None, description="ISO 3166 country code (e.g. DE), for public holidays."
    )
    picture: Optional[Annotated[str, AfterValidator(check_local_path)]] = Field(
        None, description="Path of a picture inside docs/; an initials avatar is drawn when absent."
    )
    github: Optional[Annotated[str, Field(pattern=GITHUB_USER_PATTERN, max_length=39)]] = Field(
        None, description="GitHub user name, for CODEOWNERS review requests (default: the chat handle)."
    )
    tags: list[Ident] = Field(default_factory=list, description="Tags that make the person eligible for roles.")
    joined: Optional[dt.date] = Field(None, description="First day the person may be scheduled.")
    left: Optional[dt.date] = Field(None, description="Last day the person may be scheduled.")
    contact: Contact = Field(default_factory=Contact, description="Private contact details.")
    unavailable: list[Absence] = Field(default_factory=list, description="Time off: nobody schedules you then.")
    working_hours: WorkingHours = Field(
        default_factory=WorkingHours,
        description="When you normally work, in your time zone (default Monday to Friday, 08:00 to 18:00): "
        "the planner gives daily shifts to people whose hours cover them.",
    )


# --- teams ----------------------------------------------------------------------------------------


class Channel(Strict):
    label: str = Field(description="What this contact is for, e.g. 'Release manager'.")
    mention: Optional[str] = Field(None, description="Group mention to use in chat, e.g. @release-managers.")
    mentions: list[str] = Field(
        default_factory=list, description="More group mentions for the same purpose, shown after `mention`."
    )
    channel: Optional[str] = Field(None, description="Chat channel, e.g. ~release.")
    url: Optional[str] = Field(None, description="Link to a page or form.")


class Meeting(Strict):
    """A recurring meeting; it is in the team's calendar feed once `time`, `timezone`, `duration_minutes`
    and `starts` are all given, and listed on the team's page either way."""

    id: Ident
    title: str
    kind: Optional[str] = Field(None, description="What sort of meeting, in the team's words, e.g. 'planning'.")
    description: Optional[Markdown] = None
    attendees: list[str] = Field(
        default_factory=list, description="Who attends, in the team's words, e.g. 'the support rota', 'anyone'."
    )
    weekday: Weekday
    time: Optional[dt.time] = Field(None, description="Local start time, HH:MM (with `timezone`).")
    timezone: Optional[TimeZoneName] = None
    duration_minutes: Optional[int] = Field(None, gt=0, le=24 * 60)
    every_weeks: int = Field(1, ge=1, le=52, description="1 for weekly, 2 for every other week, …")
    starts: Optional[dt.date] = Field(None, description="Date of the first meeting (must fall on `weekday`).")
    until: Optional[dt.date] = Field(None, description="Last possible date of the series.")

    @property
    def in_calendar(self) -> bool:
        """Whether the meeting has everything a calendar event needs."""
        return None not in (self.time, self.timezone, self.duration_minutes, self.starts)

    @model_validator(mode="after")
    def _on_weekday(self) -> Meeting:
        if (self.time is None) != (self.timezone is None):
            raise ValueError("give 'time' and 'timezone' together: a local time means nothing without its zone")
        if self.starts is not None and self.starts.weekday() != self.weekday.number:
            day, wanted = f"{self.starts:%A}", self.weekday.value
            raise ValueError(f"'starts' ({self.starts}) is a {day}, not a {wanted}: move it to a {wanted}")
        return self


class Team(Strict):
    """`data/teams/<id>.yml` — one file per team."""

    name: str
    description: Optional[Markdown] = None
    contacts: list[Channel] = Field(default_factory=list, description="How to reach the team, in order.")
    ownership: list[Markdown] = Field(default_factory=list, description="Areas the team owns, in priority order.")
    meetings: list[Meeting] = Field(
        default_factory=list, description="Recurring meetings (those with a time and start form a calendar feed)."
    )
