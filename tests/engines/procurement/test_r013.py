"""R013 golden test: a buyer's share of non-competitive processes above the dataset's fence."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule, run_rule_result
from tests.engines.procurement.market_releases import Release, awarded_release


def _releases() -> list[Release]:
    """Eight buyers with five processes in 2018; B8 buys all five directly, B7 two of five."""
    direct_count = {"B1": 0, "B2": 0, "B3": 0, "B4": 1, "B5": 1, "B6": 1, "B7": 2, "B8": 5}
    releases = [
        awarded_release(
            f"{buyer}-{i}",
            buyer,
            "S1",
            100,
            "2018-05-01T00:00:00Z",
            "direct" if i < direct else "open",
        )
        for buyer, direct in direct_count.items()
        for i in range(5)
    ]
    # too few processes to be judged, all of them limited
    releases += [
        awarded_release(f"B9-{i}", "B9", "S1", 100, "2018-05-01T00:00:00Z", "limited")
        for i in range(4)
    ]
    return releases


def test_non_competitive_share(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(backend, tmp_path, _releases(), "R013")
    # shares 0, 0, 0, .2, .2, .2, .4, 1: type-8 Q1 0, Q3 0.31667, upper fence 0.79167
    upper_fence = 0.2 + 7 / 12 * 0.2 + 1.5 * (0.2 + 7 / 12 * 0.2)
    assert [(f.subject_type, f.subject_id, f.value, f.evidence) for f in result.findings] == [
        ("buyer", "B8", 1.0, {
            "year": 2018, "processes": 5, "non_competitive_processes": 5, "share": 1.0,
            "awarded_value": 500.0, "non_competitive_value": 500.0, "value_share": 1.0,
            "limit": round(upper_fence, 9),
        }),
    ]  # fmt: skip
    assert result.meta["test"]["R013"]["upper_fence"] == pytest.approx(upper_fence)
    assert result.findings[0].explanation == (
        "In 2018, 5 of this buyer's 5 processes (100%) used non-competitive methods; the limit "
        "is 79%."
    )


def test_fixed_share(backend: Backend, tmp_path: Path) -> None:
    """A configured share replaces the fence; B9 stays out with four processes."""
    found = run_rule(backend, tmp_path, _releases(), "R013", {"threshold": 0.4})
    assert [(f.subject_id, f.evidence["share"], f.evidence["value_share"]) for f in found] == [
        ("B7", 0.4, 0.4),
        ("B8", 1.0, 1.0),
    ]
