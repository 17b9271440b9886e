"""Where "now" comes from: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.

Only the adapters (CLI, MkDocs hooks) call this; the core always receives `now` as an argument.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


class ClockError(ValueError):
    pass


MAX_YEAR = 9000


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The instant the build is "as of", in UTC."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    # `str.isdigit` also accepts other scripts' digits (`١٢٣`) and superscripts, which `int` then rejects.
    if not (raw.isascii() and raw.isdigit()):
        raise ClockError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970 in ASCII digits, not {raw!r}")
    try:
        moment = dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        moment = None
    # The schedule reaches a few years past "now": keep a margin below the year 9999 `datetime` ends at.
    if moment is None or moment.year > MAX_YEAR:
        raise ClockError(f"SOURCE_DATE_EPOCH {raw} is past the year {MAX_YEAR}; give seconds since 1970")
    return moment
