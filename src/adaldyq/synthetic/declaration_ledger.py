"""One household's money year by year, and the canonical declaration each year leaves.

The ledger is kept so that the clean population is explainable by construction. Each year:

    income   = salaries + interest on the KZT deposit (+ sale income when a car is sold)
    spending = living_cost * household size + 30 % of what income leaves above that
    savings  = income - spending, into the KZT deposits (declarant 70 %, spouse 30 %)

Purchases are paid from deposits and bank loans (net worth unchanged), loan principal is repaid
from deposits (unchanged), a sale swaps a car's cost for its price (the price is declared
income). So for every clean year, with assets at cost and foreign currency at the constant rates:

    NW(t) - NW(t-1) = income - spending - cost of what was sold ≤ income - living_cost * size

All amounts are whole thousands of tenge (foreign currency in whole units), so the identity holds
exactly, not approximately. Clean purchases (at most one a year, from the second year) cost at
most 90 % of the previous year's household income, cars at most 70 % of the deposit; dwellings
cost 0.85-1.15 of the regional market price per m², are bought with a bank mortgage for what
the down payment leaves, and differ in area from the household's others of their type; houses
come with their land; cash stays under about 2 m tenge. So the ratio, gap and consistency rules
of DECLARATIONS.md have nothing to find in a clean person (measured: no clean person flagged by
any rule registered at 10^5 person-years, with tenge thresholds for the amount rules).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import Any

from adaldyq.synthetic.declaration_people import (
    BANKS,
    CARS,
    CURRENCY,
    EMPLOYERS,
    GRADE_SALARY,
    HOUSE_FACTOR,
    LAND_FACTOR,
    MARKET_PRICE_PER_M2,
    Person,
    stranger,
)

REFERENCE_LIVING_COST = 900_000
"""The living cost per person the salary grid is set against; a higher `living_cost` scales
salaries up by the same factor, so even the lowest grade with the largest family saves."""
SPOUSE_SHARE = 0.3
SALE_KINDS = ("sale_movable", "sale_real_estate")


def round_k(value: float) -> int:
    """To whole thousands of tenge."""
    return round(value / 1000) * 1000


def ceil_k(value: float) -> int:
    return math.ceil(value / 1000) * 1000


def floor_k(value: float) -> int:
    return math.floor(value / 1000) * 1000


@dataclass(slots=True)
class Loan:
    item_id: str
    creditor: str
    balance: int
    annual: int
    arisen_on: date


@dataclass(slots=True)
class Year:
    """One year's flows beside the holdings: incomes, large expenditures, spending."""

    year: int
    index: int
    incomes: list[dict[str, Any]] = field(default_factory=list)
    expenditures: list[dict[str, Any]] = field(default_factory=list)
    spend: int = 0
    filed_on: date | None = None
    """The day the year's declaration is filed when a pattern sets it (else February-March)."""
    corrected: bool = False

    @property
    def income(self) -> int:
        return sum(int(item["amount"]) for item in self.incomes)

    def add_income(self, item_id: str, owner: str, kind: str, amount: int, source_kind: str,
                   source_name: str) -> None:  # fmt: skip
        self.incomes.append({
            "item_id": item_id, "owner_id": owner, "income_type": kind,
            "source_kind": source_kind, "source_name": source_name,
            "amount": amount, "amount_currency": CURRENCY,
        })  # fmt: skip


