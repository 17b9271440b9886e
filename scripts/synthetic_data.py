"""A synthetic handbook of any size, for the benchmark: people, teams, rotations and years of schedule.

The data is meant to pass every rule, so that a benchmark measures the path real data takes (a
schedule full of errors would stop early or spend its time formatting findings). The generator
therefore schedules the way a careful coordinator would: nobody twice in a row, nobody in two roles
of one period, nobody during their time off (with a day's margin for time zones) or before they
joined, only eligible people, engineers of one cycle from different teams.

It imports nothing from `macros/` on purpose: the benchmark must not depend on the code it measures
to produce its input. Output is deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's emitter is several times faster
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

ZONES = ["Europe/Berlin", "Europe/Madrid", "America/New_York", "America/Sao_Paulo", "Asia/Kolkata", "Australia/Sydney"]
COUNTRIES = {"Europe/Berlin": "DE", "Europe/Madrid": "ES", "America/New_York": "US", "America/Sao_Paulo": "BR",
             "Asia/Kolkata": "IN", "Australia/Sydney": "AU"}
FIRST = ["Ada", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai", "Lu", "Mo", "Ned", "Oz", "Pia",
         "Quin", "Rae", "Sol", "Tam", "Uma", "Val", "Wes", "Xia", "Yan", "Zed"]
LAST = ["Acre", "Birch", "Cove", "Dune", "Elm", "Fjord", "Glen", "Heath", "Isle", "Jade", "Knoll", "Lake", "Moor",
        "Nook", "Oak", "Pine", "Quay", "Reed", "Sage", "Tarn", "Vale", "Wold", "Yew"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
FIRST_MONDAY = dt.date(2026, 1, 5)
PEOPLE_PER_TEAM = 25
LEAD_EVERY = 5  # one person in five is an engineering lead
MODELINE = "# yaml-language-server: $schema=../../docs/schemas/"
MIN_POOL = 50  # people per rotation: enough leads and engineers for a two-week cycle around the holidays


@dataclass
class Person:
    id: str
    team: str
    zone: str
    lead: bool
    joined: dt.date | None
    away: list[tuple[dt.date, dt.date]] = field(default_factory=list)

    def free(self, first: dt.date, last: dt.date) -> bool:
        """Available on every day from `first` to `last`, with a day's margin either side for time zones."""
        if self.joined and self.joined > first - dt.timedelta(days=1):
            return False
        margin = dt.timedelta(days=1)
        return all(end < first - margin or start > last + margin for start, end in self.away)


@dataclass(frozen=True)
class Shape:
    """One kind of rotation; the generated rotations cycle through these."""

    kind: str
    period_weeks: int
    weekday: str
    time: str
    zone: str


SHAPES = [
    Shape("pair", 1, "wednesday", "10:00", "Europe/Berlin"),  # captain and first mate, with overrides
    Shape("duty", 1, "monday", "09:00", "America/New_York"),  # one person a week, two in a row at most
    Shape("cycle", 2, "friday", "17:00", "Europe/Madrid"),  # lead + primary/backup per week and shift
    Shape("sun", 1, "monday", "08:00", "UTC"),  # follow-the-sun daily shifts
]


@dataclass
class _Picker:
    """Least-recently-scheduled first, so duty spreads evenly over the pool (deterministic on ties)."""

    pool: list[Person]
    last: dict[str, int] = field(default_factory=dict)

    def pick(self, count: int, period: int, first: dt.date, last: dt.date, taken: set[str],
             ok: Any = None) -> list[Person] | None:
        candidates = sorted(self.pool, key=lambda p: (self.last.get(p.id, -10**6), p.id))
        chosen: list[Person] = []
        for person in candidates:
            if len(chosen) == count:
                break
            if person.id in taken or self.last.get(person.id) in (period - 1, period):
                continue  # never two periods in a row, never two roles in one period
            if ok is not None and not ok(person, chosen):
                continue
            if person.free(first, last):
                chosen.append(person)
        if len(chosen) < count:
            return None
        for person in chosen:
            self.last[person.id] = period
            taken.add(person.id)
        return chosen


