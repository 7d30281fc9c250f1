"""Planted patterns that need planted releases (`integrity_market.Market`): B08 single-buyer
dependency and B09's share jump after an appointment, each with its near miss.

Each uses buyers of its own (the buyers with most awards, in order), and suppliers of its own
(new companies, two years older than their first award), so no other pattern reads their market.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from adaldyq.synthetic.integrity_base import Award, World

DEPENDENT_AWARDS = 4
"""Awards a B08 supplier wins from its one buyer."""
DEPENDENT_VALUE = 5_000_000.0
WINDOW_DAYS = 365
"""B09's default window before and after an appointment."""
JUMP_DAYS = (30, 90, 150, 210)
"""Days after the appointment the supplier wins from the body (B09 share jump)."""
EARLIER_DAYS = (300, 200, 100)
"""Days before the appointment the supplier wins from another body."""
SOLD_BEFORE = 450
"""Days before the appointment the relative sold the supplier (the share-jump near miss): before
its first award by more than B05's 90 days, so the new owner is no owner change at an award."""


def plant_market(world: World, awards: list[Award]) -> None:
    """The share jump and its near miss, then B08 and its near miss, each on buyers apart."""
    count = Counter(a.buyer for a in awards)
    buyers = sorted(count, key=lambda b: (-count[b], b))
    _share_jump(world, awards, buyers[0], buyers[2], "B09-share-jump")
    _share_jump(world, awards, buyers[1], buyers[3], "B09-share-jump-near-miss")
    _dependent(world, awards, buyers[4], None, "B08")
    _dependent(world, awards, buyers[5], buyers[6], "B08-near-miss")


def _company(world: World, first: date) -> str:
    """A new supplier, owned and directed since two years before `first`."""
    number = world.new_bin()
    world.owned_company(number, first - timedelta(days=730))
    return number


def _share_jump(world: World, awards: list[Award], body: str, other: str, pattern: str) -> None:
    """A person takes office at `body` on the median day of its awards; the supplier owned by
    the person's brother, which had won only at `other`, then wins four awards from `body`
    worth twice the rest of `body`'s awards in the year after: its share jumps from 0 to 2/3.
    In the near miss the brother sold the supplier `SOLD_BEFORE` days before the appointment."""
    days = sorted(a.day for a in awards if a.buyer == body)
    start = days[len(days) // 2]
    after = sum(a.value for a in awards if a.buyer == body and
                start <= a.day < start + timedelta(days=WINDOW_DAYS))  # fmt: skip
    number = _company(world, start - timedelta(days=max(EARLIER_DAYS)))
    name = world.companies[number]["name"][0]
    for before in EARLIER_DAYS:
        world.market.award(other, number, name, start - timedelta(days=before), 2 * after / 3)
    ocids = [
        world.market.award(body, number, name, start + timedelta(days=later), after / 2)
        for later in JUMP_DAYS
    ]
    appointee = world.official(body, start=start, role="head")
    brother = world.owner[number]
    world.tie("Family", (appointee, brother), date(1990, 1, 1), relationship=["brother"])
    near_miss = pattern.endswith("near-miss")
    if near_miss:
        sold = start - timedelta(days=SOLD_BEFORE)
        world.ownership[number]["endDate"] = [sold.isoformat()]
        world.tie("Ownership", (world.person(), f"kz-bin-{number}"), sold + timedelta(days=1),
                  percentage=["100"])  # fmt: skip
    company = f"kz-bin-{number}"
    world.record("B09", pattern, ocids[0], [company], [f"kz-bin-{body}", appointee, brother,
                 company], near_miss=near_miss, also=() if near_miss else ("B01",))  # fmt: skip


def _dependent(
    world: World, awards: list[Award], body: str, other: str | None, pattern: str
) -> None:
    """A new supplier wins `DEPENDENT_AWARDS` awards from `body` and nothing elsewhere (B08). The
    near miss wins two large awards from `body` and a small one from `other`: above the share,
    but two awards are one buyer's large contracts, not a dependency."""
    days = sorted(a.day for a in awards if a.buyer == body)
    number = _company(world, days[0])
    name = world.companies[number]["name"][0]
    if other is None:
        ocids = [world.market.award(body, number, name, day, DEPENDENT_VALUE)
                 for day in days[:DEPENDENT_AWARDS]]  # fmt: skip
    else:
        ocids = [world.market.award(body, number, name, day, 10 * DEPENDENT_VALUE)
                 for day in days[:2]]  # fmt: skip
        world.market.award(other, number, name, days[2], DEPENDENT_VALUE)
    company = f"kz-bin-{number}"
    world.record("B08", pattern, ocids[0], [company], [f"kz-bin-{body}", company],
                 near_miss=other is not None)  # fmt: skip
