"""R024 golden test: not applicable / pass / fail, with the exact evidence, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.engines.procurement.bid_releases import award, bid, priced, release
from tests.engines.procurement.helpers import run_rule, run_rule_result

# ratios 0.01 and 4 x 0.5: Q1 = 0.01 + 2/3 * 0.49, Q3 = 0.5, lower fence = Q1 - 1.5 * (Q3 - Q1)
Q1 = 0.01 + 2 / 3 * 0.49
FENCE = Q1 - 1.5 * (0.5 - Q1)

RELEASES = [
    release(
        "close",
        [
            bid("W", amount=105),
            bid("W", amount=100),  # the winner's lowest bid counts
            bid("A", amount=101),  # the first of the tied runners-up
            bid("B", amount=101),
            bid("C", "D", amount=100.5),  # a consortium's bid is not compared
            bid("E", amount=100.2, status="disqualified"),
            bid("F", amount=100.2, currency="EUR"),
        ],
        [award("W"), award("X", status="cancelled")],
    )
    # an identified party: tenderers are reported by org id
    | {"parties": [{"id": "W", "identifier": {"scheme": "KZ-BIN", "id": "001"}}]},
    *(priced(f"far-{n}", 100, 150) for n in range(4)),
    priced("pending-award", 100, 101) | {"awards": [award("W"), award("X", status="pending")]},
    priced("two-active-awards", 100, 101) | {"awards": [award("W"), award("L")]},
    priced("lowest-lost", 101, 100),
    priced("no-price-comparison", 100, 101, procurementMethodDetails="NPC"),
]


def test_price_close_to_winning_bid(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(
        backend, tmp_path, RELEASES, "R024", no_price_comparison_procurement_methods=["NPC"]
    )
    evidence = {
        "ocid": "close",
        "winner": "KZ-BIN-001",
        "winner_amount": 100.0,
        "runner_up": "A",
        "runner_up_amount": 101.0,
        "currency": "USD",
        "ratio": pytest.approx(0.01, abs=1e-9),
        "lower_fence": pytest.approx(FENCE, abs=1e-9),
    }
    assert [(f.subject_type, f.subject_id, f.ocid, f.value, f.evidence) for f in findings] == [
        ("process", "close", "close", pytest.approx(0.01), evidence),
        ("supplier", "A", "close", 0.0, evidence),
        ("supplier", "KZ-BIN-001", "close", 0.0, evidence),
    ]
    assert findings[0].explanation == (
        "The lowest losing bid (101.0 USD by A) exceeds the winning bid (100.0 USD by KZ-BIN-001) "
        "by only 0.01 of it, at or below the lower fence 0.091666667."
    )


def test_threshold_replaces_the_fence(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(backend, tmp_path, RELEASES, "R024", {"threshold": 0.5})
    flagged = sorted(f.subject_id for f in result.findings if f.subject_type == "process")
    # without the NPC setting, the no-price-comparison process (ratio 0.01) is compared too
    assert flagged == ["close", "far-0", "far-1", "far-2", "far-3", "no-price-comparison"]
    assert result.meta["test"]["R024"] == {"lower_fence": 0.5, "currency": "USD"}


def test_nothing_is_flagged_when_most_ratios_are_zero(backend: Backend, tmp_path: Path) -> None:
    releases = [priced(f"tie-{n}", 100, 100) for n in range(3)] + [priced("far", 100, 200)]
    result = run_rule_result(backend, tmp_path, releases, "R024")
    assert result.findings == []
    # ratios 0, 0, 0, 1: Q1 = 0, Q3 = 7/12, so the guard Q1 > 0 (and fence > 0) fails
    assert result.meta["test"]["R024"] == {
        "q1": 0.0, "q3": pytest.approx(7 / 12), "lower_fence": pytest.approx(-7 / 8),
        "currency": "USD",
    }  # fmt: skip