def _people(rng: random.Random, count: int, years: int) -> list[Person]:
    teams = max(2, -(-count // PEOPLE_PER_TEAM))
    people = []
    for number in range(count):
        zone = ZONES[number % len(ZONES)]
        joined = FIRST_MONDAY + dt.timedelta(days=rng.randrange(0, 365 * years)) if rng.random() < 0.05 else None
        person = Person(f"p{number:05d}", f"team-{number % teams:03d}", zone, number % LEAD_EVERY == 0, joined)
        for year in range(years + 1):
            # two weeks in summer, one around the new year, and one or two short breaks
            summer = dt.date(2026 + year, 6, 1) + dt.timedelta(days=rng.randrange(0, 80))
            person.away.append((summer, summer + dt.timedelta(days=13)))
            if rng.random() < 0.6:  # the others cover the holidays
                winter = dt.date(2026 + year, 12, 14) + dt.timedelta(days=rng.randrange(0, 18))
                person.away.append((winter, winter + dt.timedelta(days=rng.randrange(3, 8))))
            for _ in range(rng.randrange(1, 3)):
                day = dt.date(2026 + year, 1, 10) + dt.timedelta(days=rng.randrange(0, 140))
                person.away.append((day, day + dt.timedelta(days=rng.randrange(0, 4))))
        person.away.sort()
        people.append(person)
    return people


def _person_doc(person: Person, rng: random.Random) -> dict[str, Any]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    doc: dict[str, Any] = {
        "name": f"{first} {last} {person.id[1:]}",
        "handle": f"{first.lower()}.{last.lower()}.{person.id[1:]}",
        "team": person.team,
        "timezone": person.zone,
        "country": COUNTRIES[person.zone],
        "tags": ["eng-lead"] if person.lead else ["engineer"],
        "contact": {"email": f"{person.id}@example.com", "public": ["email"] if rng.random() < 0.5 else []},
    }
    if person.joined:
        doc["joined"] = person.joined.isoformat()
    doc["unavailable"] = [
        {"from": start.isoformat(), "until": end.isoformat(), **({"note": "holidays"} if end > start else {})}
        for start, end in person.away
    ]
    return doc


def _rotation_base(name: str, shape: Shape, team: str) -> dict[str, Any]:
    return {
        "name": name,
        "description": f"Synthetic {shape.kind} rotation for the benchmark.",
        "team": team,
        "period": {"weeks": shape.period_weeks},
        "handoff": {"weekday": shape.weekday, "time": shape.time, "timezone": shape.zone},
    }


def _periods(shape: Shape, years: int) -> Iterator[tuple[int, dt.date, dt.date]]:
    """(index, first day, last day) of each period: `years` years of them from the first hand-off weekday."""
    start = FIRST_MONDAY + dt.timedelta(days=WEEKDAYS.index(shape.weekday))
    length = 7 * shape.period_weeks
    for index in range(years * 52 // shape.period_weeks):
        day = start + dt.timedelta(days=index * length)
        yield index, day, day + dt.timedelta(days=length)


def _pair(rng: random.Random, shape: Shape, years: int, pool: list[Person], doc: dict[str, Any]) -> None:
    doc["roles"] = [{"id": "captain", "title": "Captain"}, {"id": "first-mate", "title": "First mate"}]
    doc["escalation"] = [{"role": "captain", "after_minutes": 0}, {"role": "first-mate", "after_minutes": 15}]
    picker = _Picker(pool)
    schedule = []
    for index, first, last in _periods(shape, years):
        taken: set[str] = set()
        chosen = picker.pick(2, index, first, last, taken)
        if chosen is None:
            raise ValueError(f"pool too small for period {first}")
        period: dict[str, Any] = {"start": first.isoformat(), "captain": chosen[0].id, "first-mate": chosen[1].id}
        if rng.random() < 0.15:  # someone covers one day of the captain's week
            cover = picker.pick(1, index, first, last, taken)
            if cover:
                day = first + dt.timedelta(days=rng.randrange(1, 6))
                period["overrides"] = [{
                    "role": "captain", "person": cover[0].id, "reason": "dentist",
                    "from": f"{day.isoformat()} 09:00", "until": f"{day.isoformat()} 18:00",
                }]
        schedule.append(period)
    doc["schedule"] = schedule


def _duty(rng: random.Random, shape: Shape, years: int, pool: list[Person], doc: dict[str, Any]) -> None:
    doc["roles"] = [{"id": "duty", "title": "On duty"}]
    doc["rules"] = {"max-consecutive": {"max": 2}}
    picker = _Picker(pool)
    schedule = []
    for index, first, last in _periods(shape, years):
        chosen = picker.pick(1, index, first, last, set())
        if chosen is None:
            raise ValueError(f"pool too small for period {first}")
        schedule.append({"start": first.isoformat(), "duty": chosen[0].id})
    doc["schedule"] = schedule


def _cycle(rng: random.Random, shape: Shape, years: int, pool: list[Person], doc: dict[str, Any]) -> None:
    doc["segment"] = {"weeks": 1}
    doc["shifts"] = [
        {"id": "emea", "title": "Europe", "start": "07:00", "end": "16:00"},
        {"id": "amer", "title": "Americas", "start": "16:00", "end": "01:00"},
    ]
    doc["roles"] = [
        {"id": "lead", "title": "Lead", "eligible": {"tags": ["eng-lead"]}},
        {"id": "primary", "title": "Primary", "per_segment": True, "per_shift": True},
        {"id": "backup", "title": "Backup", "per_segment": True, "per_shift": True},
    ]
    doc["escalation"] = [{"role": "primary", "after_minutes": 0}, {"role": "backup", "after_minutes": 10},
                         {"role": "lead", "after_minutes": 30}]
    doc["rules"] = {"cycle-role-split": {"roles": ["primary", "backup"]}, "team-mix": {"min_teams": 2}}
    leads = _Picker([p for p in pool if p.lead])
    engineers = _Picker([p for p in pool if not p.lead])

    def other_team(person: Person, chosen: list[Person]) -> bool:
        # the last engineer picked must not leave the crew in a single team
        return len(chosen) < 3 or len({c.team for c in chosen} | {person.team}) >= 2

    schedule = []
    for index, first, last in _periods(shape, years):
        taken: set[str] = set()
        lead = leads.pick(1, index, first, last, taken)
        crew = engineers.pick(4, index, first, last, taken, other_team)
        if lead is None or crew is None:
            raise ValueError(f"pool too small for period {first}")
        a, b, c, d = (p.id for p in crew)
        schedule.append({
            "start": first.isoformat(),
            "lead": lead[0].id,
            "primary": {"emea": [a, b], "amer": [c, d]},
            "backup": {"emea": [b, a], "amer": [d, c]},
        })
    doc["schedule"] = schedule


def _sun(rng: random.Random, shape: Shape, years: int, pool: list[Person], doc: dict[str, Any]) -> None:
    doc["shifts"] = [
        {"id": "apac", "title": "Asia-Pacific", "start": "00:00", "end": "08:00"},
        {"id": "emea", "title": "Europe", "start": "08:00", "end": "16:00"},
        {"id": "amer", "title": "Americas", "start": "16:00", "end": "00:00"},
    ]
    doc["roles"] = [{"id": "on-call", "title": "On call", "per_shift": True}]
    picker = _Picker(pool)
    schedule = []
    for index, first, last in _periods(shape, years):
        chosen = picker.pick(3, index, first, last, set())
        if chosen is None:
            raise ValueError(f"pool too small for period {first}")
        schedule.append({"start": first.isoformat(),
                         "on-call": {"apac": chosen[0].id, "emea": chosen[1].id, "amer": chosen[2].id}})
    doc["schedule"] = schedule


BUILDERS = {"pair": _pair, "duty": _duty, "cycle": _cycle, "sun": _sun}
BASE_MIX = 6  # the mix of shapes of six rotations: pair, duty, cycle, sun, pair, duty


def shape_of(number: int, rotations: int) -> Shape:
    """The shape of rotation `number` of `rotations`.

    Shapes cost very differently (follow-the-sun has 21 shifts a week, a duty week one), so doubling the
    rotations must double each shape, or the bench's "growth" would measure a change of mix: with a multiple
    of six rotations each of the six base rotations is repeated (12 = each twice); other counts cycle."""
    if rotations % BASE_MIX == 0:
        number = number * BASE_MIX // rotations
    return SHAPES[number % len(SHAPES)]


def _pools(people: Sequence[Person], rotations: int) -> list[list[Person]]:
    """Each rotation draws from its own share of the people, so nobody is on duty in two rotations at once."""
    size = len(people) // rotations
    if size < MIN_POOL:
        raise ValueError(f"{len(people)} people cannot staff {rotations} rotations: give at least {MIN_POOL} each")
    return [list(people[number * size:(number + 1) * size]) for number in range(rotations)]


def _dump(path: Path, kind: str, doc: dict[str, Any]) -> None:
    """Write one data file, starting with the editor modeline the real files carry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=200)
    path.write_text(f"{MODELINE}{kind}.schema.json\n{text}", encoding="utf-8")


def generate(root: Path, people: int, rotations: int, years: int, seed: int = 1) -> dict[str, int]:
    """Write a synthetic `data/` under `root` (which must not hold one); return what was written."""
    rng = random.Random(seed)
    staff = _people(rng, people, years)
    data = root / "data"
    teams = sorted({p.team for p in staff})
    for team in teams:
        _dump(data / "teams" / f"{team}.yml", "team", {"name": f"Team {team[5:]}", "description": "A synthetic team."})
    for person in staff:
        _dump(data / "people" / f"{person.id}.yml", "person", _person_doc(person, rng))
    periods = 0
    for number, pool in enumerate(_pools(staff, rotations)):
        shape = shape_of(number, rotations)
        rotation_id = f"{shape.kind}-{number:02d}"
        doc = _rotation_base(f"Rotation {number} ({shape.kind})", shape, pool[0].team)
        BUILDERS[shape.kind](rng, shape, years, pool, doc)
        periods += len(doc["schedule"])
        _dump(data / "rotations" / f"{rotation_id}.yml", "rotation", doc)
    return {"people": len(staff), "teams": len(teams), "rotations": rotations, "periods": periods}


def main() -> None:  # pragma: no cover - a convenience for looking at the data by hand
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic handbook data/ folder.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--rotations", type=int, default=10)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    print(generate(arguments.root, arguments.people, arguments.rotations, arguments.years, arguments.seed))


if __name__ == "__main__":  # pragma: no cover
    main()
