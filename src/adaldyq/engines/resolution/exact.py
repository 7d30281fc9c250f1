"""The exact step: records sharing a valid IIN (people) or BIN (companies) are one entity.

An identification number passed its check digit in `features`, so equality is taken as identity,
with probability 1. A register that reuses numbers, or a typo that keeps a valid check digit (about
1 in 10 single-digit typos, `identifiers.py`), would make a wrong link here, so the link's text
carries the cross-checks: whether the names' keys differ, and (for an IIN) whether a record's
written birth date differs from the one the IIN encodes.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.resolution.linking import LINK_COLUMNS

_WHY = {"iin": "IIN exact (valid check digit)", "bin": "BIN exact (valid check digit)"}
_NAME_KEY = {"iin": "surname", "bin": "name_key"}


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
            "decided_by": _cross_checks(pairs, column),
        },
        schema=LINK_COLUMNS,
    )


def _cross_checks(pairs: pa.Table, column: str) -> pa.ChunkedArray:
    """The reason, with what in the two records contradicts the number."""
    name = _NAME_KEY[column]
    text = pc.if_else(
        pc.fill_null(pc.not_equal(pairs[name], pairs[f"{name}_r"]), False),
        f"{_WHY[column]}; but the {'surnames' if column == 'iin' else 'names'} differ",
        _WHY[column],
    )
    if "iin_conflict" in pairs.column_names:
        conflict = pc.or_(pairs["iin_conflict"], pairs["iin_conflict_r"])
        written = "; a written birth date differs from the one the IIN encodes"
        text = pc.if_else(conflict, pc.binary_join_element_wise(text, written, ""), text)
    return text


def _numbered(table: pa.Table, column: str) -> pa.Table:
    checks = [c for c in (_NAME_KEY[column], "iin_conflict") if c in table.column_names]
    kept = table.select(["unique_id", column, *checks])
    return kept.filter(pc.is_valid(kept[column]))
