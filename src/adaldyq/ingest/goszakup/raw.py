"""The raw layout: one JSON Lines file per entity, one OWS record per line, as the API returns it.

REST records come in snake_case and GraphQL records in camelCase with nested objects named after
their types (`AppLots`, `PlansKato`); the two name the same fields one to one (GOSZAKUP.md §1.4),
so every key is turned to snake_case here and the converter reads one spelling.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

ENTITIES = (
    "trd_buy",
    "lots",
    "trd_app",
    "contract",
    "contract_units",
    "acts",
    "treasury_pay",
    "plans",
    "subject",
)
"""Entity files the converter reads (`<entity>.jsonl`), in the order they are reported."""

DICTIONARIES = ("ref_trade_methods",)
"""Reference dictionaries read when present (`/v3/refs/<name>`); built-in names otherwise."""

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


@dataclass(frozen=True)
class RawRecord:
    """One line of an entity file: the record with snake_case keys, or why it could not be read."""

    entity: str
    line: int
    data: dict[str, Any] | None
    error: str = ""

    @property
    def file(self) -> str:
        return f"{self.entity}.jsonl"


@functools.lru_cache(maxsize=4096)
def snake(name: str) -> str:
    """`supplierBinIin` -> `supplier_bin_iin`, `AppLots` -> `app_lots`; snake_case is kept."""
    return _CAMEL.sub(r"_\1", name).lower()


def snake_keys(value: Any) -> Any:
    """The value with every object key, at any depth, in snake_case."""
    if isinstance(value, dict):
        return {snake(str(key)): snake_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [snake_keys(item) for item in value]
    return value


def read_entity(raw_dir: Path, entity: str) -> Iterator[RawRecord]:
    """The records of `<raw_dir>/<entity>.jsonl`; a missing file has none, a bad line an error."""
    path = raw_dir / f"{entity}.jsonl"
    if not path.exists():
        return
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield RawRecord(entity, number, None, f"not JSON: {exc}")
                continue
            if not isinstance(data, dict):
                yield RawRecord(entity, number, None, "not a JSON object")
                continue
            yield RawRecord(entity, number, snake_keys(data))
