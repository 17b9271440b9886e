"""The typed model of everything under `data/`: one class per kind of file and per nested part.

These classes are the single source of truth for the data format: the loader validates files
against them, the "Editing the data" page and the JSON Schemas are generated from them, and the
field descriptions below are what users read. Every scalar arrives as the text the user wrote
(see `yamldoc`), so pydantic's conversions decide what `"10:30"` or `"2026-09-07"` means.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import zoneinfo
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

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


def _check_handle(value: str) -> str:
    if value.startswith("@"):
        raise ValueError("the chat handle starts with @: write it without the @, which is added when shown")
    if not re.match(r"^[A-Za-z0-9._-]+$", value):
        raise ValueError(f"'{value}' is not a chat handle: use letters, digits, dots, dashes and underscores")
    return value


def _check_local_path(value: str) -> str:
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


# --- people ---------------------------------------------------------------------------------------


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
    handle: Annotated[str, AfterValidator(_check_handle)] = Field(description="Chat handle without the @.")
    team: Ident = Field(description="Id of the team the person belongs to (a file in data/teams/).")
    timezone: TimeZoneName
    country: Optional[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        None, description="ISO 3166 country code (e.g. DE), for public holidays."
    )
    picture: Optional[Annotated[str, AfterValidator(_check_local_path)]] = Field(
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


# --- rotations ------------------------------------------------------------------------------------


class Span(Strict):
    """A length of time counted in calendar days or weeks (a week is seven local days, DST or not)."""

    weeks: int = Field(0, ge=0, le=52)
    days: int = Field(0, ge=0, le=366)

    @model_validator(mode="after")
    def _positive(self) -> Span:
        if self.total_days <= 0:
            raise ValueError("the length is zero: give a positive number of weeks or days")
        return self

    @property
    def total_days(self) -> int:
        return self.weeks * 7 + self.days


class Handoff(Strict):
    weekday: Weekday = Field(description="Day of the week every period starts.")
    time: dt.time = Field(description="Local time of the hand-off, HH:MM (quote it or not).")
    timezone: TimeZoneName


class HandoverDeadline(Strict):
    """When the outgoing people must have handed over, a while before the hand-off itself."""

    weekday: Weekday = Field(description="Day of the week of the deadline (the last one before each hand-off).")
    time: Optional[dt.time] = Field(None, description="Local time, HH:MM, in the hand-off's zone; none: end of day.")
    every_segment: bool = Field(
        False, description="The deadline comes before every segment's start, not only before the hand-off."
    )


class DailyShift(Strict):
    """A daily window (follow-the-sun): roles with `per_shift` get one holder per window."""

    id: Ident
    title: str
    start: dt.time = Field(description="Local start time in the rotation's time zone.")
    end: dt.time = Field(description="Local end time; earlier than start means it runs past midnight.")
    days: list[Weekday] = Field(
        default_factory=list,
        description="Days the shift starts on, e.g. monday to friday (none listed: every day). On other days "
        "the shift does not run: nobody holds it, nobody is paged for it, and coverage does not miss it.",
    )

    def runs_on(self) -> str:
        """The days in words: "every day", "Monday to Friday", or "Monday, Wednesday and Friday"."""
        numbers = sorted({day.number for day in self.days})
        if not numbers or len(numbers) == 7:
            return "every day"
        names = [list(Weekday)[n].value.capitalize() for n in numbers]
        if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{names[0]} to {names[-1]}"
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class Eligibility(Strict):
    tags: list[Ident] = Field(default_factory=list, description="The person must have one of these tags.")
    teams: list[Ident] = Field(default_factory=list, description="The person must be in one of these teams.")


class Role(Strict):
    id: Ident
    title: str = Field(description="What the team calls the role; playful titles welcome.")
    description: Optional[Markdown] = None
    required: bool = Field(True, description="Every period must fill a required role.")
    eligible: Optional[Eligibility] = Field(None, description="Who may hold the role (default: anyone).")
    per_shift: bool = Field(False, description="One holder per daily shift (see `shifts`).")
    per_segment: bool = Field(False, description="One holder per segment of the period (see `segment`).")


class EscalationStep(Strict):
    role: Ident
    after_minutes: Optional[int] = Field(
        None, ge=0, description="Minutes after the first page before this role is paged (a timed step)."
    )
    when: Optional[str] = Field(
        None, description="When the role is called, in the team's words, e.g. 'when the Captain judges it "
        "needed'; without `after_minutes` the step is a judgement call rather than a timed page.",
    )

    @model_validator(mode="after")
    def _timed_or_judged(self) -> EscalationStep:
        if self.after_minutes is None and self.when is None:
            raise ValueError(
                "the step says neither when nor after how long the role is paged: "
                "give 'after_minutes' (a timed page) or 'when' (a judgement call)"
            )
        return self


class RuleSettings(Strict):
    enabled: bool = True
    severity: Optional[Literal["error", "warning"]] = Field(None, description="Override the rule's severity.")


class MaxConsecutive(RuleSettings):
    max: int = Field(2, ge=1, description="Most periods in a row one person may hold the rotation.")
    one_more_when_told: bool = Field(
        False,
        description="One period over `max` is a warning, not an error, when the period says why (its `vacant`, or "
        "the holder's `reason`) and the holder says in `told` how the team was told.",
    )


class Coverage(RuleSettings):
    horizon_days: int = Field(42, ge=0, description="Warn when the schedule ends sooner than this after today.")


class CycleRoleSplit(RuleSettings):
    roles: list[Ident] = Field(
        default_factory=lambda: ["primary", "backup"],
        description="Per-segment roles an engineer must each hold once in a period.",
    )


class TeamMix(RuleSettings):
    min_teams: int = Field(2, ge=1, description="Fewest different teams among the holders of `roles`.")
    roles: list[Ident] = Field(default_factory=list, description="Roles counted (default: all).")


class RuleConfig(Strict):
    """Per-rotation rule settings; rules not listed run with their defaults (the last two only when listed)."""

    max_consecutive: MaxConsecutive = Field(default_factory=MaxConsecutive, alias="max-consecutive")
    consecutive_needs_reason: RuleSettings = Field(default_factory=RuleSettings, alias="consecutive-needs-reason")
    coverage: Coverage = Field(default_factory=Coverage)
    one_role_per_period: RuleSettings = Field(default_factory=RuleSettings, alias="one-role-per-period")
    eligibility: RuleSettings = Field(default_factory=RuleSettings)
    unavailable: RuleSettings = Field(default_factory=RuleSettings)
    roster: RuleSettings = Field(default_factory=RuleSettings)
    cycle_role_split: Optional[CycleRoleSplit] = Field(None, alias="cycle-role-split")
    team_mix: Optional[TeamMix] = Field(None, alias="team-mix")


class Holder(Strict):
    person: Ident
    reason: Optional[str] = Field(None, description="Why this is acceptable, e.g. for a second period in a row.")
    told: Optional[str] = Field(
        None, description="How and when the team was told, e.g. 'posted in ~sre on 2027-03-01'."
    )


# The shape an assignment may take depends on the role (per shift, per segment), which a schema of
# the period alone cannot know: the schedule expansion checks it, with messages that name the role.
# This schema is what editors are told.
_HOLDER_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": IDENT_PATTERN, "description": "A person id."},
        {
            "type": "object",
            "properties": {
                "person": {"type": "string", "pattern": IDENT_PATTERN},
                "reason": {"type": "string"},
                "told": {"type": "string"},
            },
            "required": ["person"],
            "additionalProperties": False,
        },
    ]
}
_ASSIGNMENT_SCHEMA: dict[str, Any] = {
    "description": "A role's holder: a person id, {person, reason}, a list (one per segment), "
    "or a mapping of daily shift id to one of those.",
    "anyOf": [
        _HOLDER_SCHEMA,
        {"type": "array", "items": _HOLDER_SCHEMA},
        {
            "type": "object",
            "additionalProperties": {"anyOf": [_HOLDER_SCHEMA, {"type": "array", "items": _HOLDER_SCHEMA}]},
        },
    ],
}


class Override(Strict):
    role: Ident
    shift: Optional[Ident] = Field(None, description="Which daily shift, for `per_shift` roles.")
    person: Ident = Field(description="Who covers.")
    start: dt.datetime = Field(alias="from", description="Local date and time the cover starts, e.g. 2026-09-08 09:00.")
    end: dt.datetime = Field(alias="until", description="Local date and time the cover ends.")
    reason: Optional[str] = None

    @model_validator(mode="after")
    def _ordered(self) -> Override:
        if self.end <= self.start:
            raise ValueError("'until' is not after 'from': the cover must last a while")
        return self


class ScheduledPeriod(BaseModel):
    """One period of the schedule: `start`, then one key per role id holding the assignment."""

    model_config = ConfigDict(
        frozen=True,
        extra="allow",
        populate_by_name=True,
        json_schema_extra={"additionalProperties": _ASSIGNMENT_SCHEMA},
    )

    start: dt.date = Field(description="Date the period starts; it must fall on the hand-off weekday.")
    note: Optional[str] = None
    vacant: Optional[str] = Field(
        None,
        description="Why nobody took this period: without holders a warning to act on (instead of one error per "
        "missing role); with holders, who took it after all (see `max-consecutive`'s `one_more_when_told`).",
    )
    overrides: list[Override] = Field(default_factory=list, description="Someone covers part of a shift.")

    @property
    def assignments(self) -> dict[str, Any]:
        return dict(self.__pydantic_extra__ or {})


CHANNEL_HEADER_FIELDS = ("rotation", "holders", "until")


def _check_channel_header(value: str) -> str:
    try:
        names = [name for _, name, spec, conversion in string.Formatter().parse(value) if name is not None]
        specs = [(spec, conversion) for _, name, spec, conversion in string.Formatter().parse(value) if name]
    except ValueError:
        names, specs = ["{"], []
    unknown = [name for name in names if name not in CHANNEL_HEADER_FIELDS]
    if unknown or any(spec or conversion for spec, conversion in specs):
        raise ValueError(
            "the channel header may use only {rotation}, {holders} and {until}: "
            "write other braces doubled, {{ and }}"
        )
    return value


class Planning(Strict):
    """How `handbook plan` fills new periods, beyond the rules every plan keeps."""

    staggered: list[Ident] = Field(
        default_factory=list,
        max_length=2,
        description="Two role ids, e.g. [first-mate, captain]: whoever holds the first becomes the holder of the "
        "second in the next period, so each pair overlaps by one period.",
    )

    @model_validator(mode="after")
    def _pair(self) -> Planning:
        if len(self.staggered) == 1 or len(set(self.staggered)) != len(self.staggered):
            raise ValueError("'staggered' names two different roles: the one held first, then the one after it")
        return self


class Rotation(Strict):
    """`data/rotations/<id>.yml` — one file per rotation."""

    name: str
    description: Optional[str] = Field(None, description="One line: what the rotation is for.")
    purpose: Optional[Markdown] = None
    team: Optional[Ident] = Field(None, description="The team that runs the rotation.")
    owners: list[Ident] = Field(default_factory=list, description="People who review changes to this file.")
    period: Span = Field(description="How long one period lasts, e.g. {weeks: 1}.")
    segment: Optional[Span] = Field(None, description="Split each period into parts, e.g. {weeks: 1}.")
    handoff: Handoff
    handover_deadline: Optional[HandoverDeadline] = Field(
        None, description="When the outgoing people must have handed over (none: at the hand-off)."
    )
    shifts: list[DailyShift] = Field(default_factory=list)
    roles: list[Role] = Field(min_length=1)
    escalation: list[EscalationStep] = Field(default_factory=list, description="Who is paged, in order.")
    channel_header: Annotated[str, AfterValidator(_check_channel_header)] = Field(
        "{rotation}: {holders}, until {until}",
        description="The line to paste in the team channel's header, for the current segment (or period): "
        "{rotation} is the name, {holders} every role's holders of every daily shift, {until} the segment's end.",
    )
    checklists: list[Ident] = Field(
        default_factory=list, description="The rotation's checklists in the order pages show them (others follow)."
    )
    templates: list[Ident] = Field(
        default_factory=list, description="The rotation's templates in the order pages show them (others follow)."
    )
    rules: RuleConfig = Field(default_factory=RuleConfig)
    planning: Planning = Field(default_factory=Planning, description="How `handbook plan` fills new periods.")
    schedule: list[ScheduledPeriod] = Field(default_factory=list, description="The periods, in order.")

    @model_validator(mode="after")
    def _segments_fit(self) -> Rotation:
        if self.segment and self.period.total_days % self.segment.total_days:
            raise ValueError("'segment' does not divide 'period' evenly: pick a segment length that does")
        if any(role.per_segment for role in self.roles) and not self.segment:
            raise ValueError(
                "a role has per_segment: true but there is no 'segment': add one, e.g. segment: {weeks: 1}"
            )
        if any(role.per_shift for role in self.roles) and not self.shifts:
            raise ValueError("a role has per_shift: true but there are no 'shifts': add the daily shifts")
        return self

    def role(self, role_id: str) -> Optional[Role]:
        return next((role for role in self.roles if role.id == role_id), None)

    def role_title(self, role_id: str) -> str:
        """The role's title; the bare id for a role that is not defined (a finding reports that)."""
        role = self.role(role_id)
        return role.title if role else role_id

    @property
    def segments_per_period(self) -> int:
        return self.period.total_days // self.segment.total_days if self.segment else 1


