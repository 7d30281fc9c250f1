"""Signs read from the company facts form: B05 capital raised just before an award (not the
founding capital, not a raise long before, not one in another currency), and B06 no staff or
little tax against a large turnover (not a small one, not where the figures are unknown)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adaldyq.store.backend import Backend
from tests.engines.integrity.world import World, by_rule, make_bin, path_of

BUYER, SUPPLIER = make_bin("0501", 100), make_bin("1001", 200)
COMPANY = f"kz-bin-{SUPPLIER}"
pytestmark = pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)


def _capital(day: str, amount: float, currency: str = "KZT") -> dict[str, Any]:
    return {"company_id": SUPPLIER, "date": day, "capital": amount, "capital_currency": currency}


def _world(*facts: dict[str, Any]) -> World:
    world = World(facts=list(facts))
    world.body("akimat", BUYER)
    world.entity(COMPANY, "Company", name="alpha", registrationNumber=SUPPLIER,
                 incorporationDate="2010-05-01")  # fmt: skip
    world.tender("ocds-1", BUYER, [SUPPLIER], SUPPLIER, "2023-03-01", "2023-04-01")
    return world


def test_capital_raised_weeks_before_the_award(tmp_path: Path, backend: Backend) -> None:
    world = _world(_capital("2010-05-01", 1e5), _capital("2023-03-02", 5e7))
    [finding] = by_rule(world.run(tmp_path, backend, ["B05"]).findings, "B05")
    assert finding.evidence["capital_raised"][0] | {"source_file": None} == {
        "from": 1e5, "to": 5e7, "currency": "KZT", "date": "2023-03-02", "source_file": None,
        "source_line": 3,
    }  # fmt: skip
    assert path_of(finding) == (
        [f"capital:{COMPANY}@2023-03-02", COMPANY, "ocds-1/1"],
        ["CompanyFact", "ContractAward"],
    )
    assert "30 days before the award" in finding.evidence["summary"]


@pytest.mark.parametrize(
    "facts",
    [
        [_capital("2023-03-02", 5e7)],  # the first capital on record is the founding one
        [_capital("2010-05-01", 1e5), _capital("2022-06-01", 5e7)],  # long before
        [_capital("2010-05-01", 1e5), _capital("2023-03-02", 5e7, "USD")],  # another currency
        [_capital("2010-05-01", 1e5), _capital("2023-05-01", 5e7)],  # after the award
        [_capital("2010-05-01", 1e5), _capital("2023-03-02", 5e4)],  # lowered
    ],
)
def test_no_capital_sign(tmp_path: Path, backend: Backend, facts: list[dict[str, Any]]) -> None:
    assert by_rule(_world(*facts).run(tmp_path, backend, ["B05"]).findings, "B05") == []


def _year(employees: int | None, turnover: float, tax: float | None) -> dict[str, Any]:
    return {"company_id": SUPPLIER, "date": "2023", "employees": employees, "turnover": turnover,
            "tax_paid": tax, "currency": "KZT"}  # fmt: skip


def test_no_staff_and_little_tax(tmp_path: Path, backend: Backend) -> None:
    world = _world(_year(0, 5e8, 1e5), _year(12, 5e8, 2e7) | {"date": "2022"})
    [finding] = by_rule(world.run(tmp_path, backend, ["B06"]).findings, "B06")
    assert finding.subject_id == COMPANY and finding.value == 5e8
    assert finding.evidence["sign"] == (
        "no employees against a turnover of 500,000,000 KZT in 2023; "
        "tax paid 100,000 is 0.02% of a turnover of 500,000,000 KZT in 2023"
    )
    assert path_of(finding) == ([f"facts:{COMPANY}@2023", COMPANY], ["CompanyFact"])
    assert finding.score == pytest.approx(0.5)  # weight 0.5 x (0.4 + 0.3 x 2 signs)


@pytest.mark.parametrize(
    "year",
    [_year(0, 2e6, 0.0), _year(None, 5e8, None), _year(8, 5e8, 3e6)],
    ids=["small turnover", "figures unknown", "tax above the share"],
)
def test_no_staff_sign(tmp_path: Path, backend: Backend, year: dict[str, Any]) -> None:
    assert by_rule(_world(year).run(tmp_path, backend, ["B06"]).findings, "B06") == []
