"""R003 golden test: not applicable, pass and fail with the expected evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule


def _process(ocid: str, start: str, end: str, **tender: Any) -> dict[str, Any]:
    return {
        "ocid": ocid,
        "tender": {"tenderPeriod": {"startDate": start, "endDate": end}, **tender},
    }


def _evidence(days: int, threshold: int, start: str, end: str, **more: Any) -> dict[str, Any]:
    found = {"days": days, "threshold": threshold, "tender_period_start": start,
             "tender_period_end": end, "procurement_method": None,
             "procurement_method_details": None}  # fmt: skip
    return {**found, **more}


def test_short_submission_period(backend: Backend, tmp_path: Path) -> None:
    releases = [
        _process("fail", "2000-01-01T18:00:00Z", "2000-01-16T17:59:59Z"),
        _process("pass", "2000-01-01T18:00:00Z", "2000-01-16T18:00:00Z"),
        _process("fail-other-zone", "2000-01-01T18:00:00+06:00", "2000-01-16T11:59:59Z"),
        _process("fail-backwards", "2000-01-10T00:00:00Z", "2000-01-08T23:59:59Z"),
        _process(
            "fail-by-details",
            "2000-01-01T00:00:00Z",
            "2000-01-21T00:00:00Z",
            procurementMethodDetails="long",
        ),
        _process(
            "pass-by-details",
            "2000-01-01T00:00:00Z",
            "2000-01-05T00:00:00Z",
            procurementMethodDetails="quick",
        ),
        _process("not-applicable-invalid", "soon", "2000-01-02T00:00:00Z"),
        {"ocid": "not-applicable-no-period", "tender": {}},
        _process(
            "not-applicable-cancelled",
            "2000-01-01T00:00:00Z",
            "2000-01-02T00:00:00Z",
            status="cancelled",
        ),
    ]
    params = {"procurement_method_details": {"long": 30, "quick": 3}}
    findings = run_rule(backend, tmp_path, releases, "R003", params)
    assert [(f.subject_id, f.value, f.evidence) for f in findings] == [
        ("fail", 1.0, _evidence(14, 15, "2000-01-01T18:00:00Z", "2000-01-16T17:59:59Z")),
        # minus one day and one second: truncated toward zero, not down to -2
        ("fail-backwards", 1.0,
         _evidence(-1, 15, "2000-01-10T00:00:00Z", "2000-01-08T23:59:59Z")),
        ("fail-by-details", 1.0,
         _evidence(20, 30, "2000-01-01T00:00:00Z", "2000-01-21T00:00:00Z",
                   procurement_method_details="long")),
        # 12:00 in UTC+6 is 12:00 UTC: 14 days 23:59:59 to the deadline
        ("fail-other-zone", 1.0,
         _evidence(14, 15, "2000-01-01T18:00:00+06:00", "2000-01-16T11:59:59Z")),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "Bidders had 14 days to submit, fewer than the minimum of 15 days "
        "(from 2000-01-01T18:00:00Z to 2000-01-16T17:59:59Z)."
    )


def test_procurement_methods_limit_the_rule(backend: Backend, tmp_path: Path) -> None:
    releases = [
        _process("open", "2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z", procurementMethod="open"),
        _process(
            "direct", "2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z", procurementMethod="direct"
        ),
        _process("no-method", "2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z"),
    ]
    findings = run_rule(backend, tmp_path, releases, "R003", {"procurement_methods": ["open"]})
    assert [(f.subject_id, f.evidence["days"]) for f in findings] == [("open", 1)]


def test_dates_without_a_time_zone(backend: Backend, tmp_path: Path) -> None:
    """Read as UTC by default; skipped only in Cardinal compatibility (RFC 3339 only)."""
    releases = [_process("naive", "2000-01-01T00:00:00", "2000-01-03T00:00:00Z")]
    (tmp_path / "default").mkdir()
    (tmp_path / "cardinal").mkdir()
    default = run_rule(backend, tmp_path / "default", releases, "R003")
    assert [(f.subject_id, f.evidence["days"]) for f in default] == [("naive", 2)]
    cardinal = run_rule(
        backend, tmp_path / "cardinal", releases, "R003", compat={"rfc3339_only": True}
    )
    assert cardinal == []
