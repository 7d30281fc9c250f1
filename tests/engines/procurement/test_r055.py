"""R055/R049 golden test: split direct awards from one buyer to one supplier in a budget year."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule, run_rule_result
from tests.engines.procurement.market_releases import Release, awarded_release

# Kazakhstan: 100 MCI; MCI 2,405 KZT in 2018 and 2,525 in 2019.
T2018, T2019 = 240_500.0, 252_500.0


def _releases(currency: str = "KZT") -> list[Release]:
    def award(
        ocid: str, supplier: str, amount: float, date: str, method: str = "direct"
    ) -> Release:
        return awarded_release(ocid, "B1", supplier, amount, date, method, currency)

    return [
        # three pieces, together above the threshold
        award("s1-a", "S1", 100_000, "2018-02-01T00:00:00Z"),
        award("s1-b", "S1", 100_000, "2018-06-01T00:00:00Z"),
        award("s1-c", "S1", 100_000, "2018-11-30T00:00:00Z"),
        award("s1-next-year", "S1", 100_000, "2019-01-10T00:00:00Z"),
        # two pieces together just below the threshold (>= 90 % of it)
        award("s2-a", "S2", 115_000, "2019-03-01T00:00:00Z", "limited"),
        award("s2-b", "S2", 117_000, "2019-04-01T00:00:00Z"),
        # pass: small in total; one direct piece and one open award; one piece above threshold
        award("s4-a", "S4", 50_000, "2018-03-01T00:00:00Z"),
        award("s4-b", "S4", 50_000, "2018-04-01T00:00:00Z"),
        award("s3-direct", "S3", 200_000, "2018-03-01T00:00:00Z"),
        award("s3-open", "S3", 200_000, "2018-04-01T00:00:00Z", "open"),
        award("s5-above", "S5", 300_000, "2018-03-01T00:00:00Z"),
        award("s5-small", "S5", 100_000, "2018-04-01T00:00:00Z"),
    ]


def test_split_direct_awards(backend: Backend, tmp_path: Path) -> None:
    findings = run_rule(backend, tmp_path, _releases(), "R055")
    assert [(f.subject_type, f.subject_id, f.value, f.evidence) for f in findings] == [
        ("supplier", "S1", round(300_000 / T2018, 9), {
            "buyer_org_id": "B1", "supplier_org_id": "S1", "budget_year": 2018,
            "threshold": T2018, "awards": 3, "total_value": 300_000.0,
            "total_above_threshold": True, "just_below_awards": 0, "margin_percent": 10.0,
            "ocids": ["s1-a", "s1-b", "s1-c"],
        }),
        ("supplier", "S2", round(232_000 / T2019, 9), {
            "buyer_org_id": "B1", "supplier_org_id": "S2", "budget_year": 2019,
            "threshold": T2019, "awards": 2, "total_value": 232_000.0,
            "total_above_threshold": False, "just_below_awards": 0, "margin_percent": 10.0,
            "ocids": ["s2-a", "s2-b"],
        }),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "Buyer B1 gave this supplier 3 non-competitive awards in budget year 2018, each below "
        "the threshold of 240500.0, together 300000.0; 0 of them within 10.0% below it."
    )


def test_just_below_pieces_and_explicit_threshold(backend: Backend, tmp_path: Path) -> None:
    """In another currency a `threshold` param makes the rule run; `margin` widens "just below"."""
    params = {"threshold": 105_000, "margin": 0.05}
    findings = run_rule(backend, tmp_path, _releases("USD"), "R055", params)
    summary = [
        (f.subject_id, f.evidence["ocids"], f.evidence["total_above_threshold"],
         f.evidence["just_below_awards"], f.evidence["margin_percent"])
        for f in findings
    ]  # fmt: skip
    assert summary == [
        ("S1", ["s1-a", "s1-b", "s1-c"], True, 3, 5.0),
        ("S4", ["s4-a", "s4-b"], False, 0, 5.0),
    ]


def test_other_currency_is_not_applicable(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(backend, tmp_path, _releases("USD"), "R055")
    assert result.findings == []
    assert result.meta["test"]["R055"]["applicable"] is False
    assert "USD" in result.meta["test"]["R055"]["reason"]
