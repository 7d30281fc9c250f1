"""The exact step: records sharing a valid IIN (people) or BIN (companies) are one entity.

An identification number passed its check digit in `features` (and, for an IIN, agreed with the
record's birth date, which it encodes), so equality is taken as identity, with probability 1. A
register that reuses numbers, or a typo that keeps a valid check digit (about 1 in 10 single-digit
typos, `identifiers.py`), would make a wrong link here: the link says it came from the number, so
such a case is found by looking at links whose names contradict.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.resolution.linking import LINK_COLUMNS

_WHY = {
    "iin": "IIN exact (valid check digit; the birth date it encodes agrees with the records)",
    "bin": "BIN exact (valid check digit)",
}


def exact_links(
    left: pa.Table, right: pa.Table | None, column: str, sources: tuple[str, str]
) -> pa.Table:
    """Pairs with equal, valid `column` as `LINK_COLUMNS`; a dedupe (`right` None) pairs each
    record with every other of its number once, the smaller id on the left."""
    ours = _numbered(left, column)
    if right is None:
        theirs = ours
        right_source = sources[0]
    else:
        theirs = _numbered(right, column)
        right_source = sources[1]
    pairs = ours.join(theirs, column, right_suffix="_r", join_type="inner")
    if right is None:
        pairs = pairs.filter(pc.less(pairs["unique_id"], pairs["unique_id_r"]))
    rows = pairs.num_rows
    return pa.table(
        {
            "left_source": pa.repeat(sources[0], rows).cast(pa.string()),
            "left_id": pairs["unique_id"],
            "right_source": pa.repeat(right_source, rows).cast(pa.string()),
            "right_id": pairs["unique_id_r"],
            "match_probability": pa.repeat(1.0, rows),
            "match_weight": pa.repeat(float("inf"), rows),
            "method": pa.repeat(column, rows).cast(pa.string()),
            "decided_by": pa.repeat(_WHY[column], rows).cast(pa.string()),
        },
        schema=LINK_COLUMNS,
    )


def _numbered(table: pa.Table, column: str) -> pa.Table:
    kept = table.select(["unique_id", column])
    return kept.filter(pc.is_valid(kept[column]))
