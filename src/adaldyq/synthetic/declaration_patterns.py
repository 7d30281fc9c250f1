"""Enrichment patterns planted in synthetic declaration histories, each with the rule codes of
DECLARATIONS.md §6 that must catch it.

A pattern changes one household in one year (the pattern year, never the first, so a previous
declaration exists), after that year's clean flows; in that year the household spends exactly
the living-cost estimate and has no other purchase or sale, so an unexplained amount is exactly
the planted one. `assets_income_ratio` is the exception: it holds from the first year on, in
years without purchases or sales.

Each `plant` returns the facts the ground truth records (amounts, item ids); `rules` are the
codes the pattern must trigger. It may trigger others too (a huge gap can also make the
monetary assets exceed ten times the income); those are not promised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import Any

from adaldyq.model.country import KAZAKHSTAN
from adaldyq.model.declaration_amounts import KZ_GAP_FLOOR
from adaldyq.synthetic.declaration_ledger import Household, Year, record_purchase, round_k
from adaldyq.synthetic.declaration_people import LUXURY_CARS, stranger


@dataclass(frozen=True)
class Moment:
    """Where a pattern is planted: the household, the generator, the year, the USD rate."""

    h: Household
    rng: Random
    year: Year
    usd: float


Planter = Callable[[Moment], dict[str, Any]]


@dataclass(frozen=True)
class Pattern:
    name: str
    rules: tuple[str, ...]
    plant: Planter
    needs_dwelling: bool = False
    """The declarant owns a dwelling before the first year."""
    needs_holdings: int = 0
    """The declarant's real estate is worth at least this much (KZT) before the first year."""
    needs_adult_relative: bool = False
    all_years: bool = False
    span: int = 1
    """Consecutive years the pattern is planted in, the pattern year last."""
    modest_income: bool = False
    """Salaries capped (`MODEST_SALARIES`), so that the absolute floor, not the share of
    income, is each year's threshold: only then can years under it add up to more."""


MODEST_SALARIES = (6_000_000, 4_000_000)
"""The declarant's and the spouse's yearly salary caps of a `modest_income` household."""


def _large(year: Year) -> int:
    """An amount far above any threshold: at least 40 m tenge and five years' income."""
    return round_k(max(40e6, 5 * year.income))


def _net_worth_gap(at: Moment) -> dict[str, Any]:
    h, year = at.h, at.year
    amount = _large(year)
    h.deposit += amount
    return {"amount": amount, "item_id": "m-kzt"}


def _expenditure_gap(at: Moment) -> dict[str, Any]:
    h, rng, year = at.h, at.rng, at.year
    price = round_k(max(60e6, 6 * year.income))
    per_m2 = h.market() * rng.uniform(0.9, 1.1)
    item = h.dwelling(rng, year.year, "declarant", round(price / per_m2), per_m2)
    record_purchase(year, item, "real_estate", "apartment")
    facts: dict[str, Any] = {"amount": int(item["value"]), "item_id": item["item_id"]}
    if len(h.incomes) >= 3 and item["value"] > sum(h.incomes[-3:]):
        facts["extra_rules"] = ["A03"]  # acquisitions above 3 preceding years' income
    return facts


def _spread_gap(at: Moment) -> dict[str, Any]:
    """One of three years of a gap kept under each year's own threshold: the rules' yearly gap
    (their living cost is the subsistence minimum, below what the household spends) is 90 % of
    Kazakhstan's gap floor, so only the three years summed cross it. The deposit grows by that
    plus the difference between the two living-cost estimates."""
    h, year = at.h, at.year
    minimum = KAZAKHSTAN.subsistence_minimum(year.year)
    slack = round(year.spend - 12 * minimum * h.size)
    shown = round_k(SPREAD_SHARE * KZ_GAP_FLOOR.in_money(KAZAKHSTAN, year.year))
    h.deposit += slack + shown
    return {"amount": slack + shown, "rule_gap": shown, "item_id": "m-kzt"}


SPREAD_SHARE = 0.9
"""The share of the year's gap floor a `spread_gap` year shows to the rules."""


def _cash_hoard(at: Moment) -> dict[str, Any]:
    h, year, usd = at.h, at.year, at.usd
    dollars = int(round(max(250_000, 5 * year.income / usd), -3))
    h.cash_usd += dollars
    return {"amount": round(dollars * usd), "usd": dollars, "item_id": "m-cash-usd"}


def _asset_without_income(at: Moment) -> dict[str, Any]:
    h, rng, year = at.h, at.rng, at.year
    car = rng.choice(LUXURY_CARS)
    item = h.vehicle(rng, year.year, "declarant", car, rng.uniform(0.95, 1.05))
    return {"amount": int(item["value"]), "item_id": item["item_id"]}


def _acquisition_without_cost(at: Moment) -> dict[str, Any]:
    h, rng, year = at.h, at.rng, at.year
    item = h.dwelling(rng, year.year, "declarant", rng.randint(50, 120), h.market())
    item["value"], item["value_status"] = None, "missing"
    return {"item_id": item["item_id"]}


def _asset_vanished(at: Moment) -> dict[str, Any]:
    h = at.h
    item = next(i for i in h.real_estate if i["owner_id"] == "declarant")
    h.real_estate.remove(item)
    return {"item_id": item["item_id"], "section": "real_estate", "value": item["value"]}


def _family_transfer(at: Moment) -> dict[str, Any]:
    h = at.h
    member = next(m for m in h.person.family if m.adult and m.relation != "spouse")
    moved = [i for i in (*h.real_estate, *h.vehicles) if i["owner_id"] == "declarant"]
    for item in moved:
        item["owner_id"] = member.member_id
    return {"member_id": member.member_id, "relation": member.relation,
            "item_ids": [i["item_id"] for i in moved],
            "value": sum(int(i["value"]) for i in moved)}  # fmt: skip


