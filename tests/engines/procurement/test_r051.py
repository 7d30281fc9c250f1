"""R051 golden test: item classes whose Herfindahl-Hirschman index exceeds the threshold."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.market_releases import markets


def test_high_market_concentration(backend: Backend, tmp_path: Path) -> None:
    """CPV 33 (6,600) and CPV 45 (2,600) exceed 2,500; CPV 15 (2,000) does not."""
    findings = run_rule(backend, tmp_path, markets(), "R051", {"minimum_awards": 4})
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("S1", 6600.0, {
            "item_class": "CPV:33", "hhi": 6600.0, "market_value": 1000.0, "market_awards": 4,
            "market_suppliers": 3, "leader_share": 0.8,
        }),
        ("S1", 2600.0, {
            "item_class": "CPV:45", "hhi": 2600.0, "market_value": 1000.0, "market_awards": 4,
            "market_suppliers": 4, "leader_share": 0.3,
        }),
    ]  # fmt: skip
    assert findings[1].explanation == (
        "Market CPV:45 is highly concentrated: HHI 2600 over 4 suppliers; its largest supplier "
        "has 30% of the value."
    )


def test_threshold_setting(backend: Backend, tmp_path: Path) -> None:
    params = {"minimum_awards": 4, "threshold": 1900}
    found = run_rule(backend, tmp_path, markets(), "R051", params)
    assert sorted(f.evidence["item_class"] for f in found) == ["CPV:15", "CPV:33", "CPV:45"]
    consortium = next(f for f in found if f.evidence["item_class"] == "CPV:15")
    assert (consortium.subject_id, consortium.value) == ("S5", 2000.0)
