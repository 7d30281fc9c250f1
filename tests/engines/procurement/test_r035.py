"""R035 golden test: not applicable / pass / fail, with the exact evidence, on both backends."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.bid_releases import award, bid, release
from tests.engines.procurement.helpers import run_rule, run_rule_result

DISQUALIFIED = [bid("D", status="disqualified"), bid("E", status="disqualified")]

RELEASES = [
    release(
        "F",
        [*DISQUALIFIED, bid("D", status="disqualified"), bid("V"), bid("V", status="disqualified")],
        [award("V"), award("V"), award("X", status="unsuccessful")],
    ),
    release("two-valid", [*DISQUALIFIED, bid("V"), bid("W")], [award("V")]),
    release("other-supplier", [*DISQUALIFIED, bid("V")], [award("S")]),
    release("extra-supplier", [*DISQUALIFIED, bid("V")], [award("V", "S")]),
    release("none-disqualified", [bid("V"), bid("W", status="withdrawn")], [award("V")]),
    release("pending-award", [*DISQUALIFIED, bid("V")], [award("V"), award("S", status="pending")]),
]


def test_all_except_winning_bid_disqualified(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(backend, tmp_path, RELEASES, "R035")
    evidence = {
        "ocid": "F",
        "winner": "V",
        "disqualified": 2,
        "disqualified_tenderers": ["D", "E"],
        "threshold": 1,
    }
    assert [(f.subject_type, f.subject_id, f.ocid, f.value, f.evidence) for f in findings] == [
        ("process", "F", "F", 2.0, evidence),
        ("supplier", "V", "F", 0.0, evidence),
    ]
    assert findings[0].explanation == (
        "V was the only tenderer with a valid bid and won, while 2 other tenderers "
        "(['D', 'E']) were disqualified."
    )


def test_threshold(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(backend, tmp_path, RELEASES, "R035", {"threshold": 3})
    assert result.findings == []
    assert result.meta["test"]["R035"] == {"threshold": 3}


def test_threshold_below_one_counts_as_one(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(backend, tmp_path, RELEASES, "R035", {"threshold": 0})
    assert [f.subject_id for f in result.findings if f.subject_type == "process"] == ["F"]
    assert result.meta["test"]["R035"] == {"threshold": 1}
