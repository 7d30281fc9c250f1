"""The latest row per key of an append-only history as of a moment: what makes every figure of
the case store reproducible for a past day (recommendation statuses, report statuses)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Subquery, func, select
from sqlalchemy.orm import InstrumentedAttribute

Column = ColumnElement[Any] | InstrumentedAttribute[Any]


def latest(
    key: Column, columns: list[Column], order_by: list[Column], where: ColumnElement[bool]
) -> Subquery:
    """A subquery of `key` and `columns` for the rows matching `where`, with `rank` = 1 on the
    newest row per key by `order_by` (descending); join it on `rank == 1`."""
    ranked = func.row_number().over(partition_by=key, order_by=[col.desc() for col in order_by])
    return select(key, *columns, ranked.label("rank")).where(where).subquery()
