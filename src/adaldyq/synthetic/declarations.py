"""Synthetic declaration histories with planted enrichment patterns and their ground truth.

Officials (post, body, region) with their families declare every year for `years` years in the
canonical tables (`docs/inputs/declarations.md`): salaries by grade, the spouse's salary, the
deposit's interest, dwellings and cars carried over with the same item ids and attributes,
deposits and cash in KZT, USD and EUR, mortgages repaid, occasional purchases (declared as
large expenditures) and car sales (declared as sale income). The money of each household is
kept in a ledger (`declaration_ledger`) so that a clean person's net-worth change is always
covered by the year's income minus the living-cost estimate:

    NW(t) - NW(t-1) ≤ income(t) - living_cost * household size

with NW = assets at cost + deposits and cash at the constant `rates` - liabilities, and the
household size = the declarant + every listed family member. `living_cost` (KZT per person per
year, default 900,000, i.e. 75,000 a month) is the assumption to give a screening rule: a rule
that assumes at most this much flags no clean person on the gap rules. Exchange rates are
constant over the years (written beside the data as `<name>.rates.csv`), so no revaluation.

About `share` of the persons carry one planted pattern each (`declaration_patterns.PATTERNS`,
assigned in turn so every pattern appears); the ground truth, one JSON object per line in
`<name>.truth.jsonl`, names the person, the year(s), the pattern, the rules it must trigger and
the planted amounts. Writing streams one person at a time: memory is flat at any size.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

import orjson

from adaldyq.synthetic.declaration_inputs import InputWriters, clean_check, register_lines
from adaldyq.synthetic.declaration_ledger import Household, Year, household, net_worth
from adaldyq.synthetic.declaration_patterns import (
    MODEST_SALARIES,
    PATTERNS,
    Moment,
    Pattern,
    endow,
)
from adaldyq.synthetic.declaration_people import CURRENCY, person

DEFAULT_RATES: Mapping[str, float] = {CURRENCY: 1.0, "USD": 470.0, "EUR": 510.0}


@dataclass(frozen=True)
class PopulationSettings:
    """What the population looks like. `living_cost` is tenge per household member per year."""

    first_year: int = 2019
    years: int = 5
    share: float = 0.1
    living_cost: int = 900_000
    rates: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES))

    def __post_init__(self) -> None:
        if self.years < 2:
            raise ValueError("at least two years, so a pattern has a year before it")
        if not 0 <= self.share <= 1:
            raise ValueError(f"share {self.share} must be within 0..1")


@dataclass
class History:
    """One person's declarations, oldest first, and the ground truth of what was planted."""

    person_id: str
    documents: list[dict[str, Any]]
    truth: dict[str, Any] | None
    registers: list[dict[str, Any]] = field(default_factory=list)
    """The declarant's register lines (`declaration_inputs.register_lines`)."""
    checks: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DeclarationSummary:
    persons: int
    declarations: int
    path: Path
    truth: Path
    rates: Path
    prices: Path
    registers: Path
    checks: Path
    planted: dict[str, int] = field(default_factory=dict)

    @property
    def inputs(self) -> dict[str, list[Path]]:
        """The optional screening inputs written beside the data, by kind."""
        return {"prices": [self.prices], "registers": [self.registers], "checks": [self.checks]}


def histories(persons: int, seed: int = 0,
              settings: PopulationSettings | None = None) -> Iterator[History]:  # fmt: skip
    """Every person's history, one at a time, from one seeded generator."""
    settings = settings or PopulationSettings()
    rng = Random(seed)
    names = [name for name, p in PATTERNS.items() if p.span < settings.years]  # room for it
    planted = 0
    taken: set[str] = set()  # IINs issued: one per official
    for number in range(persons):
        pattern = None
        if rng.random() < settings.share:
            pattern = PATTERNS[names[planted % len(names)]]
            planted += 1
        yield _history(rng, number, pattern, settings, taken)


