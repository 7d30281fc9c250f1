"""A10, A12, A14, A15, A18 on planted canonical declarations: the items that must raise each
flag, and look-alikes that must not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adaldyq.jobs.declarations import ScreenSummary
from tests.engines.declarations.population import debt, declaration, income, money, screen


def estate(item: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"item_id": item, "owner_id": "declarant", "property_type": kind, **fields}


POPULATION = [
    # A10: a flat bought in 2015 with no cost given and a car bought in 2015 for 0.
    declaration(
        "nocost-yes",
        real_estate=[estate("r1", "apartment", acquired_on="2015-05-01", value_status="missing")],
        vehicles=[
            {
                "item_id": "v1",
                "owner_id": "declarant",
                "vehicle_type": "car",
                "value": 0,
                "value_currency": "UAH",
                "acquired_on": "2015-07-01",
            }
        ],
    ),
    # Not A10: bought in 2014; bought in 2015 with a cost; only used, not owned.
    declaration(
        "nocost-no",
        real_estate=[
            estate("r1", "apartment", acquired_on="2014-05-01", value_status="missing"),
            estate(
                "r2", "apartment", acquired_on="2015-05-01", value=1_000_000, value_currency="UAH"
            ),
            estate(
                "r3",
                "apartment",
                acquired_on="2015-05-01",
                value_status="not_applicable",
                ownership_type="use",
            ),
        ],
    ),
    declaration("house-yes", real_estate=[estate("r1", "house")]),
    declaration(
        "house-no",
        real_estate=[
            estate("r1", "house"),
            estate("r2", "land", ownership_type="use"),
            estate("r3", "garage"),
        ],
        vehicles=[{"item_id": "v1", "owner_id": "declarant", "vehicle_type": "car"}],
    ),
    declaration("garage-yes", real_estate=[estate("r1", "garage")]),
    declaration(
        "abroad-yes",
        real_estate=[estate("r1", "apartment", country="PL", country_raw="Польща")],
        monetary_assets=[
            money("bank_account", 10)
            | {"institution_kind": "legal_entity_foreign", "institution_name": "Bank Abroad"}
        ],
    ),
    declaration("abroad-no", real_estate=[estate("r1", "apartment", country="UA")]),
    declaration("refused-yes") | {"refused_fields": 2},
    declaration("loan-yes", liabilities=[debt("borrowed_from_persons", 100_000)]),
    declaration(
        "loan-no",
        liabilities=[
            debt("credit", 100_000) | {"creditor_kind": "legal_entity_domestic"},
            debt("principal_paid", 50_000) | {"creditor_kind": "citizen_domestic"},
        ],
    ),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    summary: ScreenSummary
    summary, rows = screen(tmp_path_factory.mktemp("items"), POPULATION)
    assert summary.result.screened == len(POPULATION)
    return rows


def _evidence(findings: list[dict[str, Any]], code: str, person: str) -> dict[str, Any]:
    (found,) = [f for f in findings if (f["rule_code"], f["subject_id"]) == (code, person)]
    return dict(found["evidence"])


def test_each_rule_flags_exactly_its_planted_persons(findings: list[dict[str, Any]]) -> None:
    flagged = {(f["rule_code"], f["subject_id"]) for f in findings}
    assert flagged == {
        ("A10", "nocost-yes"),
        ("A12", "house-yes"),
        ("A12", "garage-yes"),
        ("A14", "abroad-yes"),
        ("A15", "refused-yes"),
        ("A18", "loan-yes"),
    }


def test_acquisitions_without_cost_are_listed(findings: list[dict[str, Any]]) -> None:
    evidence = _evidence(findings, "A10", "nocost-yes")
    assert [
        (i["section"], i["item_id"], i["value"], i["value_status"]) for i in evidence["items"]
    ] == [
        ("real_estate", "r1", None, "missing"),
        ("vehicles", "v1", 0.0, None),
    ]
    assert (
        evidence["formula"] == "2 item(s) acquired in the declaration year with a cost of 0 or none"
    )


def test_items_abroad_name_where(findings: list[dict[str, Any]]) -> None:
    items = _evidence(findings, "A14", "abroad-yes")["items"]
    assert sorted((i["section"], i["where"]) for i in items) == [
        ("monetary_assets", "Bank Abroad"),
        ("real_estate", "Польща"),
    ]


def test_refusals_and_private_loans_show_their_numbers(findings: list[dict[str, Any]]) -> None:
    refused = _evidence(findings, "A15", "refused-yes")
    assert (refused["refused_fields"], refused["formula"]) == (2, "refused_fields = 2 > 0")
    (loan,) = _evidence(findings, "A18", "loan-yes")["items"]
    assert (loan["liability_type"], loan["amount"]) == ("borrowed_from_persons", 100_000.0)


def _vehicle(item: str, brand: str, year: int) -> dict[str, Any]:
    return {"item_id": item, "owner_id": "declarant", "brand": brand, "model": "X",
            "manufacture_year": year}  # fmt: skip


def test_luxury_vehicle_on_a_modest_income(tmp_path: Path) -> None:
    """A 2012 Porsche ("porsche " as written) on 999,999.99 of income is flagged; the same car
    on 1,000,000 is not, nor a 2010 Bentley on no income."""
    people = [
        declaration(
            "lux-yes",
            incomes=[income("salary", 999_999.99)],
            vehicles=[_vehicle("v1", "porsche ", 2012)],
        ),
        declaration(
            "lux-rich",
            incomes=[income("salary", 1_000_000)],
            vehicles=[_vehicle("v1", "Porsche", 2012)],
        ),
        declaration("lux-old", vehicles=[_vehicle("v1", "Bentley", 2010)]),
    ]
    _, findings = screen(tmp_path, people, declarations={"rules": ["A13"]})
    assert [(f["subject_id"], f["evidence"]["formula"]) for f in findings] == [
        (
            "lux-yes",
            "1 luxury vehicle(s) made since 2011, family income 999999.99 < 1000000.00",
        )
    ]
    assert findings[0]["evidence"]["items"][0]["brand"] == "porsche "
