"""R036 golden test: not applicable / pass / fail, with the exact evidence, on both backends."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.bid_releases import award, bid, release
from tests.engines.procurement.helpers import run_rule

RELEASES = [
    release(
        "F",
        [
            bid("I", amount=10, status="invited"),
            bid("X", amount=50, currency="EUR"),
            bid("D", amount=90, status="disqualified", bid_id="b-d"),
            bid("V", amount=100),
            bid("P", amount=95, status="pending"),
        ],
        [award("V"), award("P", status="pending")],
    ),
    release(
        "tie-disqualified-first",
        [bid("D", amount=90, status="disqualified"), bid("V", amount=90)],
        [award("V")],
    ),
    release(
        "tie-valid-first",
        [bid("V", amount=90), bid("D", amount=90, status="disqualified")],
        [award("V")],
    ),
    release(
        "valid-lowest",
        [bid("V", amount=80), bid("D", amount=90, status="disqualified")],
        [award("V")],
    ),
    release(
        "no-valid-amount",
        [bid("D", amount=90, status="disqualified"), bid("V")],
        [award("V")],
    ),
    release(
        "no-active-award",
        [bid("D", amount=90, status="disqualified"), bid("V", amount=100)],
        [award("V", status="pending")],
    ),
    release(
        "no-price-comparison",
        [bid("D", amount=90, status="disqualified"), bid("V", amount=100)],
        [award("V")],
        procurementMethodDetails="NPC",
    ),
]


def test_lowest_bid_disqualified(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(
        backend, tmp_path, RELEASES, "R036",
        currency="USD", no_price_comparison_procurement_methods=["NPC"],
    )  # fmt: skip
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        (
            "F", 1.0,
            {
                "lowest_bid_index": 2,
                "lowest_bid_id": "b-d",
                "lowest_bid_amount": 90.0,
                "lowest_valid_bid_amount": 100.0,
                "currency": "USD",
            },
        ),
        (
            "tie-disqualified-first", 1.0,
            {
                "lowest_bid_index": 0,
                "lowest_bid_id": None,
                "lowest_bid_amount": 90.0,
                "lowest_valid_bid_amount": 90.0,
                "currency": "USD",
            },
        ),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "The lowest bid (90.0 USD) was disqualified, while a valid bid of 100.0 USD remained."
    )
