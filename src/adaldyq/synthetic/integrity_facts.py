"""Company facts of the synthetic integrity world, in the company facts CSV form
(`ingest/company_facts.py`, `docs/inputs/graph.md`): each company's founding capital on its
incorporation day, and for every year of the market its staff, turnover and tax.

A clean company employs 5 to 60 people and pays 2 to 6 % of its turnover in tax, and its capital
never changes, so neither B05's capital raise nor B06's staff and tax signs fire. Patterns change
the rows: a capital raise before an award (B05), a year without staff and with almost no tax
(B06), each with a near miss.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

COLUMNS = ("company_id", "date", "capital", "capital_currency", "employees", "turnover",
           "tax_paid", "currency")  # fmt: skip
YEARS = range(2021, 2025)
"""The years of yearly figures: the market's (2022-2024) and the one before."""
FOUNDING_CAPITAL = 100_000.0


def clean_facts(rng: Random, number: str, incorporated: date) -> list[dict[str, Any]]:
    """A clean company's rows: its founding capital, then one row a year since incorporation."""
    rows: list[dict[str, Any]] = [
        {"company_id": number, "date": incorporated.isoformat(), "capital": FOUNDING_CAPITAL,
         "capital_currency": "KZT"}
    ]  # fmt: skip
    for year in YEARS:
        if year >= incorporated.year:
            turnover = float(rng.randrange(50, 900)) * 1_000_000
            rows.append({"company_id": number, "date": str(year),
                         "employees": rng.randint(5, 60), "turnover": turnover,
                         "tax_paid": round(turnover * rng.uniform(0.02, 0.06)),
                         "currency": "KZT"})  # fmt: skip
    return rows


def year_row(rows: list[dict[str, Any]], number: str, year: int) -> dict[str, Any]:
    """The yearly row of a company, for a pattern to change in place."""
    return next(r for r in rows if r["company_id"] == number and r["date"] == str(year))


def write_facts(path: Path, rows: list[dict[str, Any]]) -> int:
    """The rows as the CSV form; empty cells where a row gives no figure."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
