"""R038 golden test: not applicable, pass and fail with the expected evidence."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from adaldyq.model.findings import SubjectType
from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule, run_rule_result

BUYER_SIDE = [
    # buyer B over two processes: 1 disqualified of 3 submitted (invited and withdrawn don't count)
    ("p1", "B", [("X", "valid"), ("Y", "disqualified")]),
    ("p2", "B", [("X", "valid"), ("Z", "invited"), ("V", "withdrawn")]),
    # buyer C: one process only, though with two submitted bids
    ("p3", "C", [("X", "valid"), ("Y", "disqualified")]),
]
TENDERER_SIDE = [
    # TA..TD: 1 disqualified of 4 bids each; TE: 1 of 3; no buyer or procuring entity
    *[(f"t{n}", None, [(f"T{n}", "disqualified")] + [(f"T{n}", "valid")] * 3) for n in "ABCD"],
    ("tE", None, [("TE", "disqualified"), ("TE", "valid"), ("TE", "valid")]),
    ("not-applicable-invited-only", None, [("TF", "invited")]),
    ("not-applicable-no-bids", "B", []),
]


def _releases(processes: Sequence[tuple[str, str | None, list[tuple[str, str]]]]) -> list[Any]:
    releases = []
    for ocid, buyer, bids in processes:
        release: dict[str, Any] = {
            "ocid": ocid,
            "bids": {
                "details": [
                    {"status": status, "tenderers": [{"id": tenderer}]} for tenderer, status in bids
                ]
            },
        }
        if buyer is not None:
            release |= {
                "buyer": {"id": buyer},
                "tender": {"procuringEntity": {"id": f"PE-{buyer}"}},
            }
        releases.append(release)
    return releases  # fmt: skip


def _evidence(disqualified: int, submitted: int, processes: int, fence: float) -> dict[str, Any]:
    return {"disqualified_bids": disqualified, "submitted_bids": submitted,
            "processes": processes, "ratio": round(disqualified / submitted, 9),
            "upper_fence": round(fence, 9)}  # fmt: skip


def test_excessive_disqualified_bids(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(backend, tmp_path, _releases(BUYER_SIDE + TENDERER_SIDE), "R038")
    found = sorted(result.findings, key=lambda f: (f.subject_type, f.subject_id))
    # Buyer B is the only buyer with two processes: its ratio is the fence and reaches it.
    # Tenderers: X 0/3, Y 2/2, TA..TD 1/4, TE 1/3 -> Q1 1/4, Q3 23/72, fence 61/144.
    assert [(f.subject_type, f.subject_id, f.value, f.ocid, f.evidence) for f in found] == [
        (SubjectType.BUYER, "B", round(1 / 3, 9), None, _evidence(1, 3, 2, 1 / 3)),
        (SubjectType.PROCURING_ENTITY, "PE-B", round(1 / 3, 9), None, _evidence(1, 3, 2, 1 / 3)),
        (SubjectType.SUPPLIER, "Y", 1.0, None, _evidence(2, 2, 2, 61 / 144)),
    ]  # fmt: skip
    meta = result.meta["test"]["R038"]
    assert meta[SubjectType.SUPPLIER] == pytest.approx(
        {"q1": 0.25, "q3": 23 / 72, "upper_fence": 61 / 144}
    )
    assert meta[SubjectType.BUYER] == pytest.approx(
        {"q1": 1 / 3, "q3": 1 / 3, "upper_fence": 1 / 3}
    )
    assert found[0].explanation == (
        "1 of 3 submitted bids in 2 process(es) were disqualified (33%), "
        "at or above the upper fence of 33%."
    )


def test_no_flag_when_most_have_no_disqualified_bid(backend: Backend, tmp_path: Path) -> None:
    """A zero fence would flag every subject: nothing is flagged instead."""
    releases = _releases([(f"p{n}", "B", [("X", "valid"), ("Y", "valid")]) for n in range(3)])
    assert run_rule(backend, tmp_path, releases, "R038") == []


def test_buyer_minimum_counts_processes_unless_cardinal(backend: Backend, tmp_path: Path) -> None:
    """Cardinal counts buyer C's two bids as two contracting processes."""
    releases = _releases(BUYER_SIDE)
    flagged = {}
    for mode, compat in (("default", {}), ("cardinal", {"bids_as_contracting_processes": True})):
        (tmp_path / mode).mkdir()
        findings = run_rule(
            backend, tmp_path / mode, releases, "R038", {"threshold": 0.3}, compat=compat
        )
        flagged[mode] = [f.subject_id for f in findings if f.subject_type == SubjectType.BUYER]
    assert flagged == {"default": ["B"], "cardinal": ["B", "C"]}
