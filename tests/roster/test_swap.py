"""Swapping two people: every place of one goes to the other within the chosen periods, roles and shifts."""

from __future__ import annotations

import pytest

from macros.model.types import Rotation
from macros.model.yamldoc import parse_text
from macros.roster.edits import EditError
from macros.roster.swap import SwapRequest, swap
from macros.roster.yamledit import load_roundtrip

TEXT = """\
name: Follow the sun
period: {weeks: 2}
segment: {weeks: 1}
handoff: {weekday: monday, time: "09:00", timezone: UTC}
shifts:
  - {id: emea, title: EMEA, start: "06:00", end: "14:00"}
  - {id: amer, title: Americas, start: "14:00", end: "22:00"}
roles:
  - {id: lead, title: Lead}
  - {id: primary, title: Primary, per_shift: true, per_segment: true}
schedule:
  - start: 2026-11-16
    lead: ana
    primary:
      emea: [ben, cy]
      amer: [dee, ben]
    overrides:
      - {role: lead, person: ben, from: 2026-11-17 09:00, until: 2026-11-18 09:00}
"""


def _swap(request: SwapRequest) -> tuple[int, str]:
    document = load_roundtrip(TEXT, "x.yml")
    rotation = Rotation.model_validate(parse_text(TEXT, "x.yml").data)
    count = swap(document, rotation, request)
    return count, document.render()


def test_every_place_changes_hands_overrides_included() -> None:
    count, text = _swap(SwapRequest("fts", "ana", "ben", [0]))
    assert count == 4
    assert "    lead: ben\n" in text and "emea: [ana, cy]" in text and "amer: [dee, ana]" in text
    assert "{role: lead, person: ana, from: 2026-11-17 09:00" in text


def test_only_the_chosen_role_and_shift() -> None:
    count, text = _swap(SwapRequest("fts", "ben", "dee", [0], roles=["primary"], shifts=["amer"], reason="trade"))
    assert count == 2
    assert "emea: [ben, cy]" in text
    assert "amer: [{person: ben, reason: trade}, {person: dee, reason: trade}]" in text


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (SwapRequest("fts", "ana", "ana", [0]), "swap needs two different people"),
        (SwapRequest("fts", "ana", "ben", [0], roles=["pilot"]),
         "'pilot' is not a role of fts: expected one of lead, primary"),
        (SwapRequest("fts", "ana", "ben", [0], shifts=["apac"]),
         "'apac' is not a daily shift of fts: expected emea, amer"),
        (SwapRequest("fts", "eve", "fay", [0]), "neither eve nor fay is on duty in the period 2026-11-16"),
    ],
)
def test_requests_that_cannot_be_done(request_: SwapRequest, message: str) -> None:
    with pytest.raises(EditError) as raised:
        _swap(request_)
    assert str(raised.value) == message
