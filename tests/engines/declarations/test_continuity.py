"""A16 on planted two-year histories: assets followed by what they are, not by their ids."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engines.declarations.population import declaration, income, screen


def flat(item: str, area: float, owner: str = "declarant", right: str = "ownership") -> dict:
    return {"item_id": item, "owner_id": owner, "property_type": "apartment", "area": area,
            "area_unit": "m2", "ownership_type": right}  # fmt: skip


def car(item: str, brand: str, model: str, year: int) -> dict[str, Any]:
    return {"item_id": item, "owner_id": "declarant", "vehicle_type": "car", "brand": brand,
            "model": model, "manufacture_year": year, "value": 500_000,
            "value_currency": "UAH"}  # fmt: skip


SPOUSE = [{"member_id": "s1", "relation": "spouse"}]
HISTORIES = [
    # The flat is only used in 2016 and the car is gone, no sale: both listed.
    declaration("gone", real_estate=[flat("r1", 50)], vehicles=[car("v1", "BMW", "X5", 2012)]),
    declaration("gone", 2016, real_estate=[flat("r1", 50, right="use")]),
    # The car is gone but a sale of movables is declared in 2016.
    declaration("sold", vehicles=[car("v1", "Audi", "A6", 2010)]),
    declaration("sold", 2016, incomes=[income("sale_movable", 300_000)]),
    # Same flat (60.04 m2 rounds to 60.0) under a new id, now the spouse's; same car written
    # in other case and spacing: nothing gone.
    declaration(
        "kept", family=SPOUSE, real_estate=[flat("r1", 60)], vehicles=[car("v1", "BMW", "X5", 2012)]
    ),
    declaration(
        "kept",
        2016,
        family=SPOUSE,
        real_estate=[flat("r9", 60.04, owner="s1")],
        vehicles=[car("v9", " bmw", "x5 ", 2012)],
    ),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    _, rows = screen(tmp_path_factory.mktemp("a16"), HISTORIES, declarations={"rules": ["A16"]})
    return rows


def test_only_assets_gone_without_a_sale_are_flagged(findings: list[dict[str, Any]]) -> None:
    (found,) = findings
    assert (found["rule_code"], found["subject_id"], found["value"]) == ("A16", "gone", 2.0)
    evidence = found["evidence"]
    assert [(i["section"], i["item_id"], i["asset"]) for i in evidence["items"]] == [
        ("real_estate", "r1", "apartment 50.0 m2"),
        ("vehicles", "v1", "BMW X5 2012"),
    ]
    assert (evidence["declaration_from"], evidence["declaration_id"]) == ("gone-2015", "gone-2016")
    assert found["explanation"] == (
        "2 asset(s) owned before and not after, with no sale declared between the 2015 and 2016 "
        "declarations."
    )
