"""The year-by-year balance the screening stores: one real declaration read by hand from the
NACP JSON, a two-year history computed by hand, and the rules' own gaps equal to the balance's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.engines.declarations.balance import BALANCE_SCHEMA
from adaldyq.jobs.declarations import screen_declarations_job
from adaldyq.settings import load_settings
from adaldyq.store.catalog import Workspace
from tests.engines.declarations.population import debt, declaration, income, money, screen, spent
from tests.engines.declarations.test_real_declarations import DATA, _rates


def _balance(workspace: Path) -> dict[tuple[str, int], dict[str, Any]]:
    table = pq.read_table(Workspace(workspace).declarations_balance)
    assert table.schema == BALANCE_SCHEMA
    return {(r["person_id"], r["year"]): r for r in table.to_pylist()}


def test_poroshenko_jr_2015_by_hand(tmp_path: Path) -> None:
    """poroshenko_jr.json read by eye. Step 3: an office bought for 1,800,000 UAH (100 %) and a
    flat with its cost not given (counts 0); step 6: a GAZ 14 (no cost), a BMW 320i for 424,640
    and a Land Rover for 680,435, so property = 1,800,000 + 424,640 + 680,435 = 2,905,075.
    Step 13: the wife's credit of 31,345 EUR x 26.223129 = 821,963.98. Steps 11-12 as in
    test_real_declarations: income 2,270,453 (no gift), money 20,950,577.32 of which cash
    11,757,458.80. NW = 2,905,075 + 20,950,577.32 - 821,963.98 = 23,033,688.34. Step 2: wife,
    son, daughter, so a household of 4 and living = 1,176 x 12 x 4 = 56,448 (2015's minimum).
    Step 14 is empty. Only 2015 was declared: no change, no gap."""
    settings = load_settings(workspace=tmp_path / "ws")
    screen_declarations_job(settings, [str(DATA / "poroshenko_jr.json")], "nacp", _rates(tmp_path))
    [(key, row)] = _balance(tmp_path / "ws").items()
    assert key == ("порошенко олексій петрович", 2015)
    assert row["full_name"] == "Порошенко Олексій Петрович"
    assert row["position"] == "Народний депутат України"
    assert {k: row[k] for k in ("property", "monetary_assets", "cash", "liabilities")} == {
        "property": 2_905_075.0,
        "monetary_assets": 20_950_577.32,
        "cash": 11_757_458.80,
        "liabilities": 821_963.98,
    }
    assert row["net_worth"] == 23_033_688.34
    assert (row["income"], row["gifts"], row["expenditures"]) == (2_270_453.0, 0.0, 0.0)
    assert (row["household"], row["subsistence_minimum"], row["living_cost"]) == (4, 1176, 56_448)
    changes = ("year_from", "net_worth_change", "fx_gain", "net_worth_gap", "spending_gap")
    assert all(row[k] is None for k in changes)


def _flat() -> dict[str, Any]:
    return {"item_id": "r1", "owner_id": "declarant", "property_type": "apartment",
            "value": 1_000_000, "value_currency": "UAH", "acquired_on": "2010-01-01"}  # fmt: skip


SPOUSE = [{"member_id": "s1", "relation": "spouse"}]
HISTORY = [
    declaration(
        "two-years",
        family=SPOUSE,
        real_estate=[_flat()],
        monetary_assets=[money("cash", 100_000, currency="USD")],
        liabilities=[debt("credit", 200_000)],
        incomes=[income("salary", 300_000), income("gift_cash", 50_000, owner="s1")],
    ),
    declaration(
        "two-years",
        2016,
        family=SPOUSE,
        real_estate=[_flat()],
        monetary_assets=[money("cash", 120_000, currency="USD")],
        liabilities=[debt("credit", 100_000)],
        incomes=[income("salary", 400_000)],
        expenditures=[spent(1_000_000)],
    ),
]


def test_two_years_by_hand(tmp_path: Path) -> None:
    """2015: property 1,000,000; cash 100,000 USD x 25 = 2,500,000; debt 200,000; NW 3,300,000;
    income 300,000 + the spouse's gift 50,000. 2016: cash 120,000 x 27 = 3,240,000; debt
    100,000; NW 4,140,000, so +840,000; income 400,000; spent 1,000,000; living 1,330 x 12 x 2
    = 31,920; FX on the 2015 dollars 100,000 x (27 - 25) = 200,000.
    A01 gap = 840,000 + 31,920 - 400,000 - 200,000 = 271,920 (below 500 x 1,330 = 665,000).
    A02 gap = 1,000,000 + 31,920 + 740,000 - 400,000 - (-100,000) - 200,000 = 1,271,920, and
    A02 flags it with the same amount."""
    summary, findings = screen(tmp_path, HISTORY)
    rows = _balance(tmp_path / "ws")
    first, second = rows[("two-years", 2015)], rows[("two-years", 2016)]
    assert (first["property"], first["cash"], first["liabilities"]) == (1e6, 2.5e6, 2e5)
    assert (first["net_worth"], first["income"], first["gifts"]) == (3.3e6, 350_000, 50_000)
    assert (first["household"], first["living_cost"]) == (2, 1_176 * 12 * 2)
    assert first["net_worth_gap"] is None
    assert second["year_from"] == 2015
    assert (second["monetary_assets"], second["net_worth"]) == (3_240_000, 4_140_000)
    assert (second["monetary_change"], second["liabilities_change"]) == (740_000, -100_000)
    assert (second["property_change"], second["net_worth_change"]) == (0, 840_000)
    assert (second["expenditures"], second["living_cost"], second["fx_gain"]) == (1e6, 31_920, 2e5)
    assert (second["net_worth_gap"], second["spending_gap"]) == (271_920, 1_271_920)
    [a02] = [f for f in findings if f["rule_code"] == "A02"]
    assert a02["evidence"]["unexplained"] == second["spending_gap"]
    assert not [f for f in findings if f["rule_code"] == "A01"]
    assert summary.result.screened == len(rows) == 2


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole NACP sample screened with the NBU rates."""
    tmp = tmp_path_factory.mktemp("sample")
    settings = load_settings(workspace=tmp / "ws")
    screen_declarations_job(settings, [str(DATA)], "nacp", _rates(tmp))
    return tmp / "ws"


def test_every_screened_declaration_has_one_row(sample: Path) -> None:
    rows = _balance(sample)
    assert len(rows) == 470  # the screened count test_real_declarations checks
    two_years = [r for (_, year), r in rows.items() if year == 2016 and r["year_from"] == 2015]
    assert two_years
    for row in two_years:
        before = rows[(row["person_id"], 2015)]
        assert row["net_worth_change"] == pytest.approx(
            row["net_worth"] - before["net_worth"], abs=0.011
        )


def test_the_rules_gaps_are_the_balance_gaps(sample: Path) -> None:
    """Every A01 and A02 finding on a year pair shows the balance's gap of that year, to the cent
    (the finding adds up amounts already rounded to cents)."""
    rows = _balance(sample)
    findings = pq.read_table(sample / "findings.parquet").to_pylist()
    compared = 0
    for finding in findings:
        evidence = json.loads(finding["evidence"])
        if finding["rule_code"] not in ("A01", "A02") or "pairs" in evidence:
            continue
        row = rows[(finding["subject_id"], evidence["year"])]
        column = "net_worth_gap" if finding["rule_code"] == "A01" else "spending_gap"
        assert evidence["unexplained"] == pytest.approx(row[column], abs=0.03)
        compared += 1
    assert compared
