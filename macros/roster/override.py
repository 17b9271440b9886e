"""`override`: someone covers part of a shift, written as an entry under the period's `overrides:`.

Times are local to the rotation's hand-off zone, as in the file (`2026-12-08 09:00`). A cover must lie
inside one period; one that crosses a hand-off is refused with the instant to split it at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from macros.model.types import Rotation
from macros.roster.edits import EditError
from macros.roster.yamledit import RoundTrip, is_flow, new_map, new_seq
from macros.schedule.expansion import Expansion
from macros.schedule.localtime import add_days, instant, local_instant, to_local

LOCAL_FORMAT = "%Y-%m-%d %H:%M"


@dataclass
class OverrideRequest:
    rotation_id: str
    role: str
    person: str
    start: dt.datetime  # naive, local to the rotation's hand-off zone
    end: dt.datetime
    shift: str | None = None
    reason: str | None = None


def parse_local(text: str) -> dt.datetime:
    """'2026-12-08 09:00' (or with a T) as a naive local datetime; ValueError with a readable message."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a local date and time: write YYYY-MM-DD HH:MM") from None
    if moment.tzinfo is not None:
        raise ValueError(f"'{text}' has a UTC offset: give the local time of the rotation's zone")
    return moment


def _period_of(rotation: Rotation, request: OverrideRequest) -> int:
    zone_name = rotation.handoff.timezone
    start, end = local_instant(request.start, zone_name), local_instant(request.end, zone_name)
    if end <= start:
        raise EditError("the cover must end after it starts")
    handoff = rotation.handoff
    for index, period in enumerate(rotation.schedule):
        begins = instant(period.start, handoff.time, zone_name)
        ends = instant(add_days(period.start, rotation.period.total_days), handoff.time, zone_name)
        if begins <= start < ends:
            if end > ends:
                split = to_local(ends, zone_name).strftime(LOCAL_FORMAT)
                raise EditError(f"the cover crosses the hand-off at {split}: make two overrides, split there")
            return index
    raise EditError(f"no period of {request.rotation_id} contains {request.start.strftime(LOCAL_FORMAT)} "
                    f"({zone_name})")


def _check_role(rotation: Rotation, request: OverrideRequest) -> None:
    role = rotation.role(request.role)
    if role is None:
        raise EditError(f"'{request.role}' is not a role of {request.rotation_id}: "
                        f"expected one of {', '.join(r.id for r in rotation.roles)}")
    shift_ids = [shift.id for shift in rotation.shifts]
    if role.per_shift and request.shift not in shift_ids:
        raise EditError(f"{role.id} is held per daily shift: name one with --shift ({', '.join(shift_ids)})")
    if not role.per_shift and request.shift is not None:
        raise EditError(f"{role.id} is held for the whole period: leave out --shift")


def holders_during(expansion: Expansion, request: OverrideRequest) -> set[str]:
    """Who holds the covered role (and daily shift) at some point of the cover's time."""
    zone_name = expansion.rotation.handoff.timezone
    start, end = local_instant(request.start, zone_name), local_instant(request.end, zone_name)
    return {
        shift.person for shift in expansion.shifts
        if shift.role == request.role and shift.shift == request.shift and shift.start < end and start < shift.end
    }


def add_override(
    document: RoundTrip, rotation: Rotation, request: OverrideRequest, expansion: Expansion | None = None
) -> int:
    """Append the cover to its period in `document` (edited in place); return the period's index.

    With the rotation's `expansion`, a cover by the person who already holds the role then is refused.
    """
    _check_role(rotation, request)
    index = _period_of(rotation, request)
    if expansion is not None and holders_during(expansion, request) == {request.person}:
        raise EditError(f"{request.person} already holds {request.role} for all of that time: nothing to cover")
    schedule = document.data["schedule"]
    period = schedule[index]
    overrides: Any = period.get("overrides")
    # New entries follow their neighbours: flow inside a flow period, else like existing overrides.
    flow_entry = is_flow(period) or (isinstance(overrides, list) and len(overrides) > 0 and is_flow(overrides[0]))
    entry = new_map(
        [
            ("role", request.role),
            *([("shift", request.shift)] if request.shift else []),
            ("person", request.person),
            ("from", request.start.strftime(LOCAL_FORMAT)),
            ("until", request.end.strftime(LOCAL_FORMAT)),
            *([("reason", request.reason)] if request.reason else []),
        ],
        flow=flow_entry,
    )
    if isinstance(overrides, list) and overrides:
        overrides.append(entry)
    else:
        period["overrides"] = new_seq([entry], flow=is_flow(period))
    return index
