"""A17 and A17R on planted declarations and a register extract: lines held on 31 December but not
declared, declared items no register line holds, and look-alikes that match within the
tolerances."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.csv as pv
import pyarrow.parquet as pq
import pytest

from adaldyq.jobs.declarations import screen_declarations_job
from adaldyq.settings import load_settings
from tests.engines.declarations.population import declaration, screen


def estate(item: str, kind: str, area: float, owner: str = "declarant") -> dict[str, Any]:
    return {"item_id": item, "owner_id": owner, "property_type": kind, "area": area,
            "area_unit": "m2", "ownership_type": "ownership"}  # fmt: skip


def vehicle(item: str, brand: str, model: str, made: int, owner: str = "declarant") -> dict:
    return {"item_id": item, "owner_id": owner, "vehicle_type": "car", "brand": brand,
            "model": model, "manufacture_year": made, "ownership_type": "ownership"}  # fmt: skip


SPOUSE = [{"member_id": "f1", "relation": "spouse"}]
POPULATION = [
    declaration(
        "reg-a",
        family=SPOUSE,
        real_estate=[estate("r1", "apartment", 60.0)],
        vehicles=[
            vehicle("v1", "Toyota", "Camry", 2012),
            vehicle("v2", "Lada", "Vesta", 2016, "f1"),
        ],
        securities=[
            {
                "item_id": "s1",
                "owner_id": "declarant",
                "security_type": "corporate_right",
                "issuer_code": "01234567",
                "issuer_name": "TOV Romashka",
            }
        ],
    ),
    declaration(
        "reg-b",
        real_estate=[estate("r1", "apartment", 75.0)],
        vehicles=[vehicle("v1", "Lada", "Vesta", 2015)],
    ),
    declaration("reg-c", vehicles=[vehicle("v1", "Kia", "Rio", 2014)]),
]
HEADER = (
    "register,person_id,person_name,object,property_type,area_m2,brand,model,manufacture_year,"
    "vin,plate,company_code,company_name,share,held_from,held_to,source\n"
)
REGISTERS = HEADER + (
    # reg-a: the flat within 1 m2 (60.4 vs 60.0); a house of 120 m2 not declared; a BMW whose
    # right ended on 31 Dec 2015 (not held at the year's end); the company code without its
    # leading zero; the spouse's Lada is not in the register (no id to give it).
    "real_estate,reg-a,A,flat,apartment,60.4,,,,,,,,100,2010-05-01,,land\n"
    "real_estate,reg-a,A,house,house,120,,,,,,,,100,2014-03-01,,land\n"
    "vehicle,reg-a,A,car,,,BMW,X5,2014,WBA1,AA1,,,,2013-01-10,2015-12-31,police\n"
    "vehicle,reg-a,A,car,,,toyota,CAMRY,,,,,,,2012-05-05,,police\n"
    "company,reg-a,A,llc,,,,,,,,1234567,TOV Romashka,50,2012-01-01,,companies\n"
    # reg-b: the flat 75.5 vs 75.0; a Kia sold in 2012; the Lada declared is in no line.
    "real_estate,reg-b,B,flat,apartment,75.5,,,,,,,,100,2011-01-01,,land\n"
    "vehicle,reg-b,B,car,,,Kia,Rio,2009,,,,,,2010-01-01,2012-06-01,police\n"
)


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[tuple[str, str], Any]]:
    root = tmp_path_factory.mktemp("a17")
    summary, rows = screen(
        root, POPULATION, {"registers": REGISTERS}, declarations={"rules": ["A17", "A17R"]}
    )
    return summary, {(r["rule_code"], r["subject_id"]): r["evidence"] for r in rows}


def test_in_register_not_declared(found: tuple[Any, dict[tuple[str, str], Any]]) -> None:
    _, flags = found
    assert {key for key in flags if key[0] == "A17"} == {("A17", "reg-a")}
    [line] = flags["A17", "reg-a"]["lines"]
    assert line["register"] == "real_estate"
    assert (line["property_type"], line["area_m2"], line["held_from"]) == (
        "house",
        120.0,
        "2014-03-01",
    )
    # tolerance max(1 m2, 1 % of 120 m2) = 1.2 m2
    assert line["why"] == "no declared house within 1.2 m2 of 120 m2"
    assert [d["item_id"] for d in line["declared"]] == ["r1"]
    assert flags["A17", "reg-a"]["formula"] == (
        "1 register line(s) held on 31 December, not declared"
    )


def test_declared_not_in_register(found: tuple[Any, dict[tuple[str, str], Any]]) -> None:
    _, flags = found
    # reg-c is in no register line (an extract): not compared; reg-a's spouse car: no id.
    assert {key for key in flags if key[0] == "A17R"} == {("A17R", "reg-b")}
    [item] = flags["A17R", "reg-b"]["items"]
    assert (item["register"], item["brand"], item["model"]) == ("vehicle", "Lada", "Vesta")
    assert item["register_lines"] == []  # the Kia's right ended in 2012


def test_company_register_and_family_reported(
    found: tuple[Any, dict[tuple[str, str], Any]],
) -> None:
    summary, _ = found
    assert "A17 company register" not in summary.result.not_run
    assert summary.result.not_run["A17 family members"].startswith("not matched")


def test_a17r_complete_register_compares_everyone(tmp_path: Path) -> None:
    _, rows = screen(
        tmp_path, POPULATION, {"registers": REGISTERS},
        declarations={"rules": ["A17R"], "params": {"A17R": {"register_complete": True}}},
    )  # fmt: skip
    assert {r["subject_id"] for r in rows} == {"reg-b", "reg-c"}


def test_missing_register_kind_reported(tmp_path: Path) -> None:
    only_cars = HEADER + "vehicle,reg-c,C,car,,,Kia,Rio,2014,,,,,,2014-01-01,,police\n"
    summary, rows = screen(
        tmp_path, POPULATION, {"registers": only_cars}, declarations={"rules": ["A17"]}
    )
    assert rows == []
    assert summary.result.not_run["A17 real_estate register"] == (
        "not run: no real_estate lines in the registers given"
    )


def test_register_line_without_area_rejected(tmp_path: Path) -> None:
    bad = REGISTERS + "real_estate,reg-b,B,flat,apartment,,,,,,,,,100,2011-01-01,,land\n"
    bad += "vehicle,reg-b,B,car,,,Kia,Rio,2009,,,,,,2013-01-01,2012-06-01,police\n"
    summary, _ = screen(tmp_path, POPULATION, {"registers": bad}, declarations={"rules": ["A17"]})
    counts = summary.result.inputs["registers"]
    assert (counts.read, counts.loaded, counts.rejected) == (9, 7, 2)
    reasons = dict(counts.reasons)
    assert reasons == {"required value is missing for real_estate": 1, "ends before it starts": 1}


def test_registers_as_parquet(tmp_path: Path) -> None:
    """The same register as a Parquet file (types as pyarrow infers them from the CSV): the
    same lines loaded, the same flags."""
    source = tmp_path / "registers.csv"
    source.write_text(REGISTERS, encoding="utf-8")
    parquet = tmp_path / "registers.parquet"
    pq.write_table(pv.read_csv(source), parquet)
    people = tmp_path / "people.jsonl"
    people.write_text("\n".join(json.dumps(p) for p in POPULATION), encoding="utf-8")
    settings = load_settings(workspace=tmp_path / "ws", declarations={"rules": ["A17", "A17R"]})
    summary = screen_declarations_job(
        settings, [str(people)], "canonical", screening_inputs={"registers": [parquet]}
    )
    counts = summary.result.inputs["registers"]
    assert (counts.read, counts.loaded, counts.rejected) == (7, 7, 0)
    assert dict(summary.result.counts) == {"A17": 1, "A17R": 1}
