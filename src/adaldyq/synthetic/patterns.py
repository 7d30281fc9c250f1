"""Planted red-flag patterns and the clean background they stand out from.

Each pattern is one decision on a process plan, named by the rule that must catch it. The
background is drawn so that none of these rules has anything to find in it: open and selective
tenders have at least three tenderers and at least 20 days to bid, every bid arrives before the
deadline at its own price, the lowest bid is never the disqualified one, and no contract is
signed from 10 December on. So every finding of these rules on synthetic data is either a planted
subject (recall) or a false positive (precision).
"""

from __future__ import annotations

from collections.abc import Callable
from random import Random

from adaldyq.synthetic.releases import Plan

CATEGORIES = ("goods", "goods", "services", "works")


def background(index: int, rng: Random) -> Plan:
    """A clean process: mostly open tenders, some selective, some direct single-source awards."""
    draw = rng.random()
    method = "open" if draw < 0.85 else "selective" if draw < 0.90 else "limited"
    tenderers = 1 if method == "limited" else rng.randint(3, 7)
    return Plan(
        index=index,
        method=method,
        category=rng.choice(CATEGORIES),
        tenderers=tenderers,
        period_days=rng.randint(20, 45),
        disqualify_highest=tenderers >= 4 and rng.random() < 0.1,
    )


def _single_bid(plan: Plan) -> None:
    plan.tenderers = 1


def _short_period(plan: Plan) -> None:
    plan.period_days = 3 + plan.period_days % 12  # the background's random 20-45 days -> 3-14


def _late_bid_won(plan: Plan) -> None:
    plan.late_winner = True


def _identical_prices(plan: Plan) -> None:
    plan.identical_prices = True


def _lowest_disqualified(plan: Plan) -> None:
    plan.lowest_disqualified = True


def _year_end_works(plan: Plan) -> None:
    plan.category = "works"
    plan.year_end = True


# Rule code -> how to plant it in an open tender. R018: numberOfTenderers = 1; R003: fewer than
# 15 days to bid; R030: the winner's valid bid came after the deadline; R028: two tenderers bid
# the same amount; R036: the lowest bid was disqualified; YE01: a works contract signed
# in the last 15 days of December.
PATTERNS: dict[str, Callable[[Plan], None]] = {
    "R018": _single_bid,
    "R003": _short_period,
    "R030": _late_bid_won,
    "R028": _identical_prices,
    "R036": _lowest_disqualified,
    "YE01": _year_end_works,
}


def planted(index: int, code: str, rng: Random) -> Plan:
    """An otherwise clean open tender carrying one pattern."""
    plan = background(index, rng)
    plan.method = "open"
    plan.tenderers = max(plan.tenderers, 3)
    plan.disqualify_highest = False
    PATTERNS[code](plan)
    return plan
