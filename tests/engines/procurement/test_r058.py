"""R058 golden test: not applicable / pass / fail, with the exact evidence, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.engines.procurement.bid_releases import award, bid, priced, release
from tests.engines.procurement.helpers import run_rule, run_rule_result

# ratios 4 x 0.1 and 2.0: Q1 = 0.1, Q3 = 0.1 + 1/3 * 1.9, upper fence = Q3 + 1.5 * (Q3 - Q1)
Q3 = 0.1 + 1.9 / 3
FENCE = Q3 + 1.5 * (Q3 - 0.1)

RELEASES = [
    release(
        "discounted",
        [bid("W", amount=100), bid("L", amount=300), bid("M", amount=310)],
        [award("W")],
    ),
    *(priced(f"near-{n}", 100, 110) for n in range(4)),
    priced("pending-award", 100, 900) | {"awards": [award("W"), award("X", status="pending")]},
    priced("two-suppliers", 100, 900) | {"awards": [award("W", "X")]},
    release("consortium-winner", [bid("W", "X", amount=100), bid("L", amount=900)], [award("W")]),
    priced("no-price-comparison", 100, 900, procurementMethodDetails="NPC"),
]


def test_heavily_discounted_bid(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(
        backend, tmp_path, RELEASES, "R058", no_price_comparison_procurement_methods=["NPC"]
    )
    evidence = {
        "ocid": "discounted",
        "winner": "W",
        "winner_amount": 100.0,
        "runner_up": "L",
        "runner_up_amount": 300.0,
        "currency": "USD",
        "ratio": 2.0,
        "upper_fence": pytest.approx(FENCE, abs=1e-9),
    }
    assert [(f.subject_type, f.subject_id, f.ocid, f.value, f.evidence) for f in findings] == [
        ("process", "discounted", "discounted", 2.0, evidence),
        ("supplier", "W", "discounted", 0.0, evidence),
    ]
    assert findings[0].explanation.startswith(
        "The winning bid (100.0 USD by W) is so far below the next lowest bid (300.0 USD by L)"
    )


def test_threshold_replaces_the_fence(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(
        backend, tmp_path, RELEASES, "R058", {"threshold": 0.1},
        no_price_comparison_procurement_methods=["NPC"],
    )  # fmt: skip
    flagged = sorted(f.subject_id for f in result.findings if f.subject_type == "process")
    # inclusive: a ratio equal to the threshold is flagged
    assert flagged == ["discounted", "near-0", "near-1", "near-2", "near-3"]
    assert result.meta["test"]["R058"] == {"upper_fence": 0.1, "currency": "USD"}


def test_nothing_is_flagged_when_the_fence_is_zero(backend: Backend, tmp_path: Path) -> None:
    releases = [priced(f"tie-{n}", 100, 100) for n in range(4)]
    result = run_rule_result(backend, tmp_path, releases, "R058")
    assert result.findings == []
    assert result.meta["test"]["R058"] == {
        "q1": 0.0, "q3": 0.0, "upper_fence": 0.0, "currency": "USD"
    }  # fmt: skip
