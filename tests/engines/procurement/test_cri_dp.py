"""CRI-DP golden test: decision periods (negative → 0, over 730 days → missing) in deciles."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import day, release, with_award
from tests.engines.procurement.helpers import run_rule_result


def _decided(ocid: str, days: int) -> dict[str, object]:
    rel = release(ocid, tenderPeriod={"endDate": day(0)})
    return with_award(rel, "S1", date_=day(days))


def test_decision_period(backend: Backend, tmp_path: Path) -> None:
    periods = {"early": -5, "d0": 0, "d3": 3, "d5": 5, "d10": 10, "d20": 20, "d30": 30,
               "d60": 60, "d90": 90, "d200": 200, "too-long": 800}  # fmt: skip
    releases = [_decided(ocid, days) for ocid, days in periods.items()]
    releases.append(release("no-award", tenderPeriod={"endDate": day(0)}))
    result = run_rule_result(backend, tmp_path, releases, "CRI-DP")
    got = {f.subject_id: (f.evidence["decision_days"], f.evidence["decile"], f.score)
           for f in result.findings}  # fmt: skip
    assert got == {
        "early": (0, 1, 1.0), "d0": (0, 1, 1.0), "d3": (3, 3, 1.0), "d5": (5, 4, 0.5),
        "d10": (10, 5, 0.5), "d20": (20, 6, 0.5),
    }  # fmt: skip
    assert result.meta["test"]["CRI-DP"]["decile_edges"] == [
        0.0,
        1.2,
        3.866666667,
        7.333333333,
        15.0,
        25.333333333,
        47.0,
        78.0,
        159.666666667,
    ]
