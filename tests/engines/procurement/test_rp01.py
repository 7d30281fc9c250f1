"""RP01 golden test: recompute the rating-point winner and compare with the award."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.store.backend import Backend
from tests.engines.procurement.csv_helpers import run_with_forms


def _process(ocid: str, awards: list[tuple[str, str, list[str]]]) -> dict[str, Any]:
    """A process with awards given as (supplier, status, related lots)."""
    return {
        "ocid": ocid,
        "tender": {"procurementMethodDetails": "rating-point competition"},
        "awards": [
            {"id": f"a{i}", "status": status, "relatedLots": lots, "suppliers": [{"id": who}]}
            for i, (who, status, lots) in enumerate(awards)
        ],
    }


def _discount(ocid: str, lot: str, who: str, price: float, **discounts: float) -> list[dict]:
    return [
        {"ocid": ocid, "lot_id": lot, "tenderer_id": who, "price": price, "criterion": name,
         "weight": "", "score": "", "discount": value}
        for name, value in discounts.items()
    ]  # fmt: skip


def _scored(ocid: str, who: str, **scores: tuple[float, float]) -> list[dict]:
    return [
        {"ocid": ocid, "lot_id": "", "tenderer_id": who, "price": "", "criterion": name,
         "weight": weight, "score": score, "discount": ""}
        for name, (weight, score) in scores.items()
    ]  # fmt: skip


def test_award_not_to_best_rating(backend: Backend, tmp_path: Path) -> None:
    releases = [
        # lot L1 awarded to T2 although T1's conditional price is lower; lot L2 awarded right
        _process("rp-fail", [("T2", "active", ["L1"]), ("T1", "active", ["L2"])]),
        _process("rp-pass", [("T1", "active", [])]),
        _process("rp-weighted", [("T1", "active", [])]),
        _process("rp-unscored", [("T9", "active", [])]),
        _process("rp-pending", [("T2", "pending", [])]),  # not applicable: no active award
        _process("rp-no-scores", [("T2", "active", [])]),  # not applicable: nothing to recompute
    ]
    scores = [
        *_discount("rp-fail", "L1", "T1", 1000, experience=5, taxes=3),
        *_discount("rp-fail", "L1", "T2", 950, experience=0),
        *_discount("rp-fail", "L2", "T1", 500, experience=1),
        *_discount("rp-fail", "L2", "T2", 500, experience=0),
        *_discount("rp-pass", "", "T1", 1000, experience=5),
        *_discount("rp-pass", "", "T2", 990, experience=0),
        *_scored("rp-weighted", "T1", price=(0.7, 80), quality=(0.3, 90)),
        *_scored("rp-weighted", "T2", price=(0.7, 100), quality=(0.3, 50)),
        *_discount("rp-unscored", "", "T1", 100, experience=0),
        *_discount("rp-pending", "", "T1", 100, experience=5),
    ]
    findings = run_with_forms(backend, tmp_path, releases, "RP01", scores=scores)
    got = [(f.subject_id, f.value, f.evidence) for f in findings]
    assert got == [
        (
            "rp-fail",
            round(950 / 920, 9),
            {
                "lot_id": "L1",
                "method": "conditional_price",
                "bids": [
                    {
                        "tenderer_id": "T1",
                        "price": 1000.0,
                        "discount": 8.0,
                        "conditional_price": 920.0,
                    },
                    {
                        "tenderer_id": "T2",
                        "price": 950.0,
                        "discount": 0.0,
                        "conditional_price": 950.0,
                    },
                ],
                "recomputed_winners": ["T1"],
                "actual_winners": ["T2"],
            },
        ),
        (
            "rp-unscored",
            None,
            {
                "lot_id": None,
                "method": "conditional_price",
                "bids": [
                    {
                        "tenderer_id": "T1",
                        "price": 100.0,
                        "discount": 0.0,
                        "conditional_price": 100.0,
                    },
                ],
                "recomputed_winners": ["T1"],
                "actual_winners": ["T9"],
            },
        ),
        (
            "rp-weighted",
            round(83 / 85, 9),
            {
                "lot_id": None,
                "method": "weighted_score",
                "bids": [
                    {"tenderer_id": "T2", "price": None, "weighted_score": 85.0},
                    {"tenderer_id": "T1", "price": None, "weighted_score": 83.0},
                ],
                "recomputed_winners": ["T2"],
                "actual_winners": ["T1"],
            },
        ),
    ]
    assert findings[0].explanation == (
        "Recomputed by conditional_price, the best bid of lot L1 is ['T1'], "
        "but the award went to ['T2']."
    )
