"""R057 golden test: a fixed group of co-bidders that takes turns winning."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.market_releases import bidding_release


def test_bid_rotation(backend: Backend, tmp_path: Path) -> None:
    releases = [
        # fail: P, Q and R meet six times and win two each
        *(bidding_release(f"r{i}", ["P", "Q", "R"], w) for i, w in enumerate("PQRPQR")),
        # not counted: another set of bidders; a winner from outside the set
        bidding_release("r-four", ["P", "Q", "R", "S"], "S"),
        bidding_release("r-outsider", ["P", "Q", "R"], "Z"),
        # pass: G wins four of six, more than ceil(6/3) + 1 = 3
        *(bidding_release(f"g{i}", ["G", "H", "I"], w) for i, w in enumerate("GGGGHI")),
        # pass: U always wins; X and Y meet only three times
        *(bidding_release(f"u{i}", ["U", "V"], "U") for i in range(4)),
        *(bidding_release(f"x{i}", ["X", "Y"], w) for i, w in enumerate("XYX")),
    ]
    findings = run_rule(backend, tmp_path, releases, "R057")
    ocids = [f"r{i}" for i in range(6)]
    winners = list("PQRPQR")
    assert [(f.subject_type, f.subject_id, f.value, f.evidence) for f in findings] == [
        ("supplier", member, 2.0, {
            "partners": [p for p in "PQR" if p != member], "processes": 6, "wins": 2,
            "max_wins": 3, "ocids": ocids, "winners": winners,
        })
        for member in "PQR"
    ]  # fmt: skip
    assert findings[0].explanation == (
        "This supplier and ['Q', 'R'] met in 6 processes and took turns winning: this supplier "
        "won 2, no member more than 3."
    )


def test_two_firms_may_win_unevenly(backend: Backend, tmp_path: Path) -> None:
    """Two firms may win up to ceil(n/2) + 1 each: four of five still counts as rotation."""
    rotating = [bidding_release(f"k{i}", ["K", "L"], w) for i, w in enumerate("KKKKL")]
    assert [f.subject_id for f in run_rule(backend, tmp_path, rotating, "R057")] == ["K", "L"]
