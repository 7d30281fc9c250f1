"""R048 golden test: not applicable, pass and fail with the expected evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adaldyq.model.findings import SubjectType
from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule, run_rule_result


def _process(
    ocid: str, suppliers: list[str], codes: list[str], status: str = "active"
) -> dict[str, Any]:
    items = [{"classification": {"scheme": "CPV", "id": code}} for code in codes]
    award = {"status": status, "suppliers": [{"id": s} for s in suppliers], "items": items}
    return {"ocid": ocid, "awards": [award]}


RELEASES = [
    _process("h1", ["H"], ["10000000", "20000000"]),
    _process("h2", ["H"], ["30000000", "45000000", "10100000"]),
    *[_process(f"{s}-{n}", [s], ["10000000"]) for s in ("S1", "S2", "S3", "S4") for n in (1, 2)],
    # not applicable: one process only; several suppliers; an award not (yet) active
    _process("few", ["F"], ["10000000", "20000000", "30000000", "40000000", "50000000"]),
    *[_process(f"joint-{n}", ["J", "K"], ["10", "20", "30", "40", "50"]) for n in (1, 2)],
    *[_process(f"pending-{n}", ["P"], ["10", "20", "30", "40", "50"], "pending") for n in (1, 2)],
]


def test_heterogeneous_supplier(backend: Backend, tmp_path: Path) -> None:
    params = {"minimum_contracting_processes": 2}
    result = run_rule_result(backend, tmp_path, RELEASES, "R048", params)
    # varieties 1, 1, 1, 1, 4 -> Q1 1, Q3 2, upper fence 3.5
    found = [(f.subject_type, f.subject_id, f.value, f.ocid, f.evidence) for f in result.findings]
    assert found == [
        (SubjectType.SUPPLIER, "H", 4.0, None,
         {"variety": 4, "prefixes": ["10", "20", "30", "45"], "processes": 2, "digits": 2,
          "upper_fence": 3.5}),
    ]  # fmt: skip
    assert result.meta["test"]["R048"] == pytest.approx(
        {
            "digits": 2,
            "minimum_contracting_processes": 2,
            "threshold": None,
            "q1": 1.0,
            "q3": 2.0,
            "upper_fence": 3.5,
        }
    )
    assert result.findings[0].explanation == (
        "This supplier won items of 4 different classification groups (2-character prefixes) "
        "in 2 processes, at or above the upper fence of 3.5."
    )


def test_digits_and_threshold(backend: Backend, tmp_path: Path) -> None:
    """With one digit, H's 10 and 10.1 share a group; a threshold of 4 replaces the fence."""
    params = {"minimum_contracting_processes": 2, "digits": 1, "threshold": 4}
    findings = run_rule(backend, tmp_path, RELEASES, "R048", params)
    assert [
        (f.subject_id, f.evidence["prefixes"], f.evidence["upper_fence"]) for f in findings
    ] == [("H", ["1", "2", "3", "4"], 4.0)]


def test_default_minimum_of_twenty_processes(backend: Backend, tmp_path: Path) -> None:
    assert run_rule(backend, tmp_path, RELEASES, "R048") == []
