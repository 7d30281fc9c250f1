"""CRI-PT golden test: procedure risk from procurementMethod, overridden by method details."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import release
from tests.engines.procurement.helpers import run_rule


def test_procedure_type(backend: Backend, tmp_path: Path) -> None:
    releases = [
        release("open"),
        release("selective", "selective"),
        release("direct", "direct"),
        release("direct-but-tender", "direct", procurementMethodDetails="Licitación"),
        release("no-method", None),
    ]
    params = {"details_risk": {"Licitación": 0.0}}
    findings = run_rule(backend, tmp_path, releases, "CRI-PT", params)
    assert [(f.subject_id, f.score, f.evidence) for f in findings] == [
        ("direct", 1.0, {
            "procurement_method": "direct", "procurement_method_details": None,
            "risk_source": "procurementMethod", "risk": 1.0,
        }),
        ("selective", 0.5, {
            "procurement_method": "selective", "procurement_method_details": None,
            "risk_source": "procurementMethod", "risk": 0.5,
        }),
    ]  # fmt: skip
