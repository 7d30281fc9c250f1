"""CRI golden test: the composite is the mean of the available components, missing ones left out."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import release, with_bids
from tests.engines.procurement.helpers import run_rule

MISSING = {"advertisement_period": None, "decision_period": None, "tax_haven": None,
           "spending_concentration": None, "benford": None}  # fmt: skip


def test_corruption_risk_index(backend: Backend, tmp_path: Path) -> None:
    releases = [
        with_bids(release("direct-single", "direct"), "T1"),
        with_bids(release("selective", "selective"), "T1", "T2"),
        with_bids(release("open-competitive", "open"), "T1", "T2"),
        release("nothing-known", None),
    ]
    findings = run_rule(backend, tmp_path, releases, "CRI")
    assert [(f.subject_id, f.score, f.evidence) for f in findings] == [
        ("direct-single", 1.0, {
            "single_bidding": 1.0, "procedure_type": 1.0, "no_call_for_tender": 1.0, **MISSING,
            "components": 3, "cri": 1.0, "integrity_score": 0.0,
        }),
        ("selective", 0.166666667, {
            "single_bidding": 0.0, "procedure_type": 0.5, "no_call_for_tender": 0.0, **MISSING,
            "components": 3, "cri": 0.166666667, "integrity_score": 83.333333333,
        }),
    ]  # fmt: skip
    assert findings[1].explanation == (
        "Corruption Risk Index 0.166666667 (integrity score 83.333333333 of 100) from 3 available "
        "risk components."
    )


def test_chosen_components_only(backend: Backend, tmp_path: Path) -> None:
    releases = [with_bids(release("direct-two-bids", "direct"), "T1", "T2")]
    findings = run_rule(backend, tmp_path, releases, "CRI", {"components": ["CRI-SB", "CRI-PT"]})
    assert [(f.subject_id, f.evidence) for f in findings] == [
        ("direct-two-bids", {"single_bidding": 0.0, "procedure_type": 1.0, "components": 2,
                             "cri": 0.5, "integrity_score": 50.0}),
    ]  # fmt: skip
