"""CRI-AP golden test: 10 known advertisement periods give known type-8 deciles and flags."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.cri_releases import day, release
from tests.engines.procurement.helpers import run_rule_result

EDGES = [2.733333333, 4.8, 6.866666667, 8.933333333, 11.0, 13.066666667, 15.133333333, 17.2,
         19.266666667]  # fmt: skip
RISKY = {"1": 1.0, "2": 0.5, "3": 0.5, "4": 0.5, "10": 0.5}


def _advertised(ocid: str, days: int) -> dict[str, object]:
    return release(ocid, datePublished=day(0), tenderPeriod={"endDate": day(days)})


def test_advertisement_period(backend: Backend, tmp_path: Path) -> None:
    releases = [_advertised(f"p{days:02d}", days) for days in range(2, 21, 2)]
    releases += [_advertised("negative", -3), release("no-dates")]
    result = run_rule_result(backend, tmp_path, releases, "CRI-AP")
    got = {f.subject_id: (f.evidence["advertisement_days"], f.evidence["decile"], f.score)
           for f in result.findings}  # fmt: skip
    assert got == {
        "p02": (2, 1, 1.0), "p04": (4, 2, 0.5), "p06": (6, 3, 0.5), "p08": (8, 4, 0.5),
        "p20": (20, 10, 0.5),
    }  # fmt: skip
    first = next(f for f in result.findings if f.subject_id == "p02")
    assert first.evidence == {
        "advertisement_days": 2, "decile": 1, "risk": 1.0, "risk_by_decile": RISKY,
        "decile_edges": EDGES,
    }  # fmt: skip
    assert result.meta["test"]["CRI-AP"] == {"decile_edges": EDGES, "risk_by_decile": RISKY}
