"""`unavailable`: nobody is on duty while away, before their first day or after their last.

Days are the person's own: an absence from 2026-09-08 until 2026-09-09 blocks 00:00 on the 8th to
00:00 on the 10th in *their* time zone, whatever the rotation's zone. The check looks at the shifts
that remain after overrides, so an override that covers the days away settles it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from macros.model.findings import Finding
from macros.model.types import Absence, Person, RuleSettings
from macros.rules.base import Context, Rule
from macros.rules.slots import ShiftOwners, is_override, slot_label
from macros.schedule.expansion import Assignment, Expansion
from macros.schedule.localtime import UTC, add_days, instant

_MIDNIGHT = dt.time(0, 0)
_EARLIEST = dt.datetime.min.replace(tzinfo=UTC)
_LATEST = dt.datetime.max.replace(tzinfo=UTC)
_DAY = dt.timedelta(days=1)


class Blocked(NamedTuple):
    """Local days `first`..`last` (inclusive) a person cannot be scheduled, and why: an absence,
    "joined" (every day before `first`… is before joining) or "left"."""

    first: dt.date  # date.min: "before joining"
    last: dt.date  # date.max: "after leaving"
    cause: Absence | str

    def instants(self, zone_name: str) -> tuple[dt.datetime, dt.datetime]:
        start = _EARLIEST if self.first == dt.date.min else instant(self.first, _MIDNIGHT, zone_name)
        end = _LATEST if self.last == dt.date.max else instant(add_days(self.last, 1), _MIDNIGHT, zone_name)
        return start, end

    @property
    def why(self) -> str:
        if isinstance(self.cause, Absence):
            note = f" ({self.cause.note})" if self.cause.note else ""
            return f"is away from {self.cause.start} until {self.cause.end}{note}"
        if self.cause == "joined":
            return f"only joins on {self.last + _DAY}"
        return f"their last day is {self.first - _DAY}"

    @property
    def hint(self) -> str:
        if isinstance(self.cause, Absence):
            return "pick someone else, or add an override for the days away"
        return f"pick someone else, or correct `{self.cause}:`"


@dataclass
class BlockedTimes:
    """One person's blocked stretches sorted by first day, with a running maximum of last days for bisection.

    Building this is on the path of every check, so it stays cheap: dates only. The instants are
    worked out for the few stretches that come near some shift.
    """

    zone: str
    spans: list[Blocked] = field(default_factory=list)
    max_lasts: list[dt.date] = field(default_factory=list)

    @classmethod
    def of(cls, person: Person) -> BlockedTimes:
        spans = [Blocked(absence.start, absence.end, absence) for absence in person.unavailable]
        if person.joined and person.joined > dt.date.min:
            spans.append(Blocked(dt.date.min, person.joined - _DAY, "joined"))
        if person.left and person.left < dt.date.max:
            spans.append(Blocked(person.left + _DAY, dt.date.max, "left"))
        spans.sort(key=lambda span: (span.first, span.last))
        times = cls(person.timezone, spans)
        running = dt.date.min
        for span in spans:
            running = max(running, span.last)
            times.max_lasts.append(running)
        return times

    def first_overlap(self, start: dt.datetime, end: dt.datetime) -> Blocked | None:
        """The earliest blocked stretch that overlaps the UTC instants [start, end), if any."""
        # A local day is within a day of the UTC date (offsets stay under 24 hours), so only stretches
        # touching these UTC dates ± 1 can overlap; the exact instants decide among those few.
        low, high = start.date() - _DAY, end.date() + _DAY
        index = bisect.bisect_left(self.max_lasts, low)
        while index < len(self.spans) and self.spans[index].first <= high:
            span = self.spans[index]
            if span.last >= low:
                blocked_from, blocked_until = span.instants(self.zone)
                if blocked_from < end and start < blocked_until:
                    return span
            index += 1
        return None


class UnavailableRule(Rule):
    id = "unavailable"
    description = "Nobody is on duty while away, before their `joined` date or after their `left` date."
    settings_field = "unavailable"

    def check(self, context: Context) -> Iterable[Finding]:
        # One person's blocked times serve every rotation they are on: built once, when first needed.
        cache: dict[str, BlockedTimes | None] = {}
        for expansion in context.expansions.values():
            settings = self.settings(expansion.rotation)
            if settings is not None:
                yield from self._check(context, expansion, settings, cache)

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        return self._check(context, expansion, settings, {})

    def _check(
        self, context: Context, expansion: Expansion, settings: RuleSettings, cache: dict[str, BlockedTimes | None]
    ) -> Iterator[Finding]:
        people = context.project.people

        def blocked(person_id: str) -> BlockedTimes | None:
            if person_id not in cache:
                person = people.get(person_id)
                busy = person is not None and (person.unavailable or person.joined or person.left)
                cache[person_id] = BlockedTimes.of(person) if person is not None and busy else None
            return cache[person_id]

        owners: ShiftOwners | None = None  # needed only once something clashes
        hits: dict[tuple[object, ...], tuple[Assignment, Blocked]] = {}
        for shift in expansion.shifts:
            times = blocked(shift.person)
            overlap = times.first_overlap(shift.start, shift.end) if times is not None else None
            if overlap is None:
                continue
            owners = owners or ShiftOwners(expansion)
            owner = owners(shift)
            if owner and owner.where not in hits:
                hits[owner.where] = (owner, overlap)
        rotation = expansion.rotation
        written = {a.where: index for index, a in reversed(list(enumerate(expansion.assignments)))}
        for assignment, overlap in sorted(hits.values(), key=lambda hit: written[hit[0].where]):
            day = expansion.periods[assignment.period].day
            verb = "covers" if is_override(assignment) else "holds"
            yield self.finding(
                context,
                expansion.rotation_id,
                assignment.where,
                f"{assignment.person} {verb} {slot_label(rotation, assignment.role, assignment.shift)} "
                f"in the period {day} but {overlap.why}",
                overlap.hint,
                settings=settings,
            )
