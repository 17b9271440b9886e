"""`swap`: two people exchange their places in one or more periods of a rotation.

Within the chosen periods (and, if given, only the chosen roles and daily shifts), every place one of
the two holds goes to the other and the other way round, overrides included. Swapping Ana's week
with Ben's is `swap ana ben` over both weeks: each takes the other's place in each. The periods keep
their dates and roles, so the calendar events keep their UIDs and only change their attendee.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from macros.model.types import Rotation
from macros.roster.edits import EditError
from macros.roster.yamledit import RoundTrip, holder_person, with_person

_NOT_ROLES = {"start", "note", "overrides"}


@dataclass
class SwapRequest:
    rotation_id: str
    first: str
    second: str
    periods: list[int]
    roles: Collection[str] = ()
    shifts: Collection[str] = ()
    reason: str | None = None


@dataclass
class _Swapper:
    request: SwapRequest
    rotation: Rotation
    swapped: int = 0

    def other(self, person: str) -> str | None:
        first, second = self.request.first, self.request.second
        return second if person == first else first if person == second else None

    def holder(self, node: Any) -> Any:
        """The holder node with the two people exchanged (the same node when neither holds it)."""
        person = holder_person(node)
        other = self.other(person) if person is not None else None
        if other is None:
            return node
        self.swapped += 1
        return with_person(node, other, self.request.reason)

    def holders(self, node: Any) -> Any:
        if isinstance(node, list):
            for index, item in enumerate(node):
                node[index] = self.holder(item)
            return node
        return self.holder(node)

    def wanted(self, role: str, shift: str | None) -> bool:
        roles, shifts = self.request.roles, self.request.shifts
        return (not roles or role in roles) and (not shifts or shift is None or shift in shifts)

    def period(self, node: Any) -> None:
        if not isinstance(node, dict):
            return
        for key in list(node):
            if key in _NOT_ROLES:
                continue
            role = self.rotation.role(str(key))
            if role is None:
                continue  # not a role: validate reports it; leave it alone
            value = node[key]
            if role.per_shift and isinstance(value, dict):
                for shift_id in list(value):
                    if self.wanted(role.id, str(shift_id)):
                        value[shift_id] = self.holders(value[shift_id])
            elif self.wanted(role.id, None):
                node[key] = self.holders(value)
        for override in node.get("overrides") or []:
            if isinstance(override, dict) and self.wanted(str(override.get("role")), override.get("shift")):
                person = override.get("person")
                other = self.other(person) if isinstance(person, str) else None
                if other is not None:
                    self.swapped += 1
                    override["person"] = other
                    if self.request.reason is not None:
                        override["reason"] = self.request.reason


def swap(document: RoundTrip, rotation: Rotation, request: SwapRequest) -> int:
    """Exchange the two people in the requested periods of `document` (edited in place); return how many
    places changed hands. Raises `EditError` when the request makes no sense or changes nothing."""
    if request.first == request.second:
        raise EditError("swap needs two different people")
    unknown_roles = sorted(set(request.roles) - {role.id for role in rotation.roles})
    if unknown_roles:
        raise EditError(f"'{unknown_roles[0]}' is not a role of {request.rotation_id}: "
                        f"expected one of {', '.join(role.id for role in rotation.roles)}")
    unknown_shifts = sorted(set(request.shifts) - {shift.id for shift in rotation.shifts})
    if unknown_shifts:
        known = ", ".join(shift.id for shift in rotation.shifts) or "none: the rotation has no daily shifts"
        raise EditError(f"'{unknown_shifts[0]}' is not a daily shift of {request.rotation_id}: expected {known}")
    schedule = document.data.get("schedule") if isinstance(document.data, dict) else None
    if not isinstance(schedule, list):
        raise EditError(f"{request.rotation_id} has no schedule to swap in")
    swapper = _Swapper(request, rotation)
    for index in sorted(set(request.periods)):
        swapper.period(schedule[index])
    if swapper.swapped == 0:
        days = ", ".join(str(rotation.schedule[index].start) for index in sorted(set(request.periods)))
        scope = f" as {', '.join(request.roles)}" if request.roles else ""
        raise EditError(f"neither {request.first} nor {request.second} is on duty{scope} in the period {days}")
    return swapper.swapped
