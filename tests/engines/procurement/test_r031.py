"""R031 golden test: award value against the estimate, same currency only."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.value_releases import award, money, release


def test_award_close_to_or_above_estimate(backend: Backend, tmp_path: Path) -> None:
    releases = [
        release("above", estimate=money(100), awards=[award("a", 105)]),
        release("close", estimate=money(1000), awards=[award("a", 490), award("b", 490)]),
        release("pass", estimate=money(100), awards=[award("a", 97)]),
        release("other-currency", estimate=money(100), awards=[award("a", 100, currency="USD")]),
        release("pending-award", estimate=money(100), awards=[award("a", 100, status="pending")]),
        release("no-estimate", awards=[award("a", 100)]),
    ]
    findings = run_rule(backend, tmp_path, releases, "R031")
    assert [(f.subject_id, f.value, f.score, f.evidence) for f in findings] == [
        ("above", 1.05, 1.0, {
            "award_value": 105.0, "tender_value": 100.0, "currency": "KZT", "ratio": 1.05,
            "above_estimate": True, "active_awards": 1, "threshold": 0.98,
        }),
        ("close", 0.98, 0.5, {
            "award_value": 980.0, "tender_value": 1000.0, "currency": "KZT", "ratio": 0.98,
            "above_estimate": False, "active_awards": 2, "threshold": 0.98,
        }),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "The award value 105.0 KZT is 1.05 of the estimate 100.0 KZT (limit 0.98; above the "
        "estimate: True)."
    )


def test_threshold_is_configurable(backend: Backend, tmp_path: Path) -> None:
    releases = [
        release("above", estimate=money(100), awards=[award("a", 105)]),
        release("at-estimate", estimate=money(100), awards=[award("a", 100)]),
    ]
    findings = run_rule(backend, tmp_path, releases, "R031", {"threshold": 1.01})
    assert [f.subject_id for f in findings] == ["above"]
