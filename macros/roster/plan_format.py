"""The places (slots) a period of a rotation has to fill, and how a filled period is written in the file.

A slot is one (role, daily shift, segment): a role held per daily shift has one slot per shift, a role
held per segment one per segment. Only required roles are planned; optional ones (a shadow, a trainee)
are left for people to add by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from macros.model.types import Role, Rotation
from macros.roster.yamledit import RoundTrip, is_flow, new_map, new_seq


@dataclass(frozen=True, order=True)
class Slot:
    role: str
    shift: str | None
    segment: int  # 0 for a role held for the whole period

    def label(self, rotation: Rotation) -> str:
        role = rotation.role(self.role)
        text = rotation.role_title(self.role)
        if self.shift:
            text += f" ({self.shift})"
        if role is not None and role.per_segment and rotation.segments_per_period > 1:
            unit = {7: "week", 1: "day"}.get(rotation.segment.total_days if rotation.segment else 0, "segment")
            text += f", {unit} {self.segment + 1}"
        return text


@dataclass(frozen=True)
class PlannedPeriod:
    """One period the planner filled: who holds each slot, and why someone serves twice in a row."""

    day: dt.date
    holders: Mapping[Slot, str]
    reasons: Mapping[str, str] = field(default_factory=dict)  # person → reason, written on their first slot


def planned_roles(rotation: Rotation) -> list[Role]:
    return [role for role in rotation.roles if role.required]


def slots_of(rotation: Rotation) -> list[Slot]:
    """Every slot of one period that the planner fills, in the order the file lists them."""
    slots = []
    for role in planned_roles(rotation):
        shifts: Sequence[str | None] = [s.id for s in rotation.shifts] if role.per_shift else [None]
        segments = range(rotation.segments_per_period) if role.per_segment else range(1)
        slots += [Slot(role.id, shift, segment) for shift in shifts for segment in segments]
    return slots


def period_value(rotation: Rotation, period: PlannedPeriod) -> dict[str, Any]:
    """The period as plain values, exactly as it is written under `schedule:` (start, then one key per role)."""
    written: set[str] = set()

    def holder(slot: Slot) -> Any:
        person = period.holders[slot]
        reason = period.reasons.get(person)
        if reason is None or person in written:
            return person
        written.add(person)
        return {"person": person, "reason": reason}

    def segments(role: Role, shift: str | None) -> Any:
        if role.per_segment and rotation.segments_per_period > 1:
            return [holder(Slot(role.id, shift, n)) for n in range(rotation.segments_per_period)]
        return holder(Slot(role.id, shift, 0))

    value: dict[str, Any] = {"start": period.day}
    for role in planned_roles(rotation):
        if role.per_shift:
            value[role.id] = {shift.id: segments(role, shift.id) for shift in rotation.shifts}
        else:
            value[role.id] = segments(role, None)
    return value


def _node(value: Any, *, flow: bool) -> Any:
    """Plain values as ruamel nodes: holder mappings and segment lists flow, a per-shift mapping follows `flow`."""
    if isinstance(value, list):
        return new_seq([_node(item, flow=True) for item in value], flow=True)
    if isinstance(value, dict):
        is_holder = set(value) <= {"person", "reason"}
        return new_map([(key, _node(item, flow=True)) for key, item in value.items()], flow=flow or is_holder)
    return value


def write_periods(document: RoundTrip, rotation: Rotation, periods: Sequence[PlannedPeriod]) -> None:
    """Append the planned periods to the document's `schedule:`, in the style of the periods before them."""
    data = document.data
    schedule = data.get("schedule")
    if not isinstance(schedule, CommentedSeq) or (len(schedule) == 0 and is_flow(schedule)):
        schedule = new_seq([], flow=False)
        data["schedule"] = schedule
    flow = len(schedule) > 0 and is_flow(schedule[-1])
    for period in periods:
        value = period_value(rotation, period)
        node: CommentedMap = new_map([(key, _node(item, flow=flow)) for key, item in value.items()], flow=flow)
        schedule.append(node)
