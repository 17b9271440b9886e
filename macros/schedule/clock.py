"""Where "now" comes from: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.

Only the adapters (CLI, MkDocs hooks) call this; the core always receives `now` as an argument.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


class ClockError(ValueError):
    pass


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The instant the build is "as of", in UTC."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if not raw.isdigit():
        raise ClockError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{raw}'")
    return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
