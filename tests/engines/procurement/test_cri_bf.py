"""CRI-BF golden test: Benford MAD of buyers' first digits, in deciles over processes."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import release, with_award, with_buyer
from tests.engines.procurement.helpers import run_rule_result

MAD_ALL_ONES = 0.155326668  # digits 1,1,1,1: (|1 - log10 2| + Σ_{d≥2} log10(1+1/d)) / 9


def _contract(ocid: str, buyer: str, amount: float) -> dict[str, object]:
    return with_award(with_buyer(release(ocid), buyer), "S", amount=amount)


def test_benford(backend: Backend, tmp_path: Path) -> None:
    amounts = {"A": [100.0, 200.0, 300.0, 400.0], "B": [100.0, 110.0, 120.0, 130.0],
               "C": [500.0, 600.0]}  # fmt: skip
    releases = [
        _contract(f"{buyer}{i}", buyer, amount)
        for buyer, values in amounts.items()
        for i, amount in enumerate(values)
    ]
    result = run_rule_result(backend, tmp_path, releases, "CRI-BF", {"min_contracts": 3})
    assert sorted(f.subject_id for f in result.findings) == ["B0", "B1", "B2", "B3"]
    evidence = result.findings[0].evidence
    keys = ("mad", "buyer_org_id", "buyer_contracts", "decile", "risk")
    assert {k: evidence[k] for k in keys} == {
        "mad": MAD_ALL_ONES, "buyer_org_id": "B", "buyer_contracts": 4, "decile": 6, "risk": 0.5,
    }  # fmt: skip
    assert result.meta["test"]["CRI-BF"]["decile_edges"][:5] == [
        0.078235554,
        0.078235554,
        0.078235554,
        0.078235554,
        0.116781111,
    ]
