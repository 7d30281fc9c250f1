"""A03 on planted four-year histories: a year's acquisitions against the three years before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.engines.declarations.population import declaration, income, screen


def bought(item: str, value: float, day: str) -> dict[str, Any]:
    return {"item_id": item, "owner_id": "declarant", "property_type": "apartment",
            "value": value, "value_currency": "UAH", "acquired_on": day}  # fmt: skip


def history(person: str, years: tuple[int, ...], purchases: list[dict[str, Any]]) -> list[dict]:
    """Incomes 100,000 in 2012, 200,000 in 2013, 300,000 in 2014 (those of `years`), then a
    2015 declaration with `purchases` and an old flat of 5,000,000 bought in 2010."""
    earned = {2012: 100_000, 2013: 200_000, 2014: 300_000}
    before = [declaration(person, y, incomes=[income("salary", earned[y])]) for y in years]
    old = bought("r0", 5_000_000, "2010-01-01")
    return [*before, declaration(person, 2015, real_estate=[old, *purchases])]


def test_acquisitions_above_three_years_of_income(tmp_path: Path) -> None:
    """acq-yes: 400,000 + 200,001 = 600,001 bought in 2015 > 100,000 + 200,000 + 300,000 =
    600,000. acq-no: 600,000 is not above. acq-gap: 2012 not declared, so not compared. A02
    runs beside it: the profile knows no Ukrainian subsistence minimum before 2015, so the pairs
    ending in 2013 and 2014 are left out and named in the run's meta."""
    all_years = (2012, 2013, 2014)
    people = [
        *history(
            "acq-yes",
            all_years,
            [bought("r1", 400_000, "2015-03-01"), bought("r2", 200_001, "2015-06-01")],
        ),
        *history("acq-no", all_years, [bought("r1", 600_000, "2015-03-01")]),
        *history("acq-gap", (2013, 2014), [bought("r1", 10_000_000, "2015-03-01")]),
    ]
    summary, findings = screen(tmp_path, people, declarations={"rules": ["A02", "A03"]})
    assert {(f["rule_code"], f["subject_id"]) for f in findings} == {("A03", "acq-yes")}
    evidence = findings[0]["evidence"]
    assert evidence["formula"] == (
        "acquisitions 600001.00 > income 300000.00 (2014) + 200000.00 (2013) + 100000.00 "
        "(2012) = 600000.00"
    )
    assert [(i["item_id"], i["acquired_on"], i["amount"]) for i in evidence["items"]] == [
        ("r1", "2015-03-01", 400_000.0),
        ("r2", "2015-06-01", 200_001.0),
    ]
    run = json.loads((tmp_path / "ws" / "runs" / "declarations.json").read_text())
    assert run["params"]["A02"]["years_without_minimum"] == [2012, 2013, 2014]
    assert summary.result.screened == 11
