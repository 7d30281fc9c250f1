"""R064 golden test: contracts with at least the configured number of amendments."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.value_releases import award, contract, release


def test_many_amendments(backend: Backend, tmp_path: Path) -> None:
    releases = [
        release("three", awards=[award("a", 1)], contracts=[contract("c", "a", 1, amendments=3)]),
        release("two", awards=[award("a", 1)], contracts=[contract("c", "a", 1, amendments=2)]),
        release("two-contracts", contracts=[
            contract("c1", "a", 1, amendments=4), contract("c2", "b", 1, amendments=5),
        ]),
        release("none", contracts=[contract("c", "a", 1)]),
    ]  # fmt: skip
    findings = run_rule(backend, tmp_path, releases, "R064")
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("three", 3.0, {"contract_id": "c", "amendments": 3, "minimum_amendments": 3,
                        "matches": 1}),
        ("two-contracts", 5.0, {"contract_id": "c2", "amendments": 5, "minimum_amendments": 3,
                                "matches": 2}),
    ]  # fmt: skip
    assert findings[0].explanation == "Contract c was amended 3 times (limit 3)."


def test_minimum_is_configurable(backend: Backend, tmp_path: Path) -> None:
    releases = [
        release("two", contracts=[contract("c", "a", 1, amendments=2)]),
        release("one", contracts=[contract("c", "a", 1, amendments=1)]),
    ]
    findings = run_rule(backend, tmp_path, releases, "R064", {"minimum_amendments": 2})
    assert [f.subject_id for f in findings] == ["two"]
