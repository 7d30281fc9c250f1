"""R059 golden test: contract value above its award value by more than the share."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.value_releases import award, contract, release


def test_contract_above_award(backend: Backend, tmp_path: Path) -> None:
    releases = [
        release("raised", awards=[award("a", 100)],
                contracts=[contract("c", "a", 120, amendments=2)]),
        release("two-contracts", awards=[award("a", 100), award("b", 200)],
                contracts=[contract("c1", "a", 115), contract("c2", "b", 300)]),
        release("exactly-ten-percent", awards=[award("a", 100)],
                contracts=[contract("c", "a", 110)]),
        release("lower", awards=[award("a", 100)], contracts=[contract("c", "a", 80)]),
        release("unlinked", awards=[award("a", 100)], contracts=[contract("c", "zzz", 500)]),
        release("other-currency", awards=[award("a", 100)],
                contracts=[contract("c", "a", 500, currency="USD")]),
    ]  # fmt: skip
    findings = run_rule(backend, tmp_path, releases, "R059")
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("raised", 0.2, {
            "contract_id": "c", "award_id": "a", "award_value": 100.0, "contract_value": 120.0,
            "currency": "KZT", "increase_share": 0.2, "limit_share": 0.1, "amendments": 2,
            "matches": 1,
        }),
        ("two-contracts", 0.5, {
            "contract_id": "c2", "award_id": "b", "award_value": 200.0, "contract_value": 300.0,
            "currency": "KZT", "increase_share": 0.5, "limit_share": 0.1, "amendments": 0,
            "matches": 2,
        }),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "Contract c is worth 120.0 KZT, 0.2 more than its award a (100.0 KZT); the limit is 0.1. "
        "The contract has 2 amendment(s)."
    )
