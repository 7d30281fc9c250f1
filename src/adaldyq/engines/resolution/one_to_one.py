"""Keep only mutual best links, for registers that hold each person or company once.

Two registers without internal duplicates can pair a record with at most one record of the other.
A namesake (same surname and given name, a birth date missing on one side) then loses to the true
record, which agrees on more: a link is kept only when it is the most probable link of both its
records. Ties are kept, so two equally good candidates stay visible rather than one being picked
at random. Do not use it on a register that may list one person twice: it would drop true links.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def _best_of(links: pa.Table, side: str) -> pa.Table:
    best = links.group_by(side).aggregate([("match_probability", "max")])
    joined = links.join(best, side, join_type="inner")
    kept = joined.filter(pc.equal(joined["match_probability"], joined["match_probability_max"]))
    return kept.drop_columns(["match_probability_max"])


def mutual_best_links(links: pa.Table) -> pa.Table:
    """`links` reduced to those that are the most probable of both their left and right record."""
    kept = _best_of(_best_of(links, "left_id"), "right_id")
    return kept.select(links.column_names)
