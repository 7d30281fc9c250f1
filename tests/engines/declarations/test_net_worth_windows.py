"""A01 and A02 over rolling 3-year windows: an acquisition spread over years so that no year
crosses its threshold is found by the window, which sums the yearly gaps (Ukraine's
subsistence minimum: 1,330 UAH a month in 2016, 1,544 in 2017, kept for 2018)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engines.declarations.population import declaration, money, screen


def savings(person: str, balances: dict[int, float]) -> list[dict[str, Any]]:
    """Yearly declarations of a person with no income whose bank balance is as given."""
    return [
        declaration(person, year, monetary_assets=[money("bank_account", amount)])
        for year, amount in balances.items()
    ]


HISTORIES = [
    # +400,000 a year, no income. Yearly gaps: 400,000 + 1,330 x 12 = 415,960 (< 500 x 1,330
    # = 665,000), then 400,000 + 1,544 x 12 = 418,528 twice (< 500 x 1,544 = 772,000). The
    # window 2015 -> 2018: 415,960 + 418,528 + 418,528 = 1,253,016 > 772,000.
    *savings("spread", {2015: 0, 2016: 400_000, 2017: 800_000, 2018: 1_200_000}),
    # The same growth with 2017 missing: no three consecutive pairs, no window.
    *savings("gap-year", {2015: 0, 2016: 400_000, 2018: 800_000, 2019: 1_200_000}),
    # 2016 is flagged on its own (1,000,000 + 15,960 > 665,000): the window that holds it
    # adds nothing and is not reported.
    *savings("yearly", {2015: 0, 2016: 1_000_000, 2017: 1_200_000, 2018: 1_400_000}),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    _, rows = screen(
        tmp_path_factory.mktemp("windows"), HISTORIES, declarations={"rules": ["A01", "A02"]}
    )
    return rows


def test_only_spread_gaps_raise_window_findings(findings: list[dict[str, Any]]) -> None:
    found = {
        (f["rule_code"], f["subject_id"], f["evidence"]["year_from"], f["evidence"]["year"],
         f["evidence"].get("window"))
        for f in findings
    }  # fmt: skip
    assert found == {
        ("A01", "spread", 2015, 2018, 3),
        ("A02", "spread", 2015, 2018, 3),
        ("A01", "yearly", 2015, 2016, None),
        ("A02", "yearly", 2015, 2016, None),
    }


def test_window_sums_the_yearly_arithmetic(findings: list[dict[str, Any]]) -> None:
    (found,) = [f for f in findings if f["rule_code"] == "A01" and f["subject_id"] == "spread"]
    evidence = found["evidence"]
    assert [(p["year"], p["unexplained"]) for p in evidence["pairs"]] == [
        (2016, 415_960.0),
        (2017, 418_528.0),
        (2018, 418_528.0),
    ]
    assert evidence["pairs"][0]["formula"] == (
        "(NW 400000.00 - NW 0.00) + living (1330.00 x 12 x 1 = 15960.00) - income 0.00 "
        "- fx_gain 0.00 = 415960.00"
    )
    assert (evidence["unexplained"], evidence["threshold"]) == (1_253_016.0, 772_000.0)
    assert evidence["formula"] == (
        "2015->2016 415960.00 + 2016->2017 418528.00 + 2017->2018 418528.00 = 1253016.00 "
        "> max(floor 772000.00, 0.25 x 0.00) = 772000.00; no single year crosses its own "
        "threshold"
    )
    assert evidence["declaration_id"] == "spread-2018"
    assert found["value"] == 1_253_016.0


def test_window_of_one_turns_windows_off(tmp_path_factory: pytest.TempPathFactory) -> None:
    _, rows = screen(
        tmp_path_factory.mktemp("no-windows"),
        HISTORIES,
        declarations={"rules": ["A01"], "params": {"A01": {"window": 1}}},
    )
    assert {(f["subject_id"], f["evidence"]["year"]) for f in rows} == {("yearly", 2016)}
