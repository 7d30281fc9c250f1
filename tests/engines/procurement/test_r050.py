"""R050 golden test: a supplier's share of one item class's awarded value."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.market_releases import markets


def test_high_market_share(backend: Backend, tmp_path: Path) -> None:
    """Only S1 in CPV 33 passes 50 %; the one-award 'goods' market is too small to judge."""
    findings = run_rule(backend, tmp_path, markets(), "R050", {"minimum_awards": 4})
    assert [(f.subject_type, f.subject_id, f.value, f.evidence) for f in findings] == [
        ("supplier", "S1", 0.8, {
            "item_class": "CPV:33", "supplier_value": 800.0, "supplier_awards": 2,
            "market_value": 1000.0, "market_awards": 4, "market_suppliers": 3, "share": 0.8,
        }),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "This supplier received 80% of the value awarded in market CPV:33 (800.0 of 1000.0, "
        "2 of 4 awards)."
    )


def test_small_markets_are_not_judged(backend: Backend, tmp_path: Path) -> None:
    """With the default minimum of 10 awards no market here is large enough."""
    assert run_rule(backend, tmp_path, markets(), "R050") == []
