"""R060, R061, R062 golden tests: durations against the dataset's Tukey fences (type 8)."""

from __future__ import annotations

from pathlib import Path

from adaldyq.store.backend import Backend
from tests.engines.procurement.helpers import run_rule, run_rule_result
from tests.engines.procurement.value_releases import award, contract, release


def _day(day: int) -> str:
    """An ISO timestamp `day` days after 1 January 2020 (day 0)."""
    month, rest = (1, day) if day < 31 else (2, day - 31) if day < 60 else (3, day - 60)
    return f"2020-{month:02d}-{rest + 1:02d}T12:00:00Z"


def _signature_delays() -> list[dict[str, object]]:
    """Delays 10..18 days in p10..p18; p19 has two contracts, 19 and 60 days; one is negative."""
    releases = [
        release(f"p{d}", awards=[award("a", 1, date=_day(0))],
                contracts=[contract("c", "a", 1, signed=_day(d))])
        for d in range(10, 19)
    ]  # fmt: skip
    releases.append(release(
        "p19", awards=[award("a", 1, date=_day(0)), award("b", 1, date=_day(0))],
        contracts=[contract("c1", "a", 1, signed=_day(19)),
                   contract("c2", "b", 1, signed=_day(60))],
    ))  # fmt: skip
    releases.append(release("signed-before-award", awards=[award("a", 1, date=_day(40))],
                            contracts=[contract("c", "a", 1, signed=_day(1))]))  # fmt: skip
    releases.append(release("no-award-date", awards=[award("a", 1)],
                            contracts=[contract("c", "a", 1, signed=_day(90))]))  # fmt: skip
    return releases


def test_r060_long_award_to_signature(backend: Backend, tmp_path: Path) -> None:
    result = run_rule_result(backend, tmp_path, _signature_delays(), "R060")
    assert [(f.subject_id, f.value, f.evidence) for f in result.findings] == [
        ("p19", 60.0, {
            "days": 60, "threshold_days": 26.3333, "contract_id": "c2", "award_id": "b",
            "award_date": "2020-01-01", "date_signed": "2020-03-01",
            "matches": 1,
        }),
    ]  # fmt: skip
    assert result.meta["test"]["R060"] == {
        "observations": 11, "side": "upper", "q1": 12.1667, "q3": 17.8333,
        "lower_fence": 3.6667, "upper_fence": 26.3333, "threshold_days": 26.3333,
    }  # fmt: skip


def test_r060_fixed_threshold(backend: Backend, tmp_path: Path) -> None:
    fixed = run_rule(backend, tmp_path, _signature_delays(), "R060", {"threshold_days": 18})
    assert [(f.subject_id, f.evidence["contract_id"], f.evidence["matches"]) for f in fixed] == [
        ("p18", "c", 1), ("p19", "c2", 2),
    ]  # fmt: skip


def test_r060_too_few_durations(backend: Backend, tmp_path: Path) -> None:
    few = run_rule_result(backend, tmp_path, _signature_delays()[:3], "R060")
    assert few.findings == []
    assert few.meta["test"]["R060"]["not_applicable"] == (
        "3 durations, fewer than minimum_observations (10); no fence computed"
    )


DECISION = {"tender_period_end": "2020-01-01", "procurement_method": "open"}


def _decisions() -> list[dict[str, object]]:
    """Decision periods 1, 20..27 and 90 days; plus one pending award and one negative period."""
    days = [1, 20, 21, 22, 23, 24, 25, 26, 27, 90]
    releases = [
        release(f"d{d:02d}", tender_end=_day(0), awards=[award("a", 1, date=_day(d))]) for d in days
    ]
    releases.append(release("pending", tender_end=_day(0),
                            awards=[award("a", 1, date=_day(80), status="pending")]))  # fmt: skip
    releases.append(release("negative", tender_end=_day(30), awards=[award("a", 1, date=_day(2))]))
    return releases


def test_r061_short_decision_period(backend: Backend, tmp_path: Path) -> None:
    short = run_rule_result(backend, tmp_path, _decisions(), "R061")
    assert [(f.subject_id, f.value, f.evidence) for f in short.findings] == [
        ("d01", 1.0, {**DECISION, "days": 1, "threshold_days": 13.1667,
                      "award_date": "2020-01-02"}),
    ]  # fmt: skip
    assert short.meta["test"]["R061"]["observations"] == 10
    assert short.findings[0].explanation == (
        "The award came 1 days after bids closed (2020-01-01 to 2020-01-02); the lower limit is "
        "13.1667 days."
    )


def test_r062_long_decision_period(backend: Backend, tmp_path: Path) -> None:
    long = run_rule(backend, tmp_path, _decisions(), "R062")
    assert [(f.subject_id, f.value, f.evidence) for f in long] == [
        ("d90", 90.0, {**DECISION, "days": 90, "threshold_days": 33.8333,
                       "award_date": "2020-03-31"}),
    ]  # fmt: skip
