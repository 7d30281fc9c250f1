"""Precision, recall and F1 of links against known true pairs (synthetic registers' truth).

Counted on pairs: a link is right when its (left id, right id) is a true pair. Measuring on
pairs, not clusters, is what the issue's target (F1 ≥ 0.97) and Splink's own accuracy tools use.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Quality:
    """Counts of right, wrong and missed links, and the ratios made of them."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        true = self.true_positives + self.false_negatives
        return self.true_positives / true if true else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def pair_quality(links: pa.Table, truth: pa.Table) -> Quality:
    """Compare `links` (`left_id`, `right_id`) with `truth` (the same columns)."""
    found = links.select(["left_id", "right_id"]).group_by(["left_id", "right_id"]).aggregate([])
    true = truth.select(["left_id", "right_id"]).group_by(["left_id", "right_id"]).aggregate([])
    hits = found.join(true, ["left_id", "right_id"], join_type="inner").num_rows
    return Quality(hits, found.num_rows - hits, true.num_rows - hits)