# --- content: templates, checklists, common tasks -------------------------------------------------


class TemplateField(Strict):
    id: Ident
    label: str
    type: Literal["text", "multiline", "url", "date", "list"] = "text"
    placeholder: Optional[str] = None
    prefill: Optional[Literal["today", "on-duty"]] = Field(
        None, description="Fill from the viewer's date (`today`) or from who is on duty (`on-duty`)."
    )
    offset_days: int = Field(0, description="With prefill: today, shift the date by this many days (-7 = a week ago).")
    role: Optional[Ident] = Field(None, description="With prefill: on-duty, the role whose holder is filled in.")
    optional: bool = Field(
        False,
        description="May be left empty: its blanks sit inside [[if id]]…[[end id]], text dropped when it is empty.",
    )


class Template(Strict):
    """`data/templates/<id>.yml` — a reply or report with blanks written as [[field-id]]."""

    title: str
    kind: Literal["reply", "status-update", "post-mortem", "other"] = "reply"
    rotation: Optional[Ident] = None
    summary: Optional[Markdown] = Field(None, description="When to use it.")
    fields: list[TemplateField] = Field(default_factory=list)
    body: str = Field(
        description="The text, copied verbatim apart from [[field-id]] blanks and [[if id]]…[[end id]] optional parts."
    )


