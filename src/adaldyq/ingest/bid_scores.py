"""The bid-score CSV form: how each bid was evaluated, for the rating-point check (RP01).

OCDS 1.1 has no standard place for bid scores, so Adaldyq reads them from one documented form,
one line per bid and criterion (docs/inputs/bid-scores.md). It takes both evaluation methods:

- **conditional discount** (Kazakhstan's rating-point competition, goszakup method 188: each
  criterion gives the bid a discount in percent, `AppLots.discountValue`, and the lowest
  conditional price `price * (1 - sum(discount) / 100)` wins). Columns: `criterion`, `discount`,
  and the bid's `price`. A criterion with negative points (contracts in execution) is a negative
  discount.
- **weighted score** (criteria with weights, the highest total `sum(weight * score)` wins; an empty
  weight counts 1). Columns: `criterion`, `score`, `weight`. Price, when scored, is one of the
  criteria; the `price` column is then only shown.

Columns: ocid, tenderer_id, criterion, price; optional: lot_id, bid_id, tenderer_name, currency,
weight, score, discount. `tenderer_id` is compared with the awarded supplier's `scheme-id`
(e.g. KZ-BIN-...) or party id. Lines are checked against the ones before: one method per lot, one
price per bid, one line per bid and criterion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.ingest.csv_forms import (
    BadLine,
    Column,
    Line,
    currency,
    ingest_form,
    non_negative,
    number,
    text,
)
from adaldyq.ingest.report import IngestReport
from adaldyq.store.catalog import Workspace

TABLE = "bid_scores"

SCORE_COLUMNS = (
    Column("ocid", text),
    Column("lot_id", text, required=False, optional=True),
    Column("bid_id", text, required=False, optional=True),
    Column("tenderer_id", text),
    Column("tenderer_name", text, required=False, optional=True),
    Column("price", non_negative, required=False),
    Column("currency", currency, required=False, optional=True),
    Column("criterion", text),
    Column("weight", non_negative, required=False, optional=True),
    Column("score", number, required=False, optional=True),
    Column("discount", number, required=False, optional=True),
)


class _Consistency:
    """Checks each line against the lines loaded before it in the same ingest."""

    def __init__(self) -> None:
        self._method: dict[tuple[object, ...], tuple[str, int | None]] = {}
        self._price: dict[tuple[object, ...], tuple[float, int | None]] = {}
        self._criteria: dict[tuple[object, ...], int | None] = {}

    def __call__(self, line: Line) -> BadLine | None:
        v, position = line.values, line.position
        reason = _own_problem(v)
        if reason is not None:
            return BadLine(position, reason[0], reason[1])
        lot = (v["ocid"], v.get("lot_id"))
        bid = (*lot, v["tenderer_id"])
        criterion = (*bid, v["criterion"])
        method = "discount" if v.get("discount") is not None else "score"
        first_method = self._method.get(lot, (method, position.line))
        if first_method[0] != method:
            return BadLine(
                position,
                method,
                f"mixed methods: lot evaluated by {first_method[0]} at line {first_method[1]}",
            )
        if criterion in self._criteria:
            where = f"line {self._criteria[criterion]}"
            return BadLine(
                position, "criterion", f"duplicate criterion: already given for this bid at {where}"
            )
        price = v.get("price")
        if price is not None:
            first_price = self._price.get(bid, (price, position.line))
            if first_price[0] != price:
                reason_text = f"price differs: {first_price[0]} at line {first_price[1]}"
                return BadLine(position, "price", reason_text)
            self._price[bid] = first_price
        self._method[lot] = first_method
        self._criteria[criterion] = position.line
        return None


def _own_problem(values: dict[str, Any]) -> tuple[str, str] | None:
    """What is wrong with a line on its own: the field and the reason, or None."""
    score, discount = values.get("score"), values.get("discount")
    if (score is None) == (discount is None):
        return "score", "score or discount: give exactly one of them"
    if discount is not None:
        if not -100 < discount < 100:
            return (
                "discount",
                f"discount out of range: a percentage between -100 and 100, got {discount}",
            )
        if values.get("price") is None:
            return "price", "required value is missing: a discount applies to the price"
        if values.get("weight") is not None:
            return "weight", "weight without score: a weight goes with a score, not a discount"
    return None


def ingest_bid_scores(
    workspace: Workspace, paths: list[Path] | list[str], dataset: str
) -> IngestReport:
    """Load bid-score CSV files into `bid_scores` of `dataset` (replacing its scores only)."""
    return ingest_form(
        workspace,
        [Path(p) for p in paths],
        dataset,
        TABLE,
        SCORE_COLUMNS,
        _Consistency(),
    )
