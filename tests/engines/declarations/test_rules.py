"""Each rule on planted canonical declarations: one person per case, the expected values worked
out by hand in the comments (rates: 25 UAH/USD, 30 UAH/EUR on 31.12.2015)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.errors import ConfigError
from adaldyq.jobs.declarations import ScreenSummary, screen_declarations_job
from adaldyq.settings import load_settings
from tests.engines.declarations.population import (
    debt,
    declaration,
    income,
    money,
    screen,
    spent,
)

SPOUSE = [{"member_id": "s1", "relation": "spouse"}]
SALARY = [income("salary", 1_000_000)]

POPULATION = [
    # A04: 300,000 UAH + the spouse's 10,000 USD x 25 = 550,000 > 500,000; 100 GBP has no rate.
    declaration(
        "cash-yes",
        family=SPOUSE,
        incomes=SALARY,
        monetary_assets=[
            money("cash", 300_000),
            money("cash", 10_000, owner="s1", currency="USD"),
            money("bank_account", 100, currency="GBP"),
        ],
    ),
    declaration("cash-no", incomes=SALARY, monetary_assets=[money("cash", 499_999)]),
    # A05: 1,000,001 / 100,000 = 10.00001 > 10; exactly 10 is not above.
    declaration(
        "assets-yes",
        incomes=[income("salary", 100_000)],
        monetary_assets=[money("bank_account", 1_000_001)],
    ),
    declaration(
        "assets-no",
        incomes=[income("salary", 100_000)],
        monetary_assets=[money("bank_account", 1_000_000)],
    ),
    # A06: 3,000,001 / (500,000 + 500,000) = 3.000001 > 3.
    declaration(
        "spend-yes",
        incomes=[income("salary", 500_000)],
        monetary_assets=[money("bank_account", 500_000)],
        expenditures=[spent(3_000_001)],
    ),
    declaration(
        "spend-no",
        incomes=[income("salary", 500_000)],
        monetary_assets=[money("bank_account", 500_000)],
        expenditures=[spent(3_000_000)],
    ),
    # A07: 2,100,000 / (1,000,000 + 0) = 2.1 > 2; principal paid in the year is not a debt.
    declaration("debt-yes", incomes=SALARY, liabilities=[debt("credit", 2_100_000)]),
    declaration(
        "debt-no",
        incomes=SALARY,
        liabilities=[debt("credit", 2_000_000), debt("principal_paid", 5_000_000)],
    ),
    # A08: 60,000 / (40,000 + 60,000) = 0.6 > 0.5; 50,000 / 100,000 = 0.5 is not above.
    declaration("gifts-yes", incomes=[income("salary", 40_000), income("gift_cash", 60_000)]),
    declaration("gifts-no", incomes=[income("salary", 50_000), income("gift_in_kind", 50_000)]),
    # A09: a prize of 10,000 is at the threshold (>=); 9,999.99 is below.
    declaration("prize-yes", incomes=[income("salary", 100_000), income("prize", 10_000)]),
    declaration("prize-no", incomes=[income("salary", 100_000), income("prize", 9_999.99)]),
    # A19: 300,000.01 lent > 300,000.
    declaration("lent-yes", incomes=SALARY, monetary_assets=[money("lent_to_others", 300_000.01)]),
    declaration("lent-no", incomes=SALARY, monetary_assets=[money("lent_to_others", 300_000)]),
    # Two filings of 2015: the later one (no cash) replaces the earlier (9 m cash).
    declaration("refiled", incomes=SALARY, monetary_assets=[money("cash", 9_000_000)])
    | {"declaration_id": "refiled-old", "submitted_on": "2016-03-01"},
    declaration("refiled", incomes=SALARY) | {"submitted_on": "2016-04-01"},
    # A candidate's declaration is not screened.
    declaration("candidate", monetary_assets=[money("cash", 9_000_000)])
    | {"declaration_type": "candidate"},
]


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory) -> tuple[ScreenSummary, list[dict]]:
    return screen(tmp_path_factory.mktemp("rules"), POPULATION)


def _by_rule(findings: list[dict[str, Any]], code: str) -> dict[str, dict[str, Any]]:
    return {f["subject_id"]: f for f in findings if f["rule_code"] == code}


def test_every_declaration_is_accounted_for(screened: tuple[ScreenSummary, list[dict]]) -> None:
    summary, _ = screened
    result = summary.result
    assert (summary.report.read, summary.report.loaded) == (17, 17)
    assert (result.screened, result.superseded, result.not_annual) == (15, 1, 1)
    assert result.base_currency == "UAH"


def test_each_rule_flags_exactly_its_planted_person(
    screened: tuple[ScreenSummary, list[dict]],
) -> None:
    _, findings = screened
    flagged = {(f["rule_code"], f["subject_id"]) for f in findings}
    assert flagged == {
        ("A04", "cash-yes"),
        ("A05", "assets-yes"),
        ("A06", "spend-yes"),
        ("A07", "debt-yes"),
        ("A08", "gifts-yes"),
        ("A09", "prize-yes"),
        ("A19", "lent-yes"),
    }
    assert {f["engine"] for f in findings} == {"declarations"}
    assert {f["subject_type"] for f in findings} == {"person"}


def test_cash_sums_the_family_at_the_table_rate(screened: tuple[ScreenSummary, list]) -> None:
    found = _by_rule(screened[1], "A04")["cash-yes"]
    evidence = found["evidence"]
    assert evidence["cash"] == 550_000.0
    assert evidence["formula"] == "cash = 550000.00 > 500000.00"
    assert evidence["rates"] == {"USD": {"rate": 25.0, "day": "2015-12-31"}}
    assert evidence["unconverted"] == {"GBP": 100.0}
    assert [(i["declared"], i["currency"], i["amount"]) for i in evidence["items"]] == [
        (300_000.0, "UAH", 300_000.0),
        (10_000.0, "USD", 250_000.0),
    ]
    # One year only, so no growth to compare: the level alone scores half the weight.
    assert (found["value"], found["score"], evidence["weight"]) == (550_000.0, 0.15, 0.3)


def test_cash_growing_faster_than_income_scores_the_full_weight(tmp_path: Path) -> None:
    people = [
        # 100,000 -> 900,000: growth 800,000 > income 200,000.
        declaration("hoard", monetary_assets=[money("cash", 100_000)]),
        declaration("hoard", 2016, incomes=[income("salary", 200_000)],
                    monetary_assets=[money("cash", 900_000)]),
        # 600,000 -> 700,000: growth 100,000 <= income 200,000; above the threshold both years.
        declaration("saver", monetary_assets=[money("cash", 600_000)]),
        declaration("saver", 2016, incomes=[income("salary", 200_000)],
                    monetary_assets=[money("cash", 700_000)]),
    ]  # fmt: skip
    _, findings = screen(tmp_path, people, declarations={"rules": ["A04"]})
    found = {(f["subject_id"], f["evidence"]["year"]): f for f in findings}
    assert {key: f["score"] for key, f in found.items()} == {
        ("hoard", 2016): 0.3,
        ("saver", 2015): 0.15,
        ("saver", 2016): 0.15,
    }
    assert found[("hoard", 2016)]["evidence"]["formula"] == (
        "cash = 900000.00 > 500000.00; growth 900000.00 - 100000.00 = 800000.00 > income 200000.00"
    )
    assert found[("saver", 2016)]["evidence"]["cash_growth"] == 100_000.0
    assert found[("saver", 2016)]["evidence"]["formula"].endswith(
        "growth 700000.00 - 600000.00 = 100000.00 <= income 200000.00"
    )


@pytest.mark.parametrize(
    ("code", "person", "formula"),
    [
        ("A05", "assets-yes", "monetary_assets / income = 1000001.00 / 100000.00 = 10.00 > 10"),
        (
            "A06",
            "spend-yes",
            "expenditures / (income + monetary_assets) = 3000001.00 / (500000.00 + 500000.00) "
            "= 3.00 > 3",
        ),
        (
            "A07",
            "debt-yes",
            "liabilities / (income + monetary_assets) = 2100000.00 / (1000000.00 + 0.00) "
            "= 2.10 > 2",
        ),
        ("A08", "gifts-yes", "gifts / income = 60000.00 / 100000.00 = 0.60 > 0.5"),
        ("A09", "prize-yes", "prizes = 10000.00 >= 10000.00"),
        ("A19", "lent-yes", "lent = 300000.01 > 300000.00"),
    ],
)
def test_the_evidence_shows_the_arithmetic(
    screened: tuple[ScreenSummary, list], code: str, person: str, formula: str
) -> None:
    found = _by_rule(screened[1], code)[person]
    assert found["evidence"]["formula"] == formula
    assert found["evidence"]["declaration_id"] == f"{person}-2015"
    assert found["explanation"] == f"{formula} in the 2015 declaration (UAH)."


def test_ratios_are_exact(screened: tuple[ScreenSummary, list]) -> None:
    assert _by_rule(screened[1], "A05")["assets-yes"]["value"] == pytest.approx(10.00001)
    assert _by_rule(screened[1], "A06")["spend-yes"]["value"] == pytest.approx(3.000001)


def test_ranking_sums_weights_per_person(screened: tuple[ScreenSummary, list]) -> None:
    ranking = {p.person_id: p for p in screened[0].ranking}
    assert ranking["spend-yes"].total == 0.8
    assert ranking["spend-yes"].contributions == {"A06": 0.8}
    assert ranking["spend-yes"].years == {"A06": [2015]}
    assert screened[0].ranking[0].person_id == "spend-yes"


def test_thresholds_come_from_settings(tmp_path: Path) -> None:
    people = [declaration("cash-no", monetary_assets=[money("cash", 499_999)])]
    params = {"params": {"A04": {"threshold": 400_000}}, "rules": ["A04"]}
    _, findings = screen(tmp_path, people, declarations=params)
    assert [(f["rule_code"], f["evidence"]["formula"]) for f in findings] == [
        ("A04", "cash = 499999.00 > 400000.00")
    ]


def test_kazakh_amount_thresholds_follow_the_years_mci(tmp_path: Path) -> None:
    """Kazakhstan: cash above 1,000 MCI (3,450 tenge in 2023, so 3,450,000); 2,000,000 tenge,
    a flag at the Ukrainian constant's order of magnitude, is not one here."""
    people = [
        declaration("kz-hoard", 2023, country="KZ",
                    monetary_assets=[money("cash", 3_500_000, currency="KZT")]),
        declaration("kz-saver", 2023, country="KZ",
                    monetary_assets=[money("cash", 2_000_000, currency="KZT")]),
    ]  # fmt: skip
    _, findings = screen(tmp_path, people, declarations={"rules": ["A04"]})
    (found,) = findings
    assert found["subject_id"] == "kz-hoard"
    assert found["evidence"]["formula"] == "cash = 3500000.00 > 3450000.00"
    assert found["evidence"]["threshold_basis"].startswith("1000 MCI x 3450.00 (2023); ")


