"""A20 on planted two-year histories (Ukraine's 2016 subsistence minimum: 1,330 UAH)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.engines.declarations.population import declaration, income, money, screen

SPOUSE = [{"member_id": "s1", "relation": "spouse"}]
FLAT = {"item_id": "r1", "owner_id": "s1", "property_type": "apartment", "value": 500_000,
        "value_currency": "UAH"}  # fmt: skip


def history(person: str, declarant_after: float) -> list[dict[str, Any]]:
    """The spouse's money 100,000 -> 1,000,000 plus a 500,000 flat, on her own income of
    100,000; the declarant's money 500,000 -> `declarant_after`."""
    return [
        declaration(
            person,
            family=SPOUSE,
            monetary_assets=[money("bank_account", 100_000, "s1"), money("bank_account", 500_000)],
        ),
        declaration(
            person,
            2016,
            family=SPOUSE,
            incomes=[income("salary", 100_000, "s1"), income("salary", 1_000_000)],
            real_estate=[FLAT],
            monetary_assets=[
                money("bank_account", 1_000_000, "s1"),
                money("bank_account", declarant_after),
            ],
        ),
    ]


def test_family_wealth_jump_while_the_declarants_stays_flat(tmp_path: Path) -> None:
    """shift-yes: family growth 1,500,000 - 100,000 = 1,400,000; minus her income 100,000 =
    1,300,000 > 500 x 1,330 = 665,000; the declarant's money fell by 100,000. shift-no: the
    declarant's money grew by 100,000, so not flagged."""
    people = history("shift-yes", 400_000) + history("shift-no", 600_000)
    _, findings = screen(tmp_path, people, declarations={"rules": ["A20"]})
    assert [f["subject_id"] for f in findings] == ["shift-yes"]
    evidence = findings[0]["evidence"]
    assert evidence["formula"] == (
        "family growth (1500000.00 - 100000.00) - family income 100000.00 = 1300000.00 > floor "
        "665000.00, declarant growth -100000.00 <= 0"
    )
    assert evidence["threshold_basis"].startswith("500 subsistence minimums x 1330.00 (2016); ")
    assert (evidence["unexplained"], evidence["declarant_growth"]) == (1_300_000.0, -100_000.0)
    assert findings[0]["value"] == 1_300_000.0