def _history(rng: Random, number: int, pattern: Pattern | None,
             settings: PopulationSettings, taken: set[str]) -> History:  # fmt: skip
    first, usd = settings.first_year, settings.rates["USD"]
    official = person(rng, number, first, bool(pattern and pattern.needs_adult_relative), taken)
    held = household(rng, official, first, settings.living_cost)
    if pattern and pattern.needs_dwelling and not held.real_estate:
        held.dwelling(rng, first - 3, "declarant", rng.randint(45, 90), held.market())
    owned = sum(i["value"] for i in held.real_estate if i["owner_id"] == "declarant")
    if pattern and owned < pattern.needs_holdings:
        area = -(-(pattern.needs_holdings - owned) // held.market()) + rng.randint(10, 40)
        held.dwelling(rng, first - 5, "declarant", area, held.market())
    if pattern and pattern.all_years:
        endow(held, settings.years, usd)
    if pattern and pattern.modest_income:
        held.salary = min(held.salary, MODEST_SALARIES[0])
        held.spouse_salary = min(held.spouse_salary, MODEST_SALARIES[1])
    at = None
    if pattern and not pattern.all_years:
        at = rng.randint(pattern.span, settings.years - 1)
    documents, facts = [], None
    for index in range(settings.years):
        year = Year(first + index, index)
        planting = pattern is not None and at is not None and at - pattern.span < index <= at
        quiet = planting or bool(pattern and pattern.all_years)  # no purchase or sale
        held.step(rng, year, settings.living_cost, events=not quiet)
        if pattern and planting:
            facts = pattern.plant(Moment(held, rng, year, usd))
        documents.append(held.document(rng, year))
    truth = _truth(pattern, facts, at, documents, held, settings) if pattern else None
    registers = register_lines(documents, held.unregistered, held.hidden)
    checks = held.checks if pattern else clean_check(official.iin, number, first)
    return History(official.iin, documents, truth, registers, checks)


def _truth(pattern: Pattern, facts: dict[str, Any] | None, at: int | None,
           documents: list[dict[str, Any]], held: Household,
           settings: PopulationSettings) -> dict[str, Any]:  # fmt: skip
    facts = dict(facts or {})
    rules = [*pattern.rules, *facts.pop("extra_rules", [])]
    if at is None:  # every year where monetary assets exceed ten times the income
        chosen = [d for d in documents if _monetary(d, settings.rates) > 10 * _income(d)]
    else:
        chosen = [documents[at]]
    if "A01" in rules and at is not None:
        gap = net_worth_gap(documents[at - 1], documents[at], held.size, settings)
        if gap != facts["amount"]:  # the ledger's own check: the planted amount is the gap
            raise RuntimeError(f"{pattern.name}: net-worth gap {gap} != planted {facts}")
        facts["net_worth_gap"] = gap
    return {
        "pattern": pattern.name,
        "person_id": documents[0]["person_id"],
        "years": [d["year"] for d in chosen],
        "declaration_ids": [d["declaration_id"] for d in chosen],
        "rules": sorted(rules),
        **facts,
    }


def net_worth_gap(before: Mapping[str, Any], after: Mapping[str, Any], size: int,
                  settings: PopulationSettings) -> float:  # fmt: skip
    """NW(t) - NW(t-1) - (income(t) - living_cost * size): what income does not explain."""
    change = net_worth(after, settings.rates) - net_worth(before, settings.rates)
    return change - (_income(after) - settings.living_cost * size)


def _income(document: Mapping[str, Any]) -> int:
    return sum(int(item["amount"]) for item in document["incomes"])


def _monetary(document: Mapping[str, Any], rates: Mapping[str, float]) -> float:
    return float(
        sum(i["amount"] * rates[i["amount_currency"]] for i in document["monetary_assets"])
    )


def sidecar(path: Path, suffix: str) -> Path:
    """`data.truth.jsonl` or `data.rates.csv` beside `data.jsonl`."""
    name = path.name.removesuffix(".gz").removesuffix(".jsonl").removesuffix(".json")
    return path.with_name(f"{name}{suffix}")


def generate_declarations(
    path: Path,
    person_years: int,
    seed: int = 0,
    settings: PopulationSettings | None = None,
    truth: Path | None = None,
) -> DeclarationSummary:
    """Write about `person_years` declarations (whole histories of `settings.years` years) as
    canonical JSON Lines to `path`, the ground truth to `truth` (default `<name>.truth.jsonl`)
    and the exchange rates to `<name>.rates.csv`; `adaldyq declarations import --format
    canonical` reads `path`. Beside them go the optional screening inputs (`<name>.prices.csv`,
    `.registers.csv`, `.checks.csv`, see `declaration_inputs`)."""
    settings = settings or PopulationSettings()
    persons = max(1, -(-person_years // settings.years))
    truth = truth or sidecar(path, ".truth.jsonl")
    summary = DeclarationSummary(
        persons, 0, path, truth, sidecar(path, ".rates.csv"), sidecar(path, ".prices.csv"),
        sidecar(path, ".registers.csv"), sidecar(path, ".checks.csv"), dict.fromkeys(PATTERNS, 0),
    )  # fmt: skip
    with (
        path.open("wb", buffering=1 << 20) as out,
        truth.open("wb") as truth_out,
        InputWriters(summary.prices, summary.registers, summary.checks) as inputs,
    ):
        for history in histories(persons, seed, settings):
            out.write(b"".join(orjson.dumps(d) + b"\n" for d in history.documents))
            summary.declarations += len(history.documents)
            inputs.registers.writerows(history.registers)
            inputs.checks.writerows(history.checks)
            if history.truth:
                truth_out.write(orjson.dumps(history.truth) + b"\n")
                summary.planted[history.truth["pattern"]] += 1
        inputs.write_prices(settings.first_year, settings.years)
    write_rates(summary.rates, settings)
    return summary


def write_rates(path: Path, settings: PopulationSettings) -> None:
    """The constant rates as an exchange-rate table (`date,currency,rate`, tenge per unit) on
    1 January of the first year and 31 December of every year."""
    days = [f"{settings.first_year}-01-01"]
    days += [f"{settings.first_year + k}-12-31" for k in range(settings.years)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("date", "currency", "rate"))
        for day in days:
            for currency, rate in settings.rates.items():
                if currency != CURRENCY:
                    writer.writerow((day, currency, rate))


def read_declaration_truth(path: Path) -> list[dict[str, Any]]:
    """The ground-truth rows of a generated file."""
    with path.open("rb") as handle:
        return [orjson.loads(line) for line in handle if line.strip()]


def planted_counts(rows: list[dict[str, Any]]) -> Counter[str]:
    return Counter(row["pattern"] for row in rows)
