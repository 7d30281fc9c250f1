"""R028 golden test: not applicable / pass / fail, with the exact evidence, on both backends."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.bid_releases import bid, release
from tests.engines.procurement.helpers import run_rule

RELEASES = [
    release(
        "F",
        [
            bid("A", amount=100),
            bid("B", amount=100, status="disqualified"),
            bid("C", amount=70),
            bid("D", amount=70, status="pending"),
            bid("C", amount=70),
            bid("E", amount=300),
        ],
        [],
    ),
    release("same-tenderer", [bid("A", amount=5), bid("A", amount=5)], []),
    release("same-consortium", [bid("A", "Z", amount=5), bid("Z", "A", amount=5)], []),
    release("currencies", [bid("A", amount=5), bid("B", amount=5, currency="EUR")], []),
    release("invited", [bid("A", amount=5), bid("B", amount=5, status="invited")], []),
    release(
        "no-tenderer-id", [bid("A", amount=5), {"status": "valid", "value": {"amount": 5}}], []
    ),
    release(
        "no-price-comparison",
        [bid("A", amount=5), bid("B", amount=5)],
        [],
        procurementMethodDetails="NPC",
    ),
]


def test_identical_bid_prices(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(
        backend, tmp_path, RELEASES, "R028", no_price_comparison_procurement_methods=["NPC"]
    )
    evidence = {
        "ocid": "F",
        "tenderers": ["A", "B", "C", "D"],
        "identical_prices": [
            {"amount": 70.0, "currency": "USD", "tenderers": ["C", "D"]},
            {"amount": 100.0, "currency": "USD", "tenderers": ["A", "B"]},
        ],
    }
    assert [(f.subject_type, f.subject_id, f.ocid, f.value, f.evidence) for f in findings] == [
        ("process", "F", "F", 1.0, evidence),
        *(("supplier", t, "F", 1.0, evidence) for t in "ABCD"),
    ]
    assert findings[0].explanation == (
        "Different tenderers (['A', 'B', 'C', 'D']) submitted bids with identical prices: "
        "[{'amount': 70.0, 'currency': 'USD', 'tenderers': ['C', 'D']}, "
        "{'amount': 100.0, 'currency': 'USD', 'tenderers': ['A', 'B']}]."
    )
