"""Rotations: spans, daily shifts, escalation steps, the channel header, planning and segments."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from macros.model.rotation_types import DailyShift, EscalationStep, Planning, Rotation, Span

ROTATION: dict[str, Any] = {
    "name": "Duty",
    "period": {"weeks": 2},
    "handoff": {"weekday": "monday", "time": "09:00", "timezone": "Europe/Berlin"},
    "roles": [{"id": "primary", "title": "Primary"}],
}


def test_a_span_counts_weeks_as_seven_days_and_refuses_zero() -> None:
    assert Span(weeks=2, days=1).total_days == 15
    with pytest.raises(pydantic.ValidationError, match="zero"):
        Span(weeks=0, days=0)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        ([], "every day"),
        (["monday", "tuesday", "wednesday", "thursday", "friday"], "Monday to Friday"),
        (["friday", "monday", "wednesday"], "Monday, Wednesday and Friday"),
        (["saturday", "sunday"], "Saturday and Sunday"),
        (["tuesday"], "Tuesday"),
        (["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"], "every day"),
    ],
)
def test_a_daily_shift_says_its_days_in_words(days: list[str], words: str) -> None:
    shift = DailyShift.model_validate({"id": "emea", "title": "EMEA", "start": "09:00", "end": "17:00", "days": days})
    assert shift.runs_on() == words


def test_an_escalation_step_is_timed_or_a_judgement_call() -> None:
    assert EscalationStep.model_validate({"role": "backup", "when": "if the primary asks"}).after_minutes is None
    with pytest.raises(pydantic.ValidationError, match="'after_minutes'.*'when'"):
        EscalationStep.model_validate({"role": "backup"})


@pytest.mark.parametrize("header", ["{rotation} {who}", "{until!r}", "{holders:>10}", "{ unclosed"])
def test_the_channel_header_uses_only_its_three_fields(header: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="only {rotation}, {holders} and {until}"):
        Rotation.model_validate({**ROTATION, "channel_header": header})
    assert Rotation.model_validate({**ROTATION, "channel_header": "{{ {rotation} }}"}).channel_header


def test_a_staggered_pair_names_two_different_roles() -> None:
    assert Planning.model_validate({"staggered": ["mate", "captain"]}).staggered == ["mate", "captain"]
    for pair in (["mate"], ["mate", "mate"]):
        with pytest.raises(pydantic.ValidationError, match="two different roles"):
            Planning.model_validate({"staggered": pair})


def test_segments_divide_the_period_and_per_segment_roles_need_them() -> None:
    assert Rotation.model_validate({**ROTATION, "segment": {"weeks": 1}}).segments_per_period == 2
    with pytest.raises(pydantic.ValidationError, match="does not divide"):
        Rotation.model_validate({**ROTATION, "segment": {"days": 3}})
    per_segment = [{"id": "primary", "title": "Primary", "per_segment": True}]
    with pytest.raises(pydantic.ValidationError, match="per_segment: true but there is no 'segment'"):
        Rotation.model_validate({**ROTATION, "roles": per_segment})


def test_an_undefined_role_is_shown_by_its_id() -> None:
    rotation = Rotation.model_validate(ROTATION)
    assert rotation.role_title("primary") == "Primary"
    assert rotation.role_title("ghost") == "ghost"
