"""R025 golden test: not applicable / pass / fail, with the exact evidence, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.engines.procurement.bid_releases import award, bid, release
from tests.engines.procurement.helpers import run_rule, run_rule_result

# P bids in 5 counted processes and wins 1; A..D each bid in 1 and win it; Z wins the 2 processes
# where P's bid does not count. Processes 1,1,1,1,2,5: 75th percentile (type 8, h = 5 + 1/12)
# = 2 + 1/12 * 3; ratios 0.2,1,1,1,1,1: Q1 (h = 1 + 11/12) = 0.2 + 11/12 * 0.8, Q3 = 1.
MINIMUM = 2 + 3 / 12
Q1 = 0.2 + 11 / 12 * 0.8
FENCE = Q1 - 1.5 * (1 - Q1)

RELEASES = [
    *(release(f"won-by-{w}", [bid("P"), bid("P"), bid(w)], [award(w)]) for w in "ABCD"),
    release("won-by-P", [bid("P"), bid("L", status="disqualified")], [award("P")]),
    # not counted at all: an award still pending, two active awards
    release("pending", [bid("P"), bid("Y")], [award("Y"), award("P", status="pending")]),
    release("two-awards", [bid("P"), bid("Y")], [award("Y"), award("P")]),
    # P's bid is not counted: with a partner, invited only
    release("consortium", [bid("P", "Y"), bid("Z")], [award("Z")]),
    release("invited", [bid("P", status="invited"), bid("Z")], [award("Z")]),
]


def test_excessive_unsuccessful_bids(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(backend, tmp_path, RELEASES, "R025")
    assert [(f.subject_type, f.subject_id, f.ocid, f.value, f.evidence) for f in findings] == [
        (
            "supplier", "P", None, 0.2,
            {
                "processes": 5,
                "wins": 1,
                "ratio": 0.2,
                "minimum_processes": pytest.approx(MINIMUM, abs=1e-9),
                "percentile": 75,
                "lower_fence": pytest.approx(FENCE, abs=1e-9),
            },
        )
    ]  # fmt: skip
    assert findings[0].explanation.startswith(
        "This tenderer won 1 of the 5 processes it bid in (ratio 0.2)"
    )


def test_percentile_and_threshold_settings(backend: Backend, tmp_path: Path) -> None:
    # percentile 100 asks for 5 processes (only P); threshold 1 lets every ratio through
    result = run_rule_result(
        backend, tmp_path, RELEASES, "R025", {"percentile": 100, "threshold": 1.0}
    )
    assert [(f.subject_id, f.value) for f in result.findings] == [("P", 0.2)]
    assert result.meta["test"]["R025"] == {
        "percentile": 100, "minimum_processes": 5.0, "lower_fence": 1.0
    }  # fmt: skip


def test_percentile_zero_admits_every_tenderer(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(
        backend, tmp_path, RELEASES, "R025", {"percentile": 0, "threshold": 1.0}
    )
    assert sorted(f.subject_id for f in result.findings) == ["A", "B", "C", "D", "P", "Z"]