@dataclass(slots=True)
class Household:
    """The economic family unit of one official: deposits, cash, real estate, vehicles, loans."""

    person: Person
    salary: int
    spouse_salary: int
    interest_rate: float
    deposit: int = 0
    spouse_deposit: int = 0
    usd_deposit: int = 0
    eur_deposit: int = 0
    cash: int = 0
    cash_usd: int = 0
    real_estate: list[dict[str, Any]] = field(default_factory=list)
    vehicles: list[dict[str, Any]] = field(default_factory=list)
    loans: list[Loan] = field(default_factory=list)
    incomes: list[int] = field(default_factory=list)
    """Household income of each year written so far."""
    items: int = 0
    hidden: list[dict[str, Any]] = field(default_factory=list)
    """Register lines of the declarant's that no declaration lists (`declaration_inputs`)."""
    unregistered: dict[str, int] = field(default_factory=dict)
    """Item id -> the year from which the register no longer holds the declared item."""
    checks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return 1 + len(self.person.family)

    @property
    def spouse_id(self) -> str | None:
        spouse = self.person.member("spouse")
        return spouse.member_id if spouse else None

    def new_id(self, prefix: str) -> str:
        self.items += 1
        return f"{prefix}{self.items}"

    def dwelling(self, rng: Random, year: int, owner: str, area: float, per_m2: float,
                 property_type: str = "apartment") -> dict[str, Any]:  # fmt: skip
        """A real-estate item acquired in `year` at `per_m2` tenge a square metre. Its area
        differs from that of every other item of its type the household holds by more than
        2 m² and 2 %, so the rules that follow or match real estate by type and area (A16 across
        years, since ids are per declaration in NACP data; A17 against a register, within 1 m²
        or 1 %) can tell the household's dwellings apart."""
        land = property_type == "land"
        held = {i["area"] * (100 if land else 1) for i in self.real_estate
                if i["property_type"] == property_type}  # fmt: skip
        while any(abs(area - other) <= max(2.0, 0.02 * area) for other in held):
            area += 1
        item = {
            "item_id": self.new_id("re"), "owner_id": owner, "property_type": property_type,
            "area": area / 100 if land else area, "area_unit": "sotka" if land else "m2",
            "country": "KZ", "city": self.person.region,
            "value": round_k(area * per_m2), "value_currency": CURRENCY,
            "acquired_on": _day(rng, year), "ownership_type": "ownership",
            "ownership_share": 100.0,
        }  # fmt: skip
        self.real_estate.append(item)
        return item

    def vehicle(self, rng: Random, year: int, owner: str, car: tuple[str, str, int],
                factor: float) -> dict[str, Any]:  # fmt: skip
        brand, model, price = car
        item = {
            "item_id": self.new_id("v"), "owner_id": owner, "vehicle_type": "car",
            "brand": brand, "model": model, "manufacture_year": year,
            "value": round_k(price * factor), "value_currency": CURRENCY,
            "acquired_on": _day(rng, year), "ownership_type": "ownership",
            "ownership_share": 100.0,
        }  # fmt: skip
        self.vehicles.append(item)
        return item

    def market(self) -> int:
        return MARKET_PRICE_PER_M2[self.person.region]

    def step(self, rng: Random, year: Year, living_cost: int, events: bool) -> None:
        """The clean flows of one year: salaries, interest, spending, savings and, when
        `events`, at most one purchase or sale; loans repaid. A planted year has no events and
        spends exactly the living-cost estimate."""
        if year.index:
            self.salary = round_k(self.salary * rng.uniform(1.03, 1.08))
            self.spouse_salary = round_k(self.spouse_salary * rng.uniform(1.0, 1.06))
        body = f"{self.person.body} ({self.person.region})"
        year.add_income("i-salary", "declarant", "salary", self.salary,
                        "legal_entity_domestic", body)  # fmt: skip
        spouse = self.spouse_id
        if spouse and self.spouse_salary:
            year.add_income("i-spouse", spouse, "salary", self.spouse_salary,
                            "legal_entity_domestic", EMPLOYERS[self.person.number % 5])  # fmt: skip
        interest = round_k(self.deposit * self.interest_rate)
        if interest:
            year.add_income("i-interest", "declarant", "interest", interest,
                            "legal_entity_domestic", BANKS[self.person.number % 4])  # fmt: skip
        base = living_cost * self.size
        year.spend = base + (ceil_k(0.3 * max(0, year.income - base)) if events else 0)
        savings = year.income - year.spend
        spouse_part = round_k(savings * SPOUSE_SHARE) if spouse and savings > 0 else 0
        self.deposit += savings - spouse_part
        self.spouse_deposit += spouse_part
        if events and year.index:
            self._event(rng, year)
        self._repay()

    def _event(self, rng: Random, year: Year) -> None:
        draw = rng.random()
        budget = 0.9 * self.incomes[-1]
        if draw < 0.08:
            car = rng.choice(CARS)
            factor = rng.uniform(0.9, 1.1)
            if car[2] * factor <= min(budget, 0.7 * self.deposit):
                item = self.vehicle(rng, year.year, "declarant", car, factor)
                self.deposit -= item["value"]
                record_purchase(year, item, "movable", f"{item['brand']} {item['model']}")
        elif draw < 0.13:
            area = float(rng.randint(35, 90))
            per_m2 = self.market() * rng.uniform(0.85, 1.15)
            if area * per_m2 <= budget:
                self.buy_dwelling(rng, year, area, per_m2)
        elif draw < 0.15:
            area, plot = float(rng.randint(100, 180)), float(rng.randint(6, 10) * 100)
            house_m2 = self.market() * HOUSE_FACTOR * rng.uniform(0.85, 1.15)
            land_m2 = self.market() * LAND_FACTOR * rng.uniform(0.85, 1.15)
            if area * house_m2 + plot * land_m2 <= budget:
                self.buy_dwelling(rng, year, plot, land_m2, "land")
                self.buy_dwelling(rng, year, area, house_m2, "house")
        elif draw < 0.20:
            owned = [v for v in self.vehicles if v["acquired_on"].year < year.year
                     and v["owner_id"] == "declarant"]  # fmt: skip
            if owned:
                item = rng.choice(owned)
                price = round_k(item["value"] * rng.uniform(0.5, 0.9))
                self.vehicles.remove(item)
                self.deposit += price
                year.add_income("i-sale", "declarant", "sale_movable", price,
                                "citizen_domestic", stranger(rng))  # fmt: skip

    def buy_dwelling(self, rng: Random, year: Year, area: float, per_m2: float,
                     property_type: str = "apartment") -> dict[str, Any]:  # fmt: skip
        """A dwelling bought in the year: a down payment of 30-70 % from the deposit (at most
        70 % of it), the rest by a bank mortgage repaid over 5-10 years."""
        item = self.dwelling(rng, year.year, "declarant", area, per_m2, property_type)
        price = int(item["value"])
        down = round_k(price * rng.uniform(0.3, 0.7))
        own = min(down, floor_k(0.7 * max(0, self.deposit)))
        self.deposit -= own
        if price > own:
            self.loans.append(Loan(self.new_id("l"), BANKS[4], price - own,
                                   ceil_k((price - own) / rng.randint(5, 10)),
                                   item["acquired_on"]))  # fmt: skip
        record_purchase(year, item, "real_estate", property_type)
        return item

    def _repay(self) -> None:
        for loan in list(self.loans):
            paid = min(loan.balance, loan.annual, max(0, floor_k(self.deposit)))
            self.deposit -= paid
            loan.balance -= paid
            if not loan.balance:
                self.loans.remove(loan)

    def document(self, rng: Random, year: Year) -> dict[str, Any]:
        """The canonical declaration of the year, holdings as they stand at its end."""
        person = self.person
        monetary = []
        spouse = self.spouse_id
        for item_id, owner, kind, amount, currency in (
            ("m-kzt", "declarant", "bank_account", self.deposit, CURRENCY),
            ("m-spouse", spouse, "bank_account", self.spouse_deposit, CURRENCY),
            ("m-usd", "declarant", "bank_account", self.usd_deposit, "USD"),
            ("m-eur", "declarant", "bank_account", self.eur_deposit, "EUR"),
            ("m-cash", "declarant", "cash", self.cash, CURRENCY),
            ("m-cash-usd", "declarant", "cash", self.cash_usd, "USD"),
        ):
            if amount and owner:
                bank = BANKS[person.number % 4] if kind == "bank_account" else None
                monetary.append({
                    "item_id": item_id, "owner_id": owner, "asset_type": kind,
                    "institution_kind": "legal_entity_domestic" if bank else None,
                    "institution_name": bank, "amount": amount, "amount_currency": currency,
                })  # fmt: skip
        liabilities = [{
            "item_id": loan.item_id, "owner_id": "declarant", "liability_type": "credit",
            "creditor_kind": "legal_entity_domestic", "creditor_name": loan.creditor,
            "amount": loan.balance, "amount_currency": CURRENCY,
            "arisen_on": loan.arisen_on.isoformat(),
        } for loan in self.loans]  # fmt: skip
        self.incomes.append(year.income)
        filed = date(year.year + 1, rng.randint(2, 3), rng.randint(1, 28))
        return {
            "declaration_id": f"syn-{person.number:08d}-{year.year}",
            "person_id": person.iin, "person_id_scheme": "KZ-IIN",
            "last_name": person.last_name, "first_name": person.first_name,
            "full_name": person.full_name, "position": person.position,
            "body": person.body, "region": person.region, "country": "KZ",
            "year": year.year, "declaration_type": "annual",
            "submitted_on": (year.filed_on or filed).isoformat(),
            "corrected": year.corrected, "refused_fields": 0,
            "family": [member.item() for member in person.family],
            "incomes": year.incomes,
            "real_estate": [_dated(item) for item in self.real_estate],
            "vehicles": [_dated(item) for item in self.vehicles],
            "monetary_assets": monetary,
            "liabilities": liabilities,
            "expenditures": year.expenditures,
        }  # fmt: skip


