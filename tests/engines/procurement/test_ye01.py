"""YE01 golden test: contracts signed in the last 15 days of the budget year (December).

Buyer-1 signs 2,000 KZT of contracts in 2020, 800 of them from 17 December on: share 0.4.
"""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.value_releases import contract, release


def _signed(ocid: str, signed: str, value: float, category: str | None) -> dict[str, object]:
    return release(ocid, category=category, contracts=[contract("c", "a", value, signed=signed)])


def test_year_end_contracts(backend: Backend, tmp_path: Path) -> None:
    releases = [
        _signed("works-dec-31", "2020-12-31T09:00:00Z", 600, "works"),
        _signed("goods-dec-17", "2020-12-17T00:00:00Z", 200, "goods"),
        _signed("dec-16", "2020-12-16T23:59:00Z", 200, "works"),
        _signed("june", "2020-06-01T00:00:00Z", 1000, "works"),
        _signed("previous-year", "2019-12-25T00:00:00Z", 100, None),
    ]
    findings = run_rule(backend, tmp_path, releases, "YE01")
    buyer_2020 = {"currency": "KZT", "buyer_org_id": "buyer-1", "window_days": 15,
                  "buyer_window_value": 800.0, "buyer_year_value": 2000.0,
                  "buyer_window_share": 0.4, "matches": 1, "contract_id": "c",
                  "budget_year": 2020, "budget_year_end": "2020-12-31"}  # fmt: skip
    assert [(f.subject_id, f.value, f.score, f.evidence) for f in findings] == [
        ("goods-dec-17", 14.0, 0.5, {
            **buyer_2020, "date_signed": "2020-12-17", "days_before_year_end": 14,
            "main_procurement_category": "goods", "contract_value": 200.0,
        }),
        ("previous-year", 6.0, 0.5, {
            **buyer_2020, "date_signed": "2019-12-25", "days_before_year_end": 6,
            "main_procurement_category": None, "contract_value": 100.0, "budget_year": 2019,
            "budget_year_end": "2019-12-31", "buyer_window_value": 100.0,
            "buyer_year_value": 100.0, "buyer_window_share": 1.0,
        }),
        ("works-dec-31", 0.0, 1.0, {
            **buyer_2020, "date_signed": "2020-12-31", "days_before_year_end": 0,
            "main_procurement_category": "works", "contract_value": 600.0,
        }),
    ]  # fmt: skip
    assert findings[2].explanation == (
        "Contract c (works) was signed on 2020-12-31, 0 days before the budget "
        "year ended on 2020-12-31. Its buyer signed 0.4 of its 2020 contract value in the last "
        "15 days."
    )
