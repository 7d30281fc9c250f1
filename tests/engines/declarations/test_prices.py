"""A11 on planted declarations and a reference-price table: prices worked out by hand (rates of
`population.RATES`: USD 25 in 2015), look-alikes that must not be flagged, and the rule not run
without the table."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from adaldyq.errors import InputError
from tests.engines.declarations.population import declaration, screen


def flat(item: str, area: float, value: float | None, **fields: Any) -> dict[str, Any]:
    return {
        "item_id": item, "owner_id": "declarant", "property_type": "apartment", "area": area,
        "area_unit": "m2", "city": "Київ", "value": value, "value_currency": "UAH",
        "acquired_on": "2015-06-01", "ownership_type": "ownership", **fields,
    }  # fmt: skip


def car(item: str, value: float, made: int, currency: str = "USD") -> dict[str, Any]:
    return {
        "item_id": item, "owner_id": "declarant", "vehicle_type": "car", "brand": "Toyota ",
        "model": "camry", "manufacture_year": made, "value": value, "value_currency": currency,
        "acquired_on": "2015-03-01", "ownership_type": "ownership",
    }  # fmt: skip


PRICES = """\
kind,country,region,property_type,brand,model,made_from,made_to,year,median,currency,source
real_estate,UA,київ,apartment,,,,,2015,100000,UAH,city stats
real_estate,UA,,apartment,,,,,2015,40000,UAH,national stats
vehicle,UA,,,Toyota,Camry,2013,2016,2015,600000,UAH,dealers
vehicle,UA,,,Toyota,Camry,,,2015,200000,UAH,dealers any year
"""

POPULATION = [
    # 2,400,000 / 80 m2 = 30,000 per m2; Kyiv's median 100,000: ratio 0.3.
    declaration("cheap-flat", region="Київська область", real_estate=[flat("r1", 80, 2_400_000)]),
    # 6,000,000 / 80 = 75,000: ratio 0.75.
    declaration("fair-flat", real_estate=[flat("r1", 80, 6_000_000)]),
    # In Lviv, no city line: the national median 40,000; 1,000,000 / 50 = 20,000: ratio 0.5,
    # not below 0.5.
    declaration("edge-flat", real_estate=[flat("r1", 50, 1_000_000, city="Львів")]),
    # 10,000 USD x 25 = 250,000 UAH; made 2014, in the 2013-2016 band, median 600,000:
    # ratio 0.416667 (the national line without a band, 200,000, is less specific).
    declaration("cheap-car", vehicles=[car("v1", 10_000, 2014)]),
    # Made 2010: only the line without a band, 200,000; ratio 1.25.
    declaration("old-car", vehicles=[car("v1", 10_000, 2010)]),
    # Not compared: cost masked, bought before the declared year, only used.
    declaration(
        "not-compared",
        real_estate=[
            flat("r1", 80, None, value_status="masked"),
            flat("r2", 80, 100_000, acquired_on="2014-06-01"),
            flat("r3", 80, 100_000, ownership_type="use"),
        ],
    ),
]


@pytest.fixture(scope="module")
def a11(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("a11")
    return screen(root, POPULATION, {"prices": PRICES}, declarations={"rules": ["A11"]})


def test_undervalued_items_found_with_their_arithmetic(a11: tuple[Any, list[Any]]) -> None:
    summary, findings = a11
    assert summary.result.inputs["prices"].as_dict()["read"] == 4
    assert {f["subject_id"] for f in findings} == {"cheap-flat", "cheap-car"}
    by_person = {f["subject_id"]: f["evidence"] for f in findings}
    [flat_item] = by_person["cheap-flat"]["items"]
    assert flat_item["unit_price"] == 30_000.0
    assert flat_item["base_median"] == 100_000.0
    assert flat_item["ratio"] == 0.3
    assert flat_item["ref_region"] == "київ"
    assert flat_item["formula"] == (
        "2400000.00 / 80 m2 = 30000.00 per m2; 30000.00 / median 100000.00 = 0.3000"
    )
    [car_item] = by_person["cheap-car"]["items"]
    assert car_item["base_value"] == 250_000.0
    assert car_item["rate"] == 25.0
    assert car_item["base_median"] == 600_000.0
    assert car_item["ratio"] == pytest.approx(0.416667)
    assert by_person["cheap-car"]["formula"] == (
        "1 item(s) bought below 0.5 of the reference median"
    )


def test_not_run_without_prices(tmp_path: Path) -> None:
    summary, findings = screen(tmp_path, POPULATION, declarations={"rules": ["A11"]})
    assert findings == []
    reason = summary.result.not_run["A11"]
    assert reason.startswith("not run: no reference prices") and "--prices" in reason
    assert summary.result.meta["A11"]["not_run"] == reason


def test_bad_price_line_rejected_with_file_line_field(tmp_path: Path) -> None:
    bad = PRICES + "vehicle,UA,,,,Camry,,,2015,100,UAH,no brand\n"
    bad += "real_estate,UA,київ,apartment,,,,,2015,-5,UAH,negative\n"
    summary, _ = screen(tmp_path, POPULATION, {"prices": bad}, declarations={"rules": ["A11"]})
    counts = summary.result.inputs["prices"]
    assert (counts.read, counts.loaded, counts.rejected) == (6, 4, 2)
    rejects = tmp_path / "ws" / "rejects-declaration_reference_prices.csv"
    with rejects.open(encoding="utf-8") as handle:
        rows = [(Path(r["file"]).name, r["line"], r["path"], r["reason"])
                for r in csv.DictReader(handle)]  # fmt: skip
    assert rows == [
        ("prices.csv", "6", "brand", "required value is missing for vehicle"),
        ("prices.csv", "7", "median", "must be greater than 0, got '-5'"),
    ]


def test_bad_header_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"prices\.csv: line 1: medain"):
        screen(tmp_path, POPULATION, {"prices": "kind,country,year,medain,currency\n"})


def test_an_input_not_given_again_is_not_read_again(tmp_path: Path) -> None:
    """A second screening of the same workspace without --prices does not read the prices the
    first was given: the table is emptied and A11 is not run."""
    first, found = screen(tmp_path, POPULATION, {"prices": PRICES}, declarations={"rules": ["A11"]})
    assert found and "A11" not in first.result.not_run
    table = tmp_path / "ws" / "tables" / "declaration_reference_prices"
    assert list(table.glob("*/*.parquet"))
    again, found = screen(tmp_path, POPULATION, declarations={"rules": ["A11"]})
    assert found == [] and "A11" in again.result.not_run
    assert not list(table.glob("*/*.parquet"))


def test_unknown_input_kind(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown screening input 'price'; known: prices"):
        screen(tmp_path, POPULATION, {"price": PRICES})
