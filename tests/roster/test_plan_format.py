"""Slots of a period and how a planned period is written: per role, per daily shift, per segment."""

from __future__ import annotations

import datetime as dt

from macros.model.types import Rotation
from macros.model.yamldoc import parse_text
from macros.roster.plan_format import PlannedPeriod, Slot, period_value, slots_of, write_periods
from macros.roster.yamledit import load_roundtrip

TEXT = """\
name: SE
period: {weeks: 2}
segment: {weeks: 1}
handoff: {weekday: monday, time: "09:00", timezone: UTC}
shifts:
  - {id: emea, title: EMEA, start: "06:00", end: "14:00"}
  - {id: amer, title: Americas, start: "14:00", end: "22:00"}
roles:
  - {id: lead, title: Lead}
  - {id: primary, title: Primary, per_shift: true, per_segment: true}
  - {id: shadow, title: Shadow, required: false}
schedule:
  - {start: 2026-11-16, lead: ana, primary: {emea: [ben, cy], amer: [dee, eve]}}
"""
ROTATION = Rotation.model_validate(parse_text(TEXT, "x").data)
PERIOD = PlannedPeriod(
    dt.date(2026, 11, 30),
    {Slot("lead", None, 0): "fay", Slot("primary", "emea", 0): "ana", Slot("primary", "emea", 1): "ben",
     Slot("primary", "amer", 0): "cy", Slot("primary", "amer", 1): "cy"},
    {"cy": "second period in a row"},
)


def test_required_slots_in_file_order() -> None:
    assert slots_of(ROTATION) == [
        Slot("lead", None, 0), Slot("primary", "emea", 0), Slot("primary", "emea", 1),
        Slot("primary", "amer", 0), Slot("primary", "amer", 1),
    ]
    assert Slot("primary", "amer", 1).label(ROTATION) == "Primary (amer), week 2"


def test_period_value_and_a_reason_on_the_first_place_only() -> None:
    assert period_value(ROTATION, PERIOD) == {
        "start": dt.date(2026, 11, 30),
        "lead": "fay",
        "primary": {"emea": ["ana", "ben"], "amer": [{"person": "cy", "reason": "second period in a row"}, "cy"]},
    }


def test_written_in_the_style_of_the_period_before() -> None:
    document = load_roundtrip(TEXT, "x")
    write_periods(document, ROTATION, [PERIOD])
    assert document.render() == TEXT + (
        "  - {start: 2026-11-30, lead: fay, primary: {emea: [ana, ben], amer: [{person: cy, reason: second period "
        "in a row}, cy]}}\n"
    )
