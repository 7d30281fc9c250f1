"""R011 golden test: one buyer buys one item class in pieces below the threshold."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.market_releases import Release, awarded_release

T2018 = 240_500.0  # 100 MCI of 2,405 KZT


def test_split_purchases_by_class(backend: Backend, tmp_path: Path) -> None:
    def piece(
        ocid: str, supplier: str, amount: float, cpv: str | None, buyer: str = "B1"
    ) -> Release:
        return awarded_release(ocid, buyer, supplier, amount, "2018-05-01T00:00:00Z",
                               classification=cpv, category="works")  # fmt: skip

    releases = [
        # fail: one class (CPV 3314) bought from three suppliers, together above the threshold
        piece("med-1", "S1", 100_000, "33141100"),
        piece("med-2", "S2", 100_000, "33141200"),
        piece("med-3", "S3", 100_000, "33149000"),
        # fail: no items, so the class is the main procurement category; just below in total
        piece("works-1", "S1", 110_000, None),
        piece("works-2", "S2", 110_000, None),
        # pass: another class, small in total; another buyer's piece of the same class
        piece("food-1", "S1", 50_000, "15810000"),
        piece("food-2", "S1", 50_000, "15811000"),
        piece("other-buyer", "S1", 100_000, "33141100", buyer="B2"),
    ]
    findings = run_rule(backend, tmp_path, releases, "R011")
    assert [(f.subject_type, f.subject_id, f.evidence) for f in findings] == [
        ("buyer", "B1", {
            "buyer_org_id": "B1", "item_class": "CPV:3314", "budget_year": 2018,
            "threshold": T2018, "awards": 3, "total_value": 300_000.0,
            "total_above_threshold": True, "just_below_awards": 0, "margin_percent": 10.0,
            "ocids": ["med-1", "med-2", "med-3"],
        }),
        ("buyer", "B1", {
            "buyer_org_id": "B1", "item_class": "category:works", "budget_year": 2018,
            "threshold": T2018, "awards": 2, "total_value": 220_000.0,
            "total_above_threshold": False, "just_below_awards": 0, "margin_percent": 10.0,
            "ocids": ["works-1", "works-2"],
        }),
    ]  # fmt: skip
    assert findings[0].explanation.startswith(
        "This buyer made 3 non-competitive purchases of CPV:3314 in budget year 2018"
    )
