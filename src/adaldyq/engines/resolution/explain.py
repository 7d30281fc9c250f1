"""Why a pair was linked, in words: each comparison's level and its weight of evidence.

Splink scores a pair by adding, for each comparison, the match weight (log2 Bayes factor) of the
level the pair falls in (`mw_<name>` columns, with the level number in `gamma_<name>`). Without
term-frequency adjustments a level always has the same weight, so the text is made once per
distinct combination of levels (a few hundred in a million links) and joined back, not per link.

The text lists the comparisons from the strongest evidence to the weakest, with the signed weight
in bits: "surname and given name exact (+14.2), birth date exact (+11.9), patronymic omitted on
one side (0.0)". An analyst reads first what carried the link and what spoke against it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from adaldyq.engines.resolution.comparisons import Comparison


def _part(label: str, weight: float | None, frequency: float | None) -> tuple[float, str]:
    """`frequency` is the term-frequency part of the weight: negative for a common value."""
    total = (weight or 0.0) + (frequency or 0.0)
    shown = "0.0" if abs(total) < 0.05 else f"{total:+.1f}"
    if frequency and abs(frequency) >= 0.05:
        shown += (
            f", of which {frequency:+.1f} for how {'rare' if frequency > 0 else 'common'} it is"
        )
    return abs(total), f"{label} ({shown})"


def decided_by(
    comparisons: Sequence[Comparison], levels: dict[str, tuple[int, float, float | None]]
) -> str:
    """The text for one combination: `levels` maps a comparison to (gamma, match weight,
    term-frequency weight or None)."""
    parts = []
    for comparison in comparisons:
        gamma, weight, frequency = levels[comparison.name]
        parts.append(_part(comparison.labels_by_gamma()[gamma], weight, frequency))
    parts.sort(key=lambda part: -part[0])
    return ", ".join(text for _, text in parts)


def add_decided_by(scored: pa.Table, comparisons: Sequence[Comparison]) -> pa.Table:
    """`scored` (Splink's predictions with gamma_/mw_ columns) with a `decided_by` text column.

    A comparison that training could not estimate (no pair of the input agreed on the key of
    the rule that trains it) is left out of Splink's predictions, and so out of the text: it
    did not weigh."""
    comparisons = [c for c in comparisons if f"gamma_{c.name}" in scored.column_names]
    gammas = [f"gamma_{c.name}" for c in comparisons]
    factors = [f"mw_{c.name}" for c in comparisons]
    factors += [f"mw_tf_{c.name}" for c in comparisons if f"mw_tf_{c.name}" in scored.column_names]
    combos = scored.select(gammas + factors).group_by(gammas + factors).aggregate([])
    texts = [
        decided_by(
            comparisons,
            {
                c.name: (row[f"gamma_{c.name}"], row[f"mw_{c.name}"], row.get(f"mw_tf_{c.name}"))
                for c in comparisons
            },
        )
        for row in combos.to_pylist()
    ]
    combos = combos.append_column("decided_by", pa.array(texts, pa.string()))
    return scored.join(combos, gammas + factors, join_type="left outer")
