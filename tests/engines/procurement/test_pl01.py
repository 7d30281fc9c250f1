"""PL01 golden test: planned unit prices against a reference list and the class's prices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.store.backend import Backend
from tests.engines.procurement.csv_helpers import run_with_forms, write_csv

PAPER = {"scheme": "KZ-ENSTRU", "id": "171912.100"}
TONER = {"scheme": "KZ-ENSTRU", "id": "202020.300"}


def _item(index: int, cls: dict[str, str], price: float, unit: str = "pack") -> dict[str, Any]:
    return {
        "id": f"i{index}",
        "classification": cls,
        "quantity": 1,
        "unit": {"name": unit, "value": {"amount": price, "currency": "KZT"}},
    }


def _bought(ocid: str, cls: dict[str, str], prices: list[float]) -> dict[str, Any]:
    """An awarded process whose contract items set the class's price history."""
    items = [_item(i, cls, p) for i, p in enumerate(prices)]
    return {
        "ocid": ocid,
        "buyer": {"id": "b9", "name": "Past buyer"},
        "tender": {"items": [_item(0, cls, 999.0)]},
        "awards": [{"id": "a1", "status": "active"}],
        "contracts": [{"id": "c1", "awardID": "a1", "status": "active", "items": items}],
    }


def _plan(plan_id: str, buyer: str, cls: dict[str, str], price: float) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "buyer_id": buyer,
        "buyer_name": "",
        "year": 2023,
        "classification_scheme": cls["scheme"],
        "classification_id": cls["id"],
        "description": "",
        "quantity": 10,
        "unit": "Pack ",
        "unit_price": price,
        "currency": "KZT",
    }


def _evidence(plan_id: str, cls: dict[str, str], price: float, **extra: Any) -> dict[str, Any]:
    base = {
        "plan_id": plan_id,
        "source": "plan",
        "buyer_id": "B1",
        "year": 2023,
        "classification_scheme": cls["scheme"],
        "classification_id": cls["id"],
        "unit": "Pack",
        "currency": "KZT",
        "quantity": 10.0,
        "unit_price": price,
        "reference_price": None,
        "reference_source": None,
        "reference_limit": None,
        "history_count": None,
        "q1": None,
        "q3": None,
        "upper_fence": None,
    }
    return {**base, **extra}


def test_planned_unit_price(backend: Backend, tmp_path: Path) -> None:
    reference = write_csv(
        tmp_path / "reference.csv",
        [
            {
                "classification_scheme": PAPER["scheme"],
                "classification_id": PAPER["id"],
                "unit": "PACK",
                "currency": "KZT",
                "price": 120,
                "source": "price list 2023",
            }
        ],
    )
    releases = [
        _bought("paper-history", PAPER, [90, 95, 100, 105, 110]),
        _bought("toner-history", TONER, [10, 11, 12, 13, 14]),
        {  # not yet awarded: its tender item is a planned line (buyer without identifier)
            "ocid": "open-toner",
            "buyer": {"id": "b3", "name": "Open buyer"},
            "tender": {"items": [_item(0, TONER, 60.0, unit="pack")]},
        },
        {  # the same plan point as CSV line plan-paper-ok: left out, not counted twice
            "ocid": "open-paper",
            "buyer": {"id": "b3", "name": "Open buyer"},
            "tender": {"items": [{**_item(0, PAPER, 500.0), "id": "plan-paper-ok"}]},
        },
    ]
    plans = [
        _plan("plan-paper-ok", "B1", PAPER, 100),  # pass: below reference and fence
        _plan("plan-paper-ref", "B1", PAPER, 125),  # fail: above the reference, below fence
        _plan("plan-toner-fence", "B1", TONER, 50),  # fail: above the fence, no reference
        {**_plan("plan-chair", "B1", PAPER, 900), "classification_id": "310011"},  # n/a
    ]
    params = {"reference_prices": str(reference)}
    findings = run_with_forms(backend, tmp_path, releases, "PL01", params, plans=plans)
    got = {f.subject_id: (f.value, f.evidence, f.ocid) for f in findings}
    paper_stats = {
        "history_count": 5,
        "q1": 93.333333333,
        "q3": 106.666666667,
        "upper_fence": 126.666666667,
    }
    assert got == {
        "open-toner/tender/0": (
            round(60 / 26.125, 9),
            {
                **_evidence("open-toner/tender/0", TONER, 60.0, source="ocds", unit="pack"),
                "buyer_id": "b3",
                "year": None,
                "quantity": 1.0,
                # other buyers' plan line 50 joins the five contract prices
                "history_count": 6,
                "q1": 10.916666667,
                "q3": 17.0,
                "upper_fence": 26.125,
                "exceeds": "upper fence of 6 comparable prices 26.12",
            },
            "open-toner",
        ),
        "plan-paper-ref": (
            round(125 / 120, 9),
            _evidence(
                "plan-paper-ref",
                PAPER,
                125.0,
                reference_price=120.0,
                reference_source="price list 2023",
                reference_limit=120.0,
                exceeds="reference limit 120.0",
                **paper_stats,
            ),
            None,
        ),
        "plan-toner-fence": (
            round(50 / (17 + 5 / 6 + 1.5 * (17 + 5 / 6 - 10 - 11 / 12)), 9),
            _evidence(
                "plan-toner-fence",
                TONER,
                50.0,
                # the open tender's planned 60 (another buyer) joins the five contract prices
                history_count=6,
                q1=10.916666667,
                q3=17.833333333,
                upper_fence=28.208333333,
                exceeds="upper fence of 6 comparable prices 28.21",
            ),
            None,
        ),
    }
    assert findings[1].explanation == (
        "Plan line plan-paper-ref prices one Pack of KZ-ENSTRU 171912.100 at 125.0 KZT, "
        "above the reference limit 120.0."
    )
