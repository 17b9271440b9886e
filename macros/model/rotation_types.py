"""`data/rotations/`: a rotation's period, hand-off, shifts, roles, escalation, rule settings and schedule.
Part of the typed model (`macros.model.types` lists it all)."""

from __future__ import annotations

import datetime as dt
import string
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from macros.model.fields import IDENT_PATTERN, Ident, Markdown, Strict, TimeZoneName, Weekday


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
        names = [list(Weekday)[n].day_name for n in numbers]
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
        None,
        description="When the role is called, in the team's words, e.g. 'when the Captain judges it "
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
            "the channel header may use only {rotation}, {holders} and {until}: write other braces doubled, {{ and }}"
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
