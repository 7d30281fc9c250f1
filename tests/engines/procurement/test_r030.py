"""R030 golden test: not applicable, pass and fail with the expected evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.model.findings import SubjectType
from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule

DEADLINE = "2000-03-15T00:00:00Z"


def _process(
    ocid: str, bids: list[tuple[str, str, str]], award: str = "active", winner: str = "W"
) -> dict[str, Any]:
    """Bids as (tenderer, status, date); one award to `winner`."""
    return {
        "ocid": ocid,
        "tender": {"tenderPeriod": {"endDate": DEADLINE}},
        "bids": {"details": [{"status": status, "date": date, "tenderers": [{"id": tenderer}]}
                             for tenderer, status, date in bids]},
        "awards": [{"status": award, "suppliers": [{"id": winner}]}],
    }  # fmt: skip


def _evidence(tenderers: list[str], latest: str) -> dict[str, Any]:
    end = DEADLINE
    return {"late_winners": len(tenderers), "tenderer_ids": tenderers,
            "latest_bid_date": latest, "tender_period_end": end}  # fmt: skip


def test_late_bid_won(backend: Backend, tmp_path: Path) -> None:
    releases = [
        _process("fail", [("W", "valid", "2000-03-16T10:00:00Z"),
                          ("W", "valid", "2000-04-01T00:00:00Z"),
                          ("L", "valid", "2000-04-02T00:00:00Z")]),
        _process("pass-on-time", [("W", "valid", "2000-03-14T23:59:59Z")]),
        _process("pass-at-deadline", [("W", "valid", DEADLINE)]),
        _process("pass-loser-late", [("L", "valid", "2000-04-01T00:00:00Z")]),
        _process("pass-disqualified", [("W", "disqualified", "2000-04-01T00:00:00Z")]),
        _process("not-applicable-pending", [("W", "valid", "2000-04-01T00:00:00Z")], "pending"),
        {"ocid": "not-applicable-no-deadline", "bids": {"details": [
            {"status": "valid", "date": "2000-04-01T00:00:00Z", "tenderers": [{"id": "W"}]}]},
         "awards": [{"status": "active", "suppliers": [{"id": "W"}]}]},
    ]  # fmt: skip
    findings = run_rule(backend, tmp_path, releases, "R030")
    assert [(f.subject_type, f.subject_id, f.ocid, f.value, f.evidence) for f in findings] == [
        (SubjectType.PROCESS, "fail", "fail", 1.0,
         _evidence(["W"], "2000-04-01T00:00:00Z")),
        (SubjectType.SUPPLIER, "W", "fail", 1.0,
         _evidence(["W"], "2000-04-01T00:00:00Z")),
    ]  # fmt: skip
    assert findings[0].explanation == (
        "1 winning tenderer(s) submitted a valid bid after the deadline "
        "2000-03-15T00:00:00Z; the latest bid is dated 2000-04-01T00:00:00Z."
    )


def test_dates_compare_as_instants_unless_cardinal_strings(
    backend: Backend, tmp_path: Path
) -> None:
    """05:00 at UTC+6 is 23:00 UTC the day before: on time, though its text sorts later."""
    releases = [_process("zone", [("W", "valid", "2000-03-15T05:00:00+06:00")])]
    (tmp_path / "default").mkdir()
    (tmp_path / "cardinal").mkdir()
    assert run_rule(backend, tmp_path / "default", releases, "R030") == []
    cardinal = run_rule(
        backend, tmp_path / "cardinal", releases, "R030", compat={"string_dates": True}
    )
    assert [(f.subject_type, f.subject_id, f.evidence) for f in cardinal] == [
        (SubjectType.PROCESS, "zone",
         {"late_winners": 1, "tenderer_ids": ["W"], "latest_bid_date": "2000-03-15T05:00:00+06:00",
          "tender_period_end": DEADLINE}),
        (SubjectType.SUPPLIER, "W",
         {"late_winners": 1, "tenderer_ids": ["W"], "latest_bid_date": "2000-03-15T05:00:00+06:00",
          "tender_period_end": DEADLINE}),
    ]  # fmt: skip
