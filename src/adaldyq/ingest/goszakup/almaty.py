"""goszakup's dates are naive local times in Almaty; OCDS wants RFC 3339 with the offset.

The conversion goes through the `Asia/Almaty` zone of the tz database, never a fixed offset:
Kazakhstan moved from UTC+06:00 to UTC+05:00 on 1 March 2024, so one fixed offset would shift
every date on one side of that day by an hour (and late-December contracts across the year end).
On the night of the change the clocks went back from 00:00 to 23:00, so local times 23:00-23:59
of 29 February 2024 happened twice; they are read as the first (UTC+06:00), as `fold=0` does.
The zone comes from the system's tz database or the `tzdata` package (a dependency of pandas).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from adaldyq.ingest.goszakup.fields import FieldError, text

ALMATY = ZoneInfo("Asia/Almaty")


def local_time(record: dict[str, Any], field: str) -> str | None:
    """The field's Almaty local date or date-time as RFC 3339 with its offset; None if missing.

    A value that already carries an offset (Samruk's `Z`) keeps it.
    """
    value = text(record, field)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(field, f"not a date 'YYYY-MM-DD HH:MM:SS': {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ALMATY)
    return parsed.isoformat(timespec="seconds")


def latest(values: list[str | None]) -> str | None:
    """The latest of RFC 3339 date-times (compared as instants), None when there are none."""
    present = [v for v in values if v]
    return max(present, key=datetime.fromisoformat) if present else None


def period(start: str | None, end: str | None) -> dict[str, str] | None:
    """An OCDS period of the dates present; None when neither is."""
    dates = {key: value for key, value in (("startDate", start), ("endDate", end)) if value}
    return dates or None
