"""One synthetic compiled release from a plan: the shape of a Kazakh open tender, end to end.

The plan says what the process is (method, tenderers, submission days, what was planted); the
builder turns it into OCDS with every field consistent with the others: `numberOfTenderers`
equals the bids, the winner is the lowest valid bid, dates run start < bids < deadline < award <
signature, and amounts are KZT. Keeping the decisions in the plan and the JSON in one builder
means a planted pattern changes one decision, never patches JSON after the fact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from random import Random
from typing import Any

from adaldyq.synthetic.organisations import Organisation

CURRENCY = "KZT"
METHOD_DETAILS = {
    "open": "Открытый конкурс",
    "selective": "Запрос ценовых предложений",
    "limited": "Из одного источника",
}
CATEGORY_VALUES = {"goods": (5e5, 5e7), "services": (1e6, 1e8), "works": (1e7, 2e9)}
FIRST_START = datetime(2022, 1, 10)
START_SPAN_DAYS = 1000
# Background contracts are never signed from 10 December on, so the year-end rule stays silent.
YEAR_END_GUARD = (12, 10)
ZONES = (timezone(timedelta(hours=6)), timezone(timedelta(hours=5)))


@dataclass(slots=True)
class Plan:
    """What one process is; patterns change these decisions before the release is built."""

    index: int
    method: str = "open"
    category: str = "goods"
    tenderers: int = 3
    period_days: int = 20
    late_winner: bool = False
    identical_prices: bool = False
    lowest_disqualified: bool = False
    year_end: bool = False
    disqualify_highest: bool = False


@dataclass(slots=True)
class Built:
    """A release and the organisations a planted pattern implicates."""

    release: dict[str, Any]
    implicated: list[str] = field(default_factory=list)


def build(plan: Plan, rng: Random, buyer: Organisation, bidders: list[Organisation],
          codes: list[str]) -> Built:  # fmt: skip
    """The compiled release of `plan`; `bidders` are its distinct tenderers, in bid order."""
    ocid = f"ocds-kzsyn-{plan.index:09d}"
    zone = ZONES[1] if plan.index % 7 == 0 else ZONES[0]
    low, high = CATEGORY_VALUES[plan.category]
    value = round(math.exp(rng.uniform(math.log(low), math.log(high))), -3)
    award_delay, sign_delay = rng.randint(3, 15), rng.randint(2, 10)
    start = _start(plan, rng, plan.period_days + award_delay + sign_delay).replace(tzinfo=zone)
    end = start + timedelta(days=plan.period_days, hours=9)
    award_date = end + timedelta(days=award_delay)
    signed = award_date + timedelta(days=sign_delay)

    bids = _bids(plan, rng, value, bidders, start, end)
    winner = min((b for b in bids if b["status"] == "valid"), key=lambda b: b["value"]["amount"])
    supplier = bidders[bids.index(winner)]
    items = _items(rng, codes, value)
    lot = {"id": f"{ocid}-lot-1", "title": "Лот 1", "status": "complete",
           "value": _money(value)}  # fmt: skip
    award = {
        "id": f"{ocid}-award-1", "status": "active", "date": award_date.isoformat(),
        "value": winner["value"], "suppliers": [supplier.reference()],
        "relatedBid": winner["id"], "relatedLots": [lot["id"]], "items": items,
    }  # fmt: skip
    contract: dict[str, Any] = {
        "id": f"{ocid}-contract-1", "awardID": award["id"], "status": "active",
        "dateSigned": signed.isoformat(), "value": winner["value"],
        "period": {"startDate": signed.isoformat(),
                   "endDate": (signed + timedelta(days=rng.randint(30, 365))).isoformat()},
    }  # fmt: skip
    if rng.random() < 0.08:
        contract["amendments"] = [_amendment(contract["id"], signed, rng)]
    parties = [buyer.party(["buyer", "procuringEntity"])]
    parties += [b.party(["tenderer", "supplier"] if b is supplier else ["tenderer"])
                for b in bidders]  # fmt: skip
    release = {
        "ocid": ocid, "id": f"{ocid}-{signed:%Y%m%d}", "date": signed.isoformat(),
        "tag": ["compiled"], "initiationType": "tender", "language": "ru", "parties": parties,
        "buyer": buyer.reference(),
        "tender": {
            "id": f"{ocid}-tender", "title": f"Закупка №{plan.index}", "status": "complete",
            "procurementMethod": plan.method,
            "procurementMethodDetails": METHOD_DETAILS[plan.method],
            "mainProcurementCategory": plan.category, "awardCriteria": "priceOnly",
            "value": _money(value), "procuringEntity": buyer.reference(),
            "tenderPeriod": {"startDate": start.isoformat(), "endDate": end.isoformat()},
            "numberOfTenderers": len(bids), "items": items, "lots": [lot],
        },
        "bids": {"details": bids}, "awards": [award], "contracts": [contract],
    }  # fmt: skip
    implicated = [supplier.id] if plan.late_winner else []
    if plan.identical_prices:
        implicated = [bidders[0].id, bidders[1].id]
    return Built(release, implicated)


def _start(plan: Plan, rng: Random, span: int) -> datetime:
    """The tender opening, 09:00 local; chosen so the signature lands where the plan wants it."""
    if plan.year_end:
        year = FIRST_START.year + rng.randrange(3)
        return datetime(year, 12, rng.randint(20, 28), 9) - timedelta(days=span)
    start = FIRST_START + timedelta(days=rng.randrange(START_SPAN_DAYS), hours=9)
    signed = start + timedelta(days=span, hours=9)
    if (signed.month, signed.day) >= YEAR_END_GUARD:
        start -= timedelta(days=40)
    return start


def _bids(plan: Plan, rng: Random, value: float, bidders: list[Organisation],
          start: datetime, end: datetime) -> list[dict[str, Any]]:  # fmt: skip
    """One bid per tenderer, distinct amounts below the estimate, dated inside the period."""
    amounts: list[float] = []
    while len(amounts) < len(bidders):
        amount = round(value * rng.uniform(0.80, 0.995), 2)
        if amount not in amounts:
            amounts.append(amount)
    if plan.identical_prices:
        amounts[1] = amounts[0]
    lowest = min(range(len(amounts)), key=amounts.__getitem__)
    highest = max(range(len(amounts)), key=amounts.__getitem__)
    if plan.late_winner:  # the winner is the lowest valid bid: make it the late one
        amounts[0], amounts[lowest] = amounts[lowest], amounts[0]
        lowest = 0
    seconds = int((end - start).total_seconds())
    bids = []
    for position, (tenderer, amount) in enumerate(zip(bidders, amounts, strict=True)):
        date = start + timedelta(seconds=rng.randrange(3600, seconds - 3600))
        if plan.late_winner and position == lowest:
            date = end + timedelta(minutes=rng.randint(10, 48 * 60))
        status = "valid"
        if (plan.lowest_disqualified and position == lowest) or (
            plan.disqualify_highest and position == highest
        ):
            status = "disqualified"
        bids.append({
            "id": f"bid-{plan.index}-{position + 1}", "date": date.isoformat(), "status": status,
            "value": _money(amount), "tenderers": [tenderer.reference()],
        })  # fmt: skip
    return bids


def _items(rng: Random, codes: list[str], value: float) -> list[dict[str, Any]]:
    """1-3 classified items whose quantities times unit prices add up to about the estimate."""
    count = rng.randint(1, 3)
    items = []
    for number in range(count):
        quantity = rng.randint(1, 500)
        items.append({
            "id": str(number + 1),
            "description": f"Позиция {number + 1}",
            "classification": {"scheme": "ENSTRU", "id": rng.choice(codes)},
            "quantity": quantity,
            "unit": {"name": "штука", "value": _money(round(value / count / quantity, 2))},
        })  # fmt: skip
    return items


def _amendment(contract_id: str, signed: datetime, rng: Random) -> dict[str, Any]:
    return {
        "id": f"{contract_id}-amendment-1",
        "date": (signed + timedelta(days=rng.randint(20, 120))).isoformat(),
        "rationale": "Изменение сроков поставки",
        "description": "Дополнительное соглашение №1",
    }


def _money(amount: float) -> dict[str, Any]:
    return {"amount": amount, "currency": CURRENCY}
