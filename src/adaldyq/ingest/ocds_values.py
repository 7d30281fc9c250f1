"""Lenient readers of OCDS values that note what they had to ignore.

Real publishers send ids as numbers, amounts as strings, objects where arrays belong. A reader
returns the value it could make sense of, or None, and notes a problem for the issues report,
so nothing is dropped without a trace.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any


class Problems:
    """Field-level problems of one record: (JSON path, reason)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def note(self, path: str, reason: str) -> None:
        self.items.append((path, reason))


def obj(value: Any, path: str, problems: Problems) -> dict[str, Any]:
    """An object, or {} (noting a problem unless the value was simply absent)."""
    if isinstance(value, dict):
        return value
    if value is not None:
        problems.note(path, f"expected an object, found {type(value).__name__}")
    return {}


def array(value: Any, path: str, problems: Problems) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, object) for each object in an array; other entries are noted and skipped."""
    if value is None:
        return
    if not isinstance(value, list):
        problems.note(path, f"expected an array, found {type(value).__name__}")
        return
    for index, entry in enumerate(value):
        if isinstance(entry, dict):
            yield index, entry
        elif entry is not None:
            problems.note(f"{path}[{index}]", f"expected an object, found {type(entry).__name__}")


def text(value: Any) -> str | None:
    """A string; numbers (used as ids by some publishers) become their decimal text."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return None


def number(value: Any, path: str, problems: Problems) -> float | None:
    """A number; a numeric string is accepted with a note, anything else noted and dropped."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = float(value.replace(",", "").strip())
        except ValueError:
            problems.note(path, f"not a number: {value!r}")
            return None
        problems.note(path, "number given as a string")
        return parsed
    problems.note(path, f"expected a number, found {type(value).__name__}")
    return None


def integer(value: Any) -> int | None:
    """A JSON integer only (Cardinal reads numberOfTenderers with as_u64: 1.0 does not count)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def timestamp(value: Any, path: str, problems: Problems) -> tuple[datetime | None, bool]:
    """(UTC datetime, had a time zone). Dates without a zone are read as UTC; bad ones noted."""
    if value is None or value == "":
        return None, False
    if not isinstance(value, str):
        problems.note(path, f"expected a date string, found {type(value).__name__}")
        return None, False
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        problems.note(path, f"not an ISO 8601 date: {value!r}")
        return None, False
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC), False
    return parsed.astimezone(UTC), True
