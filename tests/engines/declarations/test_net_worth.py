"""A01 and A02 on planted two-year histories (2015 -> 2016; 25 then 27 UAH/USD; Ukraine's
subsistence minimum of 2016 in the profile: 1,330 UAH a month)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engines.declarations.population import declaration, income, money, screen, spent


def flat(value: float) -> dict[str, Any]:
    return {"item_id": "r1", "owner_id": "declarant", "property_type": "apartment",
            "value": value, "value_currency": "UAH", "acquired_on": "2010-01-01"}  # fmt: skip


def credit(amount: float) -> dict[str, Any]:
    return {"item_id": "l1", "owner_id": "declarant", "liability_type": "credit",
            "amount": amount, "amount_currency": "UAH"}  # fmt: skip


CAR = {"item_id": "v1", "owner_id": "declarant", "vehicle_type": "car", "value": 900_000,
       "value_currency": "UAH", "acquired_on": "2016-06-01"}  # fmt: skip

HISTORIES = [
    # NW 2015 = 1,000,000 + 10,000 x 25 - 100,000 = 1,150,000; NW 2016 = 1,000,000 + 900,000
    # + 10,000 x 27 - 0 = 2,170,000. Growth 1,020,000; living 1,330 x 12 x 1 = 15,960; income
    # 200,000; fx 10,000 x (27 - 25) = 20,000. A01 = 1,020,000 + 15,960 - 200,000 - 20,000
    # = 815,960 > max(500 x 1,330 = 665,000, 0.25 x 220,000) = 665,000. A02 (no spending
    # declared): 0 + 15,960 + 20,000 - 200,000 - (-100,000) - 20,000 = -84,040: not flagged.
    declaration(
        "nw-yes",
        real_estate=[flat(1_000_000)],
        monetary_assets=[money("bank_account", 10_000, currency="USD")],
        liabilities=[credit(100_000)],
    ),
    declaration(
        "nw-yes",
        2016,
        incomes=[income("salary", 200_000)],
        real_estate=[flat(1_000_000)],
        vehicles=[CAR],
        monetary_assets=[money("bank_account", 10_000, currency="USD")],
    ),
    # 1,000,000 USD held both years: growth 2,000,000 is all revaluation. A01 = 2,000,000
    # + 15,960 - 100,000 - 2,000,000 = -84,040: not flagged (1,915,960 without the FX gain).
    declaration("fx-only", monetary_assets=[money("bank_account", 1_000_000, currency="USD")]),
    declaration(
        "fx-only",
        2016,
        incomes=[income("salary", 100_000)],
        monetary_assets=[money("bank_account", 1_000_000, currency="USD")],
    ),
    # Spending 1,500,000 with savings unchanged: A02 = 1,500,000 + 1,330 x 12 x 2 (31,920)
    # + 0 - 300,000 - 0 - 0 = 1,231,920 > max(665,000, 0.25 x 300,000) = 665,000.
    # A01: growth 0 + 31,920 - 300,000 < 0: not flagged.
    declaration("saf-yes", monetary_assets=[money("bank_account", 1_000_000)]),
    declaration(
        "saf-yes",
        2016,
        family=[{"member_id": "s1", "relation": "spouse"}],
        incomes=[income("salary", 300_000)],
        monetary_assets=[money("bank_account", 1_000_000)],
        expenditures=[spent(1_500_000)],
    ),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    _, rows = screen(
        tmp_path_factory.mktemp("nw"), HISTORIES, declarations={"rules": ["A01", "A02"]}
    )
    return rows


def test_only_the_planted_gaps_are_flagged(findings: list[dict[str, Any]]) -> None:
    assert {(f["rule_code"], f["subject_id"]) for f in findings} == {
        ("A01", "nw-yes"),
        ("A02", "saf-yes"),
    }


def test_net_worth_gap_shows_its_arithmetic(findings: list[dict[str, Any]]) -> None:
    (found,) = [f for f in findings if f["rule_code"] == "A01"]
    evidence = found["evidence"]
    assert (evidence["net_worth_from"], evidence["net_worth"]) == (1_150_000.0, 2_170_000.0)
    assert (evidence["living"], evidence["fx_gain"], evidence["income"]) == (
        15_960,
        20_000,
        200_000,
    )
    assert (evidence["unexplained"], evidence["threshold"]) == (815_960.0, 665_000.0)
    assert evidence["floor_basis"].startswith("500 subsistence minimums x 1330.00 (2016); ")
    assert evidence["formula"] == (
        "(NW 2170000.00 - NW 1150000.00) + living (1330.00 x 12 x 1 = 15960.00) - income "
        "200000.00 - fx_gain 20000.00 = 815960.00 > max(floor 665000.00, 0.25 x 220000.00) "
        "= 665000.00"
    )
    assert (evidence["year_from"], evidence["year"]) == (2015, 2016)
    assert evidence["declaration_id"] == "nw-yes-2016"
    assert evidence["rates"] == {"USD": {"rate": 27.0, "day": "2016-12-31"}}
    assert found["explanation"].endswith("from 2015 to 2016 (UAH).")


def test_expenditure_gap_shows_its_arithmetic(findings: list[dict[str, Any]]) -> None:
    (found,) = [f for f in findings if f["rule_code"] == "A02"]
    evidence = found["evidence"]
    assert (evidence["unexplained"], evidence["household"]) == (1_231_920.0, 2)
    assert evidence["formula"] == (
        "expenditures 1500000.00 + living (1330.00 x 12 x 2 = 31920.00) + money change 0.00 "
        "- income 300000.00 - debt change 0.00 - fx_gain 0.00 = 1231920.00 > max(floor "
        "665000.00, 0.25 x 300000.00) = 665000.00"
    )
