"""Property test: `max-consecutive` and `coverage` agree with a brute-force oracle on random small schedules.

The oracle works on local dates alone (a weekly period ends on the day the next one should start) and
never calls the rule code, so a disagreement points at one of the two.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from fixture_handbook import UTC, Handbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIRST_PERIOD_LINE = 9  # the schedule's first entry in the file written below
LINE = re.compile(r"^data/rotations/duty\.yml:(\d+):\d+: (error|warning)\[([a-z-]+)\]: (.*)$")


@dataclass(frozen=True)
class Case:
    people: list[str]
    starts: list[dt.date]
    holders: list[str | None]
    handoff_time: str
    zone: str
    limit: int

    def rotation(self) -> str:
        weekday = f"{self.starts[0]:%A}".lower()
        lines = [
            "name: Duty",
            "period: {weeks: 1}",
            f'handoff: {{weekday: {weekday}, time: "{self.handoff_time}", timezone: {self.zone}}}',
            "roles:",
            "  - {id: duty, title: Duty}",
            "rules:",
            f"  max-consecutive: {{max: {self.limit}}}",
            "schedule:",
        ]
        for start, holder in zip(self.starts, self.holders, strict=True):
            lines.append(f"  - {{start: {start}, duty: {holder}}}" if holder else f"  - {{start: {start}}}")
        assert len(lines) == FIRST_PERIOD_LINE - 1 + len(self.starts)
        return "\n".join(lines) + "\n"


@st.composite
def cases(draw: st.DrawFn) -> Case:
    people = [f"p{n}" for n in range(draw(st.integers(2, 6)))]
    count = draw(st.integers(1, 12))
    # Any day of 2026, so that some schedules cross a clock change or the end of the year.
    first = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364)))
    starts = [first]
    for _ in range(count - 1):
        extra = draw(st.sampled_from([0, 0, 0, 0, 1, 7]))  # mostly touching, sometimes a gap of a day or a week
        starts.append(starts[-1] + dt.timedelta(days=7 + extra))
    holders = [draw(st.one_of(st.none(), st.sampled_from(people[:2]), st.sampled_from(people))) for _ in starts]
    return Case(
        people=people,
        starts=starts,
        holders=holders,
        handoff_time=draw(st.sampled_from(["00:00", "02:30", "09:00", "23:30"])),
        zone=draw(st.sampled_from(["Europe/Berlin", "America/New_York", "UTC"])),
        limit=draw(st.integers(1, 3)),
    )


def oracle(case: Case) -> tuple[set[tuple[dt.date, str]], set[tuple[dt.date, str, int]]]:
    """(coverage verdicts, max-consecutive verdicts) by brute force over local dates."""
    coverage: set[tuple[dt.date, str]] = set()
    for index, (start, holder) in enumerate(zip(case.starts, case.holders, strict=True)):
        if holder is None:
            coverage.add((start, "no holder"))
        if index:
            should_start = case.starts[index - 1] + dt.timedelta(days=7)
            if start != should_start:
                coverage.add((start, f"gap of {(start - should_start).days}"))
    too_long: set[tuple[dt.date, str, int]] = set()
    for person in case.people:
        for first in range(len(case.starts)):
            # Only streaks that begin here: not held in a touching period just before.
            if case.holders[first] != person or (first and case.holders[first - 1] == person and touching(case, first)):
                continue
            last = first
            while last + 1 < len(case.starts) and case.holders[last + 1] == person and touching(case, last + 1):
                last += 1
            length = last - first + 1
            if length > case.limit:
                too_long.add((case.starts[first + case.limit], person, length))
    return coverage, too_long


def touching(case: Case, index: int) -> bool:
    return case.starts[index] == case.starts[index - 1] + dt.timedelta(days=7)


def engine(case: Case, handbook: Handbook) -> tuple[set[tuple[dt.date, str]], set[tuple[dt.date, str, int]]]:
    """The same verdicts read back from the validator's findings (the line names the period)."""
    handbook.people(*case.people).rotation("duty", case.rotation())
    coverage: set[tuple[dt.date, str]] = set()
    too_long: set[tuple[dt.date, str, int]] = set()
    for text in handbook.findings("coverage", "max-consecutive", now=dt.datetime(2020, 1, 1, tzinfo=UTC)):
        match = LINE.match(text)
        assert match, text
        line, _, rule, message = match.groups()
        day = case.starts[int(line) - FIRST_PERIOD_LINE]
        if rule == "coverage" and (gap := re.match(r"gap of (\d+) days?", message)):
            coverage.add((day, f"gap of {gap.group(1)}"))
        elif rule == "coverage":
            assert message.startswith(f"period {day} has no Duty ("), text
            coverage.add((day, "no holder"))
        else:
            streak = re.match(r"(p\d) is on duty (\d+) periods in a row", message)
            assert streak, text
            too_long.add((day, streak.group(1), int(streak.group(2))))
    return coverage, too_long


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases())
def test_rules_agree_with_the_oracle(case: Case, make_handbook: Callable[[], Handbook]) -> None:
    assert engine(case, make_handbook()) == oracle(case)
