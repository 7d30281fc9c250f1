"""CRI-SB golden test: single bidding counted from bids (per awarded lot) or numberOfTenderers."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import (
    evidence_by_subject,
    release,
    with_award,
    with_bids,
)
from tests.engines.procurement.helpers import run_rule


def test_single_bidding(backend: Backend, tmp_path: Path) -> None:
    lots = with_bids(release("lots", lots=[{"id": "L1"}, {"id": "L2"}]), "T1", "T2", "T3")
    for bid, lot in zip(lots["bids"]["details"], ["L1", "L2", "L2"], strict=True):
        bid["relatedLots"] = [lot]
    with_award(lots, "T1", lots=["L1"])
    with_award(lots, "T2", lots=["L2"])
    withdrawn = with_bids(with_bids(release("withdrawn"), "T1"), "T2", status="withdrawn")
    releases = [
        with_bids(release("one-bid"), "T1"),
        with_bids(release("two-bids"), "T1", "T2"),
        release("declared", numberOfTenderers=1),
        lots,
        withdrawn,
        release("no-data"),
    ]
    findings = run_rule(backend, tmp_path, releases, "CRI-SB")
    whole = {"units": 1, "single_bid_units": 1, "max_tenderers": 1, "lot_level": False}
    assert evidence_by_subject(findings) == {
        "declared": {**whole, "tenderer_source": "numberOfTenderers", "risk": 1.0},
        "lots": {
            "units": 2,
            "single_bid_units": 1,
            "max_tenderers": 2,
            "lot_level": True,
            "tenderer_source": "bids",
            "risk": 0.5,
        },
        "one-bid": {**whole, "tenderer_source": "bids", "risk": 1.0},
        "withdrawn": {**whole, "tenderer_source": "bids", "risk": 1.0},
    }
    assert {f.subject_id: f.score for f in findings}["lots"] == 0.5
    assert findings[1].explanation == (
        "1 of 2 assessed lot(s) or process received a single bid (tenderers from bids)."
    )
