"""R018 golden test: not applicable, pass and fail with the expected evidence."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule


def _process(ocid: str, tenderers: object, method: str = "open") -> dict[str, object]:
    return {"ocid": ocid, "tender": {"numberOfTenderers": tenderers, "procurementMethod": method}}


def test_single_bid(backend: Backend, tmp_path: Path) -> None:
    releases = [
        _process("fail", 1),
        _process("pass", 3),
        _process("direct-not-applicable", 1, method="direct"),
        _process("float-not-read", 1.0),
        {"ocid": "no-tender"},
    ]
    findings = run_rule(backend, tmp_path, releases, "R018")
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("fail", 1.0, {"number_of_tenderers": 1, "procurement_method": "open"})
    ]
    assert findings[0].explanation == "Only 1 tenderer took part in this open procedure."
