"""R040 golden test: one supplier's share of a buyer's awarded value in a budget year."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.market_releases import awarded_release


def test_buyer_concentration(backend: Backend, tmp_path: Path) -> None:
    sales = [
        # fail: B1 2018, S1 has 300 of 400 over five awards
        ("a1", "B1", "S1", 100, "2018"), ("a2", "B1", "S1", 100, "2018"),
        ("a3", "B1", "S1", 100, "2018"), ("a4", "B1", "S2", 50, "2018"),
        ("a5", "B1", "S3", 50, "2018"),
        # pass: B1 2019, five suppliers
        *((f"b{i}", "B1", f"S{i}", 100, "2019") for i in range(5)),
        # not applicable: B2 has only four awards
        *((f"c{i}", "B2", "S1", 100, "2018") for i in range(4)),
    ]  # fmt: skip
    releases = [
        awarded_release(ocid, buyer, supplier, amount, f"{year}-05-01T00:00:00Z", "open")
        for ocid, buyer, supplier, amount, year in sales
    ]
    findings = run_rule(backend, tmp_path, releases, "R040")
    assert [(f.subject_type, f.subject_id, f.value, f.evidence) for f in findings] == [
        ("buyer", "B1", 0.75, {
            "year": 2018, "supplier_org_id": "S1", "supplier_value": 300.0, "supplier_awards": 3,
            "buyer_value": 400.0, "buyer_awards": 5, "share": 0.75,
        }),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "In budget year 2018, supplier S1 received 75% of this buyer's awarded value (300.0 of "
        "400.0, 3 of 5 awards)."
    )
