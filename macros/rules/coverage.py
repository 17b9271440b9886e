"""`coverage`: no hole in the schedule.

Every required role has a holder in every period (in each segment for `per_segment` roles, in each
daily shift for `per_shift` ones); each period starts exactly where the one before it ends; and the
schedule reaches at least `horizon_days` past today (a warning: the next periods need planning).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator

from macros.model.findings import Finding, Severity
from macros.model.types import Coverage, Role, Rotation, RuleSettings
from macros.model.yamldoc import PathKey
from macros.rules.base import Context, Rule, period_noun
from macros.rules.slots import plural, readable_periods, segment_label
from macros.schedule.expansion import Assignment, Expansion, PeriodSpan
from macros.schedule.localtime import add_days, to_local


class CoverageRule(Rule):
    id = "coverage"
    description = "Every period fills each required role, periods leave no gap, and the schedule reaches far enough."
    settings_field = "coverage"

    def in_words(self, rotation: Rotation, settings: RuleSettings) -> str:
        assert isinstance(settings, Coverage)
        days = settings.horizon_days
        reach = f"; the schedule is planned at least {days} days ahead" if days else ""
        return f"Every {period_noun(rotation)} has someone in each required role, with no gap between them{reach}."

    def check_rotation(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterable[Finding]:
        if not expansion.periods:
            yield self.finding(context, expansion.rotation_id, ("schedule",), "the schedule is empty",
                               "add periods under `schedule:`, each with a `start:` and a holder for every role",
                               settings=settings)
            return
        for span, assignments in readable_periods(expansion):
            yield from self._holes(context, expansion, span, assignments, settings)
        yield from self._tiling(context, expansion, settings)
        yield from self._horizon(context, expansion, settings)

    def _holes(
        self, context: Context, expansion: Expansion, span: PeriodSpan, assignments: list[Assignment],
        settings: RuleSettings,
    ) -> Iterator[Finding]:
        rotation = expansion.rotation
        filled = {(a.role, a.segment, a.shift) for a in assignments}
        written = rotation.schedule[span.index].assignments
        vacant = rotation.schedule[span.index].vacant
        if vacant is not None:
            if not assignments:  # with holders, `vacant` says why someone took it after all
                yield self._vacant(context, expansion, span, vacant, settings)
            return
        for role in rotation.roles:
            if not role.required:
                continue
            wanted = self._slots(expansion, role)
            missing = [slot for slot in wanted if (role.id, *slot) not in filled]
            if not missing:
                continue
            if len(missing) == len(wanted):
                where: PathKey = ("schedule", span.index, role.id if role.id in written else "start")
                hint = f"add `{role.id}:` to the period, or mark the role `required: false`"
                message = f"period {span.day} has no {role.title}"
                yield self.finding(context, expansion.rotation_id, where, message, hint, settings=settings)
                continue
            segments = rotation.segments_per_period if role.per_segment else 1
            for shift, segment in self._gaps(missing, segments):
                # The shift entry or list item left empty; `locate` falls back to the role's line.
                where = ("schedule", span.index, role.id)
                details: list[str] = []
                if shift:
                    where, details = (*where, shift), [shift]
                if segment is not None:
                    where, details = (*where, segment), [*details, segment_label(rotation, segment)]
                yield self.finding(
                    context,
                    expansion.rotation_id,
                    where,
                    f"period {span.day} has no {role.title} ({', '.join(details)})",
                    f"name a holder there under `{role.id}:`",
                    settings=settings,
                )

    def _vacant(
        self, context: Context, expansion: Expansion, span: PeriodSpan, vacant: str, settings: RuleSettings,
    ) -> Finding:
        """A period nobody took is a problem to act on: a warning, not an error per missing role."""
        where: PathKey = ("schedule", span.index, "vacant")
        return self.finding(context, expansion.rotation_id, where, f"period {span.day} is vacant: {vacant}",
                            "find someone to take it, then replace `vacant:` with the holders",
                            settings=settings, severity=Severity.WARNING)

    @staticmethod
    def _gaps(missing: list[tuple[int, str | None]], segments: int) -> Iterator[tuple[str | None, int | None]]:
        """(daily shift, segment) pairs to report; segment None when the shift is empty in every segment."""
        by_shift: dict[str | None, list[int]] = {}
        for segment, shift in missing:
            by_shift.setdefault(shift, []).append(segment)
        for shift, empty in by_shift.items():
            if shift is not None and len(empty) == segments:
                yield shift, None
            else:
                yield from ((shift, segment if segments > 1 else None) for segment in empty)

    @staticmethod
    def _slots(expansion: Expansion, role: Role) -> list[tuple[int, str | None]]:
        """The (segment, daily shift) slots a role must fill in one period, in the order they are reported."""
        rotation = expansion.rotation
        segments = range(rotation.segments_per_period) if role.per_segment else range(1)
        shifts: list[str | None] = [s.id for s in rotation.shifts] if role.per_shift else [None]
        return [(segment, shift) for shift in shifts for segment in segments]

    def _tiling(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterator[Finding]:
        rotation = expansion.rotation
        zone_name = rotation.handoff.timezone
        for before, after in itertools.pairwise(expansion.periods):
            if after.day <= before.day or after.start == before.end:
                continue  # out of order is the schedule check's finding; touching is right
            end_day = add_days(before.day, rotation.period.total_days)
            days = abs((after.day - end_day).days)
            kind = "gap" if after.start > before.end else "overlap"
            ending = to_local(before.end, zone_name)
            hint = f"start the next period on {end_day}"
            if kind == "gap":
                hint += ", or add a period for the days between"
            yield self.finding(
                context,
                expansion.rotation_id,
                ("schedule", after.index, "start"),
                f"{kind} of {plural(days, 'day')} between the period ending {ending:%Y-%m-%d %H:%M} and the next one",
                hint,
                settings=settings,
            )

    def _horizon(self, context: Context, expansion: Expansion, settings: RuleSettings) -> Iterator[Finding]:
        assert isinstance(settings, Coverage)
        zone_name = expansion.rotation.handoff.timezone
        last = max(expansion.periods, key=lambda span: span.end)
        wanted = context.now + dt.timedelta(days=settings.horizon_days)
        if last.end >= wanted:
            return
        yield self.finding(
            context,
            expansion.rotation_id,
            ("schedule", last.index, "start"),
            f"the schedule runs out on {to_local(last.end, zone_name).date()}",
            f"plan more periods: the schedule should reach {to_local(wanted, zone_name).date()}, "
            f"{settings.horizon_days} days ahead",
            settings=settings,
            severity=Severity.WARNING,
        )
