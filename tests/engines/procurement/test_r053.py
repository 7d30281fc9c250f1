"""R053 golden test: pairs of co-bidders where one always wins."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule
from tests.engines.procurement.market_releases import Release, bidding_release


def _releases() -> list[Release]:
    return [
        # fail: A and B meet four times, A wins each; C joins twice only
        bidding_release("x1", ["A", "B", "C"], "A"),
        bidding_release("x2", ["A", "B", "C"], "A"),
        bidding_release("x3", ["A", "B"], "A"),
        bidding_release("x4", ["B", "A"], "A"),
        bidding_release("x5-undecided", ["A", "B"], None),
        # pass: D and E share the wins
        *(bidding_release(f"y{i}", ["D", "E"], w) for i, w in enumerate("DDDE")),
        # below the minimum: F and G meet three times
        *(bidding_release(f"z{i}", ["F", "G"], "F") for i in range(3)),
    ]


def test_recurrent_winner(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(backend, tmp_path, _releases(), "R053")
    assert [(f.subject_type, f.subject_id, f.value, f.evidence) for f in findings] == [
        ("supplier", "A", 4.0,
         {"partner_org_id": "B", "processes": 4, "ocids": ["x1", "x2", "x3", "x4"]}),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "This supplier bid together with B in 4 processes and won every one of them."
    )


def test_minimum_processes(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(backend, tmp_path, _releases(), "R053", {"minimum_processes": 2})
    assert [(f.subject_id, f.evidence["partner_org_id"]) for f in findings] == [
        ("A", "B"), ("A", "C"), ("F", "G"),
    ]  # fmt: skip