def _unrelated_gift(at: Moment) -> dict[str, Any]:
    h, rng, year = at.h, at.rng, at.year
    amount = round_k(4 * year.income)
    donor = stranger(rng)
    year.add_income("i-gift", "declarant", "gift_cash", amount, "citizen_domestic", donor)
    h.deposit += amount
    return {"amount": amount, "donor": donor, "share_of_income": round(amount / year.income, 3)}


def _below_market(at: Moment) -> dict[str, Any]:
    h, rng, year = at.h, at.rng, at.year
    market = h.market()
    per_m2 = market * rng.uniform(0.25, 0.35)
    item = h.buy_dwelling(rng, year, float(rng.randint(60, 100)), per_m2)
    return {"item_id": item["item_id"], "amount": int(item["value"]),
            "price_per_m2": round(item["value"] / item["area"]),
            "market_per_m2": market}  # fmt: skip


def _undeclared_holding(at: Moment) -> dict[str, Any]:
    """A garage the register puts in the declarant's name from the year on, never declared."""
    h, rng, year = at.h, at.rng, at.year
    held_from = date(year.year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
    area = float(rng.randint(18, 30))
    h.hidden.append({"object": f"garage {area:g} m2", "property_type": "garage",
                     "area_m2": area, "held_from": held_from, "held_to": None})  # fmt: skip
    return {"register": "real_estate", "property_type": "garage", "area_m2": area,
            "held_from": held_from}  # fmt: skip


def _unregistered_holding(at: Moment) -> dict[str, Any]:
    """A dwelling still declared as the declarant's that the register no longer holds for them
    from the year on (the title passed to someone else)."""
    item = next(i for i in at.h.real_estate if i["owner_id"] == "declarant")
    at.h.unregistered[item["item_id"]] = at.year.year
    return {"item_id": item["item_id"], "section": "real_estate"}


def _late_filing(at: Moment) -> dict[str, Any]:
    """The year's declaration filed 3-90 days after Kazakhstan's deadline."""
    due = KAZAKHSTAN.declaration_deadline(at.year.year)
    assert due is not None  # the profile has a deadline for every year
    days = at.rng.randint(3, 90)
    at.year.filed_on = due + timedelta(days=days)
    return {"due": due.isoformat(), "filed_on": at.year.filed_on.isoformat(), "days_late": days}


def _corrected_after_check(at: Moment) -> dict[str, Any]:
    """The year's declaration filed as a correction on 20 May, after a check started on 1 May."""
    h, year = at.h, at.year
    year.filed_on, year.corrected = date(year.year + 1, 5, 20), True
    started = date(year.year + 1, 5, 1).isoformat()
    h.checks.append({"person_id": h.person.iin, "started_on": started, "kind": "full check",
                     "reference": f"CHK-P{h.person.number}"})  # fmt: skip
    return {"corrected_on": year.filed_on.isoformat(), "check_started_on": started}


def _assets_income_ratio(at: Moment) -> dict[str, Any]:  # noqa: ARG001
    return {"item_id": "m-usd"}  # the deposit is set up before the first year: see `endow`


def endow(h: Household, years: int, usd: float) -> None:
    """The `assets_income_ratio` household holds a USD deposit of 12 years' household income,
    grown for the income's rise over the years, from before the first year."""
    income = h.salary + h.spouse_salary
    h.usd_deposit += int(round(12 * income * 1.1 ** (years - 1) / usd, -3))


PATTERNS: dict[str, Pattern] = {p.name: p for p in (
    Pattern("net_worth_gap", ("A01",), _net_worth_gap),
    Pattern("expenditure_gap", ("A01", "A02"), _expenditure_gap),
    Pattern("cash_hoard", ("A01", "A04"), _cash_hoard),
    Pattern("assets_income_ratio", ("A05",), _assets_income_ratio, all_years=True),
    Pattern("asset_without_income", ("A01",), _asset_without_income),
    Pattern("acquisition_without_cost", ("A10",), _acquisition_without_cost),
    Pattern("asset_vanished", ("A16",), _asset_vanished, needs_dwelling=True),
    Pattern("family_transfer", ("A20",), _family_transfer, needs_dwelling=True,
            needs_holdings=40_000_000, needs_adult_relative=True),
    Pattern("unrelated_gift", ("A08",), _unrelated_gift),
    Pattern("below_market", ("A11",), _below_market),
    Pattern("undeclared_holding", ("A17",), _undeclared_holding),
    Pattern("unregistered_holding", ("A17R",), _unregistered_holding, needs_dwelling=True),
    Pattern("late_filing", ("A21",), _late_filing),
    Pattern("corrected_after_check", ("A21",), _corrected_after_check),
    Pattern("spread_gap", ("A01", "A02"), _spread_gap, span=3, modest_income=True),
)}  # fmt: skip
"""Pattern name -> what it is. A01 net-worth gap, A02 expenditure (SAF) gap, A03 acquisitions
above three years' income, A04 cash hoard, A05 monetary assets over ten times income, A08 gifts
over 75 % of income, A10 acquisition without cost, A11 price per m² under half the regional
median, A16 asset vanished without sale income, A17 a register line not declared, A17R a declared
dwelling the register no longer holds, A20 assets moved to a relative, A21 a late filing or a
correction after a check started, and a gap spread over three years that only A01's and A02's
rolling windows see."""