def household(rng: Random, person: Person, first_year: int, living_cost: int) -> Household:
    """A household's holdings on entering the first year: deposits worth 0.3-2 years of salary
    (some in USD and EUR), a little cash, a dwelling (70 %) and a car (60 %) bought before."""
    scale = max(1.0, living_cost / REFERENCE_LIVING_COST)
    salary = round_k(GRADE_SALARY[person.grade] * scale * rng.uniform(0.95, 1.05))
    spouse = person.member("spouse")
    spouse_salary = round_k(rng.uniform(2.4e6, 8e6) * scale) if spouse and rng.random() < 0.7 else 0
    held = Household(person, salary, spouse_salary, round(rng.uniform(0.04, 0.08), 3))
    savings = salary * rng.uniform(0.3, 2.0)
    if rng.random() < 0.4:
        held.usd_deposit = int(round(savings * rng.uniform(0.1, 0.3) / 470, -2))
    if rng.random() < 0.15:
        held.eur_deposit = int(round(savings * rng.uniform(0.05, 0.15) / 510, -2))
    held.deposit = round_k(savings - held.usd_deposit * 470 - held.eur_deposit * 510)
    held.spouse_deposit = round_k(spouse_salary * rng.uniform(0.2, 1.0))
    held.cash = round_k(rng.uniform(1e5, 1e6))
    held.cash_usd = rng.choice((0, 0, 500, 1000, 2000))
    before = first_year - 1
    if rng.random() < 0.7:
        per_m2 = held.market() * rng.uniform(0.85, 1.15)
        held.dwelling(rng, before - rng.randint(0, 15), "declarant", rng.randint(40, 110), per_m2)
    if rng.random() < 0.6:
        owner = spouse.member_id if spouse and rng.random() < 0.3 else "declarant"
        held.vehicle(
            rng, before - rng.randint(0, 8), owner, rng.choice(CARS), rng.uniform(0.9, 1.1)
        )
    return held


def net_worth(document: Mapping[str, Any], rates: Mapping[str, float]) -> float:
    """Assets at cost minus liabilities, foreign currency at the constant `rates`."""
    assets = sum(
        item["value"] or 0 for key in ("real_estate", "vehicles") for item in document[key]
    )
    money = sum(item["amount"] * rates[item["amount_currency"]]
                for item in document["monetary_assets"])  # fmt: skip
    owed = sum(item["amount"] for item in document["liabilities"])
    return float(assets + money - owed)


def record_purchase(year: Year, item: dict[str, Any], subject: str, what: str) -> None:
    year.expenditures.append({
        "item_id": f"e{len(year.expenditures) + 1}", "owner_id": item["owner_id"],
        "expenditure_kind": "expenditure", "action": "purchase", "subject": subject,
        "object_raw": what, "amount": item["value"], "amount_currency": CURRENCY,
        "spent_on": item["acquired_on"].isoformat(),
    })  # fmt: skip


def _day(rng: Random, year: int) -> date:
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _dated(item: dict[str, Any]) -> dict[str, Any]:
    """A copy for the document: JSON dates, and attributes the next year may change kept apart."""
    return {**item, "acquired_on": item["acquired_on"].isoformat()}
