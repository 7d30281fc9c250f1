"""R054 golden test: a direct award within the ceiling whose contract ends above it.

Kazakhstan's profile: 100 MCI for direct purchases; MCI 2,525 in 2019 and 2,778 in 2020, so the
ceiling is 252,500 KZT for a 2019 contract and 277,800 KZT for a 2020 one.
"""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule, run_rule_result
from tests.engines.procurement.value_releases import award, contract, release

SIGNED_2020 = "2020-05-01T10:00:00Z"


def _direct(
    ocid: str,
    awarded: float,
    signed_value: float,
    *,
    signed: str | None = None,
    award_date: str = "2020-04-01T00:00:00Z",
    method: str = "direct",
) -> dict[str, object]:
    return release(
        ocid,
        method=method,
        awards=[award("a", awarded, date=award_date)],
        contracts=[contract("c", "a", signed_value, signed=signed, amendments=1)],
    )


def test_direct_award_pushed_over_threshold(backend: Backend, tmp_path: Path) -> None:
    releases = [
        _direct("pushed", 270_000, 300_000, signed=SIGNED_2020),
        _direct("award-year", 250_000, 260_000, award_date="2019-03-01T00:00:00Z"),
        _direct("already-above", 300_000, 350_000, signed=SIGNED_2020),
        _direct("stays-below", 270_000, 277_000, signed=SIGNED_2020),
        _direct("open-method", 270_000, 300_000, signed=SIGNED_2020, method="open"),
        _direct("before-known-mci", 1_000, 900_000, signed="2010-01-01T00:00:00Z"),
    ]
    findings = run_rule(backend, tmp_path, releases, "R054")
    common = {"contract_id": "c", "award_id": "a", "procurement_method": "direct",
              "currency": "KZT", "threshold_mci": 100.0, "amendments": 1, "matches": 1}  # fmt: skip
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("award-year", 260_000.0, {**common, "award_value": 250_000.0, "contract_value": 260_000.0,
                                   "year": 2019, "threshold_value": 252_500.0}),
        ("pushed", 300_000.0, {**common, "award_value": 270_000.0, "contract_value": 300_000.0,
                               "year": 2020, "threshold_value": 277_800.0}),
    ]  # fmt: skip
    assert findings[1].explanation == (
        "Direct award a of 270000.0 KZT was within the 2020 ceiling of 277800.0 KZT (100.0 MCI), "
        "but contract c is worth 300000.0 KZT."
    )


def test_other_currency_is_not_applicable(backend: Backend, tmp_path: Path) -> None:
    releases = [
        release("usd", method="direct", awards=[award("a", 1, currency="USD")],
                contracts=[contract("c", "a", 10**9, currency="USD", signed=SIGNED_2020)]),
    ]  # fmt: skip
    result = run_rule_result(backend, tmp_path, releases, "R054")
    assert result.findings == []
    assert result.meta["test"]["R054"]["not_applicable"] == (
        "dataset currency USD is not the profile currency"
    )
