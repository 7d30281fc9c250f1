"""Two synthetic registers over one population, each with its own noise, and the true pairs.

What the person and company generators share: the first `size` entities go to the left register,
the last `size` to the right one, so `overlap` of each are in both; each register lists its
records in its own shuffled order with its own ids (``L0000042``, ``R0000007``); the truth pairs
the two ids of every shared entity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from random import Random
from typing import TypeVar

import pyarrow as pa

T = TypeVar("T")
Writer = Callable[[Random, T], dict[str, object]]
"""Writes one entity as one register's record (all columns but `record_id`)."""


@dataclass(frozen=True)
class Registers:
    """Two registers (`features.PERSON_INPUT` or `COMPANY_INPUT` columns) and the true pairs
    (`left_id`, `right_id`)."""

    left: pa.Table
    right: pa.Table
    truth: pa.Table


def _register(
    rng: Random, entities: Sequence[T], prefix: str, write: Writer[T], schema: pa.Schema
) -> tuple[pa.Table, list[str]]:
    """One register's records in a shuffled order; the ids in the order of `entities`."""
    order = list(range(len(entities)))
    rng.shuffle(order)
    ids = [""] * len(entities)
    rows = []
    for number, index in enumerate(order):
        ids[index] = f"{prefix}{number:07d}"
        rows.append({"record_id": ids[index]} | write(rng, entities[index]))
    return pa.Table.from_pylist(rows, schema=schema).sort_by("record_id"), ids


def register_pair(
    rng: Random,
    entities: Sequence[T],
    size: int,
    writers: tuple[Writer[T], Writer[T]],
    schema: pa.Schema,
) -> Registers:
    """`entities` (``2 * size - shared`` of them) written into a left and a right register."""
    shared = 2 * size - len(entities)
    left, left_ids = _register(rng, entities[:size], "L", writers[0], schema)
    right, right_ids = _register(rng, entities[size - shared :], "R", writers[1], schema)
    truth = pa.table({"left_id": left_ids[size - shared :], "right_id": right_ids[:shared]})
    return Registers(left, right, truth.sort_by("left_id"))
