"""PL02 golden test: a buyer's planned quantity against its own history and its peers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.store.backend import Backend
from tests.engines.procurement.csv_helpers import run_with_forms

PAPER = {"scheme": "KZ-ENSTRU", "id": "171912.100"}


def _plan(plan_id: str, buyer: str, year: int, quantity: float) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "buyer_id": buyer,
        "buyer_name": "",
        "year": year,
        "classification_scheme": PAPER["scheme"],
        "classification_id": PAPER["id"],
        "description": "",
        "quantity": quantity,
        "unit": "pack",
        "unit_price": 100,
        "currency": "KZT",
    }


def test_planned_quantity(backend: Backend, tmp_path: Path) -> None:
    bought_2022 = {  # B1's realised quantity in 2022, from a signed contract
        "ocid": "b1-2022",
        "buyer": {"id": "B1", "name": "Buyer one"},
        "awards": [{"id": "a1", "status": "active"}],
        "contracts": [
            {
                "id": "c1",
                "awardID": "a1",
                "dateSigned": "2022-03-01T00:00:00Z",
                "items": [
                    {"id": "1", "classification": PAPER, "quantity": 120, "unit": {"name": "Pack"}}
                ],
            }
        ],
    }
    plans = [
        _plan("b1-2021", "B1", 2021, 100),
        _plan("b1-2023a", "B1", 2023, 200),  # fail: 350 in 2023, over 2 x 120 and the peers
        _plan("b1-2023b", "B1", 2023, 150),
        _plan("b2-2022", "B2", 2022, 60),
        _plan("b2-2023", "B2", 2023, 110),  # pass: under 2 x 60
        _plan("b3-2022", "B3", 2022, 50),
        _plan("b3-2023", "B3", 2023, 120),  # pass: over 2 x 50 but within the peers' fence
        _plan("b4-2023", "B4", 2023, 130),  # not applicable: no history
        _plan("b5-2023", "B5", 2023, 140),
        _plan("b6-2023", "B6", 2023, 100),
    ]
    findings = run_with_forms(backend, tmp_path, [bought_2022], "PL02", plans=plans)
    common = {
        "source": "plan",
        "buyer_id": "B1",
        "year": 2023,
        "classification_scheme": PAPER["scheme"],
        "classification_id": PAPER["id"],
        "unit": "pack",
        "year_quantity": 350.0,
        "history_max": 120.0,
        "history_factor": 2.0,
        "history": {"2021": 100.0, "2022": 120.0},
        # the other five buyers' 2023 totals: 100, 110, 120, 130, 140
        "peer_count": 5,
        "peer_q1": 106.666666667,
        "peer_q3": 133.333333333,
        "peer_upper_fence": 173.333333333,
    }
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("b1-2023a", round(350 / 120, 9), {**common, "plan_id": "b1-2023a", "quantity": 200.0}),
        ("b1-2023b", round(350 / 120, 9), {**common, "plan_id": "b1-2023b", "quantity": 150.0}),
    ]
    assert findings[0].explanation == (
        "Buyer B1 plans 350.0 pack of KZ-ENSTRU 171912.100 in 2023, more than 2.0 times its "
        "largest earlier year (120.0)."
    )
