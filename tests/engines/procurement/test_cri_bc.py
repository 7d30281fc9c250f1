"""CRI-BC golden test: a supplier's share of its buyer's yearly spending."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import release, with_award, with_buyer
from tests.engines.procurement.helpers import run_rule


def _contract(ocid: str, buyer: str, supplier: str, amount: float) -> dict[str, object]:
    rel = with_buyer(release(ocid, datePublished="2020-05-01T00:00:00Z"), buyer)
    return with_award(rel, supplier, amount=amount)


def test_spending_concentration(backend: Backend, tmp_path: Path) -> None:
    busy = [("a1", "S1", 100.0), ("a2", "S1", 100.0), ("a3", "S1", 100.0),
            ("a4", "S2", 50.0), ("a5", "S2", 50.0)]  # fmt: skip
    releases = [_contract(ocid, "B1", s, amount) for ocid, s, amount in busy]
    releases += [_contract(f"small{i}", "B2", "S1", 10.0) for i in range(4)]
    findings = run_rule(backend, tmp_path, releases, "CRI-BC")
    assert {f.subject_id: f.score for f in findings} == {
        "a1": 0.75, "a2": 0.75, "a3": 0.75, "a4": 0.25, "a5": 0.25,
    }  # fmt: skip
    assert findings[0].evidence == {
        "buyer_org_id": "B1", "year": 2020, "supplier_org_id": "S1", "supplier_spend": 300.0,
        "buyer_spend": 400.0, "buyer_contracts": 5, "risk": 0.75,
    }  # fmt: skip