def test_country_thresholds_follow_the_sums_into_another_base_currency(tmp_path: Path) -> None:
    """Sums in dollars: Ukraine's 500,000 UAH cash threshold becomes 500,000 x 0.04 = 20,000 USD
    through the same rates table; without a hryvnia rate the run says what to give."""
    source = tmp_path / "declarations.jsonl"
    person = declaration("usd", monetary_assets=[money("cash", 600_000)])  # 24,000 USD
    source.write_text(json.dumps(person), encoding="utf-8")
    rates = tmp_path / "rates.csv"
    rates.write_text("date,currency,rate\n2015-12-31,UAH,0.04\n", encoding="utf-8")
    options = {"base_currency": "USD", "rules": ["A04"]}
    settings = load_settings(workspace=tmp_path / "ws", declarations=options)
    summary = screen_declarations_job(settings, [str(source)], "canonical", rates)
    (found,) = pq.read_table(summary.findings_file).to_pylist()
    evidence = json.loads(found["evidence"])
    assert evidence["formula"] == "cash = 24000.00 > 20000.00"
    assert evidence["threshold_basis"].endswith("x 0.04 USD/UAH")
    rates.write_text("date,currency,rate\n2015-12-31,EUR,1.1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="give --rates with UAH"):
        screen_declarations_job(settings, [str(source)], "canonical", rates)