class ChecklistItem(Strict):
    text: Markdown
    details: Optional[Markdown] = None


class ChecklistSection(Strict):
    title: str
    items: list[Union[str, ChecklistItem]] = Field(min_length=1)


class Checklist(Strict):
    """`data/checklists/<id>.yml` — a runbook to tick through."""

    title: str
    rotation: Optional[Ident] = None
    when: Optional[Markdown] = Field(None, description="When to use the checklist.")
    due: Optional[Literal["handover-deadline"]] = Field(
        None, description="`handover-deadline`: to be done by the rotation's `handover_deadline`, shown with it."
    )
    ticks_kept_for: Literal["period", "segment"] = Field(
        "period", description="Ticks start afresh every period of the rotation, or every segment (e.g. weekly)."
    )
    sections: list[ChecklistSection] = Field(min_length=1)


class Link(Strict):
    title: str
    url: str


class CommonTask(Strict):
    """`data/common-tasks/<id>.yml` — how a recurring task was handled, for the next person on duty."""

    title: str
    rotation: Ident
    symptom: Markdown
    steps: list[Markdown] = Field(min_length=1)
    links: list[Link] = Field(default_factory=list)
    tags: list[Ident] = Field(default_factory=list)
    updated_by: Ident = Field(description="Person id of whoever last updated the entry.")
    updated: dt.date
