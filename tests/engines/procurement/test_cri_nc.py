"""CRI-NC golden test: no call for tender counts only in the highest-risk procedure group."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import day, release
from tests.engines.procurement.helpers import run_rule


def test_no_call_for_tender(backend: Backend, tmp_path: Path) -> None:
    advertised = {"datePublished": day(0), "tenderPeriod": {"endDate": day(20)}}
    releases = [
        release("direct-no-call", "direct"),
        release("direct-advertised", "direct", **advertised),
        release("open-no-call", "open"),
        release("direct-deadline-first", "direct", datePublished=day(5),
                tenderPeriod={"endDate": day(1)}),
    ]  # fmt: skip
    findings = run_rule(backend, tmp_path, releases, "CRI-NC")
    assert [(f.subject_id, f.score, f.evidence) for f in findings] == [
        ("direct-deadline-first", 1.0, {
            "procurement_method": "direct", "procedure_risk": 1.0, "advertisement_days_raw": -4,
            "risk": 1.0,
        }),
        ("direct-no-call", 1.0, {
            "procurement_method": "direct", "procedure_risk": 1.0, "advertisement_days_raw": None,
            "risk": 1.0,
        }),
    ]  # fmt: skip
