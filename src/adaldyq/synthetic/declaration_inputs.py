"""The optional screening inputs beside synthetic declarations: reference prices, register
extracts and checks, in the CSV forms of docs/inputs (`reference-prices.md`, `registers.md`,
`checks.md`).

They agree with the clean population by construction, so a rule reading them has nothing to find
in a clean person:

- **prices**: the median per m² of each region's dwellings (`MARKET_PRICE_PER_M2`; houses and
  land at their factors) and each car model's new price, for every year: clean purchases pay
  0.85-1.15 of them.
- **registers**: one line per real estate or vehicle the declarant owns, held from the day it was
  acquired until January of the first year it is no longer the declarant's (sold, moved to a
  relative, or gone); family members' items have no line, as a real register extract asked for
  by declarant id would have none. Planted patterns add a line nobody declares (`hidden`) or end
  the line of an item still declared (`unregistered`).
- **checks**: a check on every seventh clean person, started after their filings (which nothing
  corrects), and the checks planted patterns start.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import IO, Any

from adaldyq.synthetic.declaration_people import (
    CARS,
    CURRENCY,
    HOUSE_FACTOR,
    LAND_FACTOR,
    LUXURY_CARS,
    MARKET_PRICE_PER_M2,
)

PRICE_COLUMNS = ("kind", "country", "region", "property_type", "brand", "model", "year",
                 "median", "currency", "source")  # fmt: skip
REGISTER_COLUMNS = ("register", "person_id", "person_name", "object", "property_type",
                    "area_m2", "brand", "model", "manufacture_year", "company_code",
                    "company_name", "share", "held_from", "held_to")  # fmt: skip
CHECK_COLUMNS = ("person_id", "started_on", "kind", "reference")
CHECKED_EVERY = 7
"""Every seventh clean person has a check started on them (and corrects nothing)."""
SQUARE_METRES = {"m2": 1.0, "sotka": 100.0}
_SECTIONS = (("real_estate", "real_estate"), ("vehicles", "vehicle"))


def price_lines(first_year: int, years: int) -> Iterable[dict[str, Any]]:
    """Median dwelling, house and land prices per m² by region, car prices by model, per year."""
    factors = (("apartment", 1.0), ("house", HOUSE_FACTOR), ("land", LAND_FACTOR))
    for year in range(first_year, first_year + years):
        for region, market in MARKET_PRICE_PER_M2.items():
            for kind, factor in factors:
                yield {"kind": "real_estate", "country": "KZ", "region": region,
                       "property_type": kind, "year": year, "median": round(market * factor),
                       "currency": CURRENCY, "source": "synthetic market price"}  # fmt: skip
        for brand, model, price in (*CARS, *LUXURY_CARS):
            yield {"kind": "vehicle", "country": "KZ", "brand": brand, "model": model,
                   "year": year, "median": price, "currency": CURRENCY,
                   "source": "synthetic new price"}  # fmt: skip


def register_lines(
    documents: list[dict[str, Any]],
    unregistered: Mapping[str, int],
    hidden: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The register lines of one declarant: each item owned, from acquisition to the January of
    the first year it is not the declarant's (or, for an `unregistered` item id, the year given);
    then the `hidden` lines."""
    final = documents[-1]["year"]
    seen: dict[tuple[str, str], list[Any]] = {}
    for document in documents:
        for section, register in _SECTIONS:
            for item in document[section]:
                gone_from = unregistered.get(item["item_id"], final + 1)
                if item["owner_id"] != "declarant" or document["year"] >= gone_from:
                    continue
                entry = seen.setdefault((section, item["item_id"]), [register, item, 0])
                entry[2] = document["year"]
    person = {"person_id": documents[0]["person_id"], "person_name": documents[0]["full_name"]}
    lines = []
    for register, item, last in seen.values():
        held_to = None if last == final else date(last + 1, 1, 15).isoformat()
        lines.append({"register": register, **person, **_object(register, item),
                      "share": 100, "held_from": item["acquired_on"],
                      "held_to": held_to})  # fmt: skip
    lines += [{"register": "real_estate", **person, "share": 100, **line} for line in hidden]
    return lines


def _object(register: str, item: dict[str, Any]) -> dict[str, Any]:
    if register == "vehicle":
        return {"object": f"{item['brand']} {item['model']}", "brand": item["brand"],
                "model": item["model"], "manufacture_year": item["manufacture_year"]}  # fmt: skip
    area = item["area"] * SQUARE_METRES[item["area_unit"]]
    return {"object": f"{item['property_type']} {area:g} m2",
            "property_type": item["property_type"], "area_m2": area}  # fmt: skip


def clean_check(person_id: str, number: int, first_year: int) -> list[dict[str, Any]]:
    """The check on every seventh clean person, started in June after their first filing."""
    if number % CHECKED_EVERY:
        return []
    return [{"person_id": person_id, "started_on": date(first_year + 1, 6, 1).isoformat(),
             "kind": "full check", "reference": f"CHK-{number}"}]  # fmt: skip


class InputWriters:
    """The three CSV files beside a generated population, written as persons are."""

    def __init__(self, prices: Path, registers: Path, checks: Path) -> None:
        self._handles: list[IO[str]] = []
        self.registers = self._writer(registers, REGISTER_COLUMNS)
        self.checks = self._writer(checks, CHECK_COLUMNS)
        self._prices = self._writer(prices, PRICE_COLUMNS)

    def _writer(self, path: Path, columns: tuple[str, ...]) -> csv.DictWriter[str]:
        handle = path.open("w", newline="", encoding="utf-8")
        self._handles.append(handle)
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        return writer

    def write_prices(self, first_year: int, years: int) -> None:
        self._prices.writerows(price_lines(first_year, years))

    def __enter__(self) -> InputWriters:
        return self

    def __exit__(self, *_exc: object) -> None:
        for handle in self._handles:
            handle.close()
