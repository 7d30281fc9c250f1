"""Typed reads of raw fields, tolerant of the API's quirks and precise about what is wrong.

OWS returns numbers as JSON numbers or as strings (`"185000000.00"`), flags as 0/1, empty strings
and nulls for missing values. Anything else is a `FieldError` naming the field, so the record is
rejected with its entity, id and field and the rest of the conversion goes on.
"""

from __future__ import annotations

import math
from typing import Any


class FieldError(ValueError):
    """A raw field that cannot be read: `field` is its (snake_case) name."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def number(record: dict[str, Any], field: str) -> float | None:
    """A finite number from a JSON number or a numeric string; None when missing."""
    value = record.get(field)
    if _missing(value):
        return None
    if isinstance(value, bool):
        raise FieldError(field, f"a flag where a number belongs: {value!r}")
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        try:
            result = float(value.strip().replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            raise FieldError(field, f"not a number: {value!r}") from None
    else:
        raise FieldError(field, f"not a number: {value!r}")
    if not math.isfinite(result):
        raise FieldError(field, f"not a finite number: {value!r}")
    return result


def integer(record: dict[str, Any], field: str) -> int | None:
    """A whole number (ids, dictionary codes); None when missing."""
    result = number(record, field)
    if result is None:
        return None
    if not result.is_integer():
        raise FieldError(field, f"not a whole number: {record.get(field)!r}")
    return int(result)


def required_id(record: dict[str, Any], field: str = "id") -> int:
    """The record's id, which every record must have."""
    result = integer(record, field)
    if result is None:
        raise FieldError(field, "missing")
    return result


def text(record: dict[str, Any], field: str) -> str | None:
    """A stripped string (a number is written as digits); None when missing."""
    value = record.get(field)
    if _missing(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(field, f"not text: {value!r}")
    return str(value).strip()


def flag(record: dict[str, Any], field: str) -> bool | None:
    """A 0/1 (or true/false) flag; None when missing."""
    value = record.get(field)
    if _missing(value):
        return None
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1"):
        return str(value) == "1"
    raise FieldError(field, f"not a 0/1 flag: {value!r}")


def id_list(record: dict[str, Any], field: str) -> list[int]:
    """A list of ids (`point_list`, `fin_year`); a missing list is empty."""
    value = record.get(field)
    if _missing(value):
        return []
    if not isinstance(value, list):
        raise FieldError(field, f"not a list: {value!r}")
    return [required_id({field: item}, field) for item in value]


def objects(record: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """Nested objects (`app_lots`, `plans_kato`); one object is a list of one, null none."""
    value = record.get(field)
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return value
    raise FieldError(field, f"not an object or a list of objects: {value!r}")


def present(mapping: dict[str, Any]) -> dict[str, Any]:
    """The entries whose value is not None: OCDS omits a field rather than write it as null."""
    return {key: value for key, value in mapping.items() if value is not None}
