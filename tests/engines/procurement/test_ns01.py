"""NS01 golden test: suppliers founded shortly before they won."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule_result
from tests.engines.procurement.market_releases import Release, awarded_release


def test_new_supplier(backend: Backend, tmp_path: Path) -> None:
    def award(ocid: str, supplier: str, date: str, founded: str | None) -> Release:
        return awarded_release(ocid, "B1", supplier, 100, date, "open", founded=founded)

    releases = [
        award("new", "S1", "2018-05-01T10:00:00Z", "2018-01-01"),  # fail: 120 days
        award("later", "S1", "2019-06-01T00:00:00Z", None),  # pass: 516 days
        award("old", "S2", "2018-05-01T00:00:00Z", "2010-01-01T00:00:00Z"),  # pass
        award("founded-after", "S3", "2018-05-01T00:00:00Z", "2018-06-01"),  # data error
        award("bad-date", "S4", "2018-05-01T00:00:00Z", "not a date"),  # not applicable
        award("no-date", "S5", "2018-05-01T00:00:00Z", None),  # not applicable
    ]
    result = run_rule_result(backend, tmp_path, releases, "NS01")
    assert [(f.subject_id, f.value, f.evidence) for f in result.findings] == [
        ("new", 120.0, {
            "supplier_org_id": "S1", "founding_date": "2018-01-01", "award_date": "2018-05-01",
            "days_since_founding": 120, "max_days": 365,
        }),
    ]  # fmt: skip
    assert result.meta["test"]["NS01"] == {
        "days": 365, "suppliers": 5, "suppliers_with_founding_date": 3,
    }  # fmt: skip
    assert result.findings[0].explanation == (
        "Supplier S1 was founded on 2018-01-01, 120 days before the award of 2018-05-01 "
        "(limit 365 days)."
    )


def test_without_founding_dates_not_applicable(backend: Backend, tmp_path: Path) -> None:
    releases = [awarded_release("p", "B1", "S1", 100, "2018-05-01T00:00:00Z", "open")]
    result = run_rule_result(backend, tmp_path, releases, "NS01")
    assert result.findings == []
    assert result.meta["test"]["NS01"]["applicable"] is False
