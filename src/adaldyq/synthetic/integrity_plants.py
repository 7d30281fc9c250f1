"""Planting the patterns of INTEGRITY.md §4.3 into a clean integrity world, each on companies no
other pattern touches, each written to the truth with its subjects and path; and near misses
that a correct rule must leave alone.

This module plants on the generated awards and tenders (B01 kinship, B04 collusion, B05 fresh
company, B06 shells) and orders every planting; `integrity_plants_offices.py` plants what rests
on officials, declarations and lists (B02, B03, B07, B09, B10, B11), and
`integrity_plants_market.py` what needs planted releases (B08, B09's share jump).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from adaldyq.model.identity.identifiers import parse_bin
from adaldyq.synthetic.integrity_base import Award, World
from adaldyq.synthetic.integrity_facts import FOUNDING_CAPITAL, year_row
from adaldyq.synthetic.integrity_plants_market import plant_market
from adaldyq.synthetic.integrity_plants_offices import Picker, kinship, plant_offices

MASS = 10
"""Companies at one mass-registration address, or directed by one nominee."""
FRESH_DAYS = 30
"""How long before its first award a `B05` company is incorporated."""
CAPITAL_DAYS = 30
"""How long before an award a `B05-capital` company raises its capital."""


def plant(world: World, awards: list[Award]) -> None:
    """Every pattern, then the near misses. A tie holds from its start on, so a pattern shows
    in every award or tender of its companies while it holds: the truth names the companies,
    with one award as an example."""
    order = list(awards)
    world.rng.shuffle(order)
    taken: set[str] = set()

    def pick(
        touched: Callable[[Award], set[str]], ok: Callable[[Award], bool] | None = None
    ) -> Award:
        for award in order:
            companies = touched(award)
            if companies and not companies & taken and (ok is None or ok(award)):
                taken.update(companies)
                return award
        raise ValueError("too few awards to plant every pattern apart: generate more processes")

    first = first_awards(awards)
    award = pick(winner)
    kinship(world, award, world.officials[award.buyer][0], None, "B01")
    _shared_director(world, pick(_two_bidders))
    _shared_contact(world, pick(_two_bidders), "phone", "B04-phone")
    _fresh(world, pick(winner, lambda a: first[a.supplier] == a))
    _mass_address(world)
    _nominee(world)
    award = pick(winner)
    kinship(world, award, world.officials[award.buyer][0], first[award.supplier].day,
            "B01-near-miss")  # fmt: skip
    _shared_contact(world, pick(_two_bidders), "email", "B04-free-mail")
    picker = Picker(pick, first)
    _capital_raise(world, picker.winner(), CAPITAL_DAYS, "B05-capital")
    _capital_raise(world, picker.first_winner(), 200, "B05-capital-near-miss")
    _no_staff(world, picker.winner(), "B06-staff")
    _no_staff(world, picker.winner(), "B06-staff-near-miss")
    plant_offices(world, awards, picker)
    plant_market(world, awards)


def winner(award: Award) -> set[str]:
    return {award.supplier}


def _two_bidders(award: Award) -> set[str]:
    bidders = sorted(set(award.bidders))
    return set(bidders[:2]) if len(bidders) >= 2 else set()


def first_awards(awards: list[Award]) -> dict[str, Award]:
    """Each supplier's first award (by day, then file order)."""
    first: dict[str, Award] = {}
    for award in sorted(awards, key=lambda a: a.day):
        first.setdefault(award.supplier, award)
    return first


def _shared_director(world: World, award: Award) -> None:
    """Two bidders of one tender directed by one person since before the tender."""
    first, second = sorted(set(award.bidders))[:2]
    director = world.director[first]
    world.tie("Directorship", (director, f"kz-bin-{second}"), award.day - timedelta(days=365),
              role=["director"])  # fmt: skip
    companies = [f"kz-bin-{first}", f"kz-bin-{second}"]
    world.record("B04", "B04-director", award.ocid, companies, [companies[0], director,
                                                                companies[1]])  # fmt: skip


def _shared_contact(world: World, award: Award, kind: str, pattern: str) -> None:
    """Two bidders of one tender with one phone (evidence), or e-mails at one free-mail domain
    (a near miss: gmail.com is shared by millions)."""
    first, second = sorted(set(award.bidders))[:2]
    one, other = world.companies[first], world.companies[second]
    if kind == "phone":
        other["phone"] = list(one["phone"])
    else:
        one["email"], other["email"] = ["tender.one@gmail.com"], ["tender.two@gmail.com"]
    companies = [f"kz-bin-{first}", f"kz-bin-{second}"]
    world.record("B04", pattern, award.ocid, companies, companies, near_miss=kind != "phone")


def _fresh(world: World, award: Award) -> None:
    """The winner incorporated `FRESH_DAYS` before its first award (the BIN's month aside); its
    facts begin then too."""
    company = world.companies[award.supplier]
    born = award.day - timedelta(days=FRESH_DAYS)
    company["incorporationDate"] = [born.isoformat()]
    mine = [r for r in world.facts if r["company_id"] == award.supplier]
    world.facts = [r for r in world.facts if r not in mine or r["date"] >= str(born.year)]
    next(r for r in mine if "capital" in r)["date"] = born.isoformat()
    subject = f"kz-bin-{award.supplier}"
    world.record("B05", "B05", award.ocid, [subject], [subject])


def _capital_raise(world: World, award: Award, days: int, pattern: str) -> None:
    """The winner's capital raised 500-fold `days` before the award; 200 days before its first
    award is a near miss (B05 reads raises fewer than 90 days before an award)."""
    raised = award.day - timedelta(days=days)
    world.facts.append({"company_id": award.supplier, "date": raised.isoformat(),
                        "capital": 500 * FOUNDING_CAPITAL, "capital_currency": "KZT"})  # fmt: skip
    company = f"kz-bin-{award.supplier}"
    world.record("B05", pattern, award.ocid, [company],
                 [f"capital:{company}@{raised.isoformat()}", company],
                 near_miss=pattern.endswith("near-miss"))  # fmt: skip


def _no_staff(world: World, award: Award, pattern: str) -> None:
    """The winner's year of the award: no employees and 0.02 % of its turnover in tax; in the
    near miss a turnover of 2 million, below B06's 10 million, with neither staff nor tax."""
    row = year_row(world.facts, award.supplier, award.day.year)
    near_miss = pattern.endswith("near-miss")
    if near_miss:
        row.update(employees=0, turnover=2_000_000.0, tax_paid=0)
    else:
        row.update(employees=0, tax_paid=round(row["turnover"] * 0.0002))
    company = f"kz-bin-{award.supplier}"
    world.record("B06", pattern, None, [company], [f"facts:{company}@{award.day.year}", company],
                 near_miss=near_miss)  # fmt: skip


def _shells(world: World) -> list[str]:
    """`MASS` new companies that take part in no tender (so a shared trait of theirs raises no
    bidder pattern), each with an owner of its own."""
    numbers = []
    for _ in range(MASS):
        numbers.append(number := world.new_bin())
        registered = parse_bin(number).registered
        company = world.company(number, registered)
        world.tie("Ownership", (world.person(), company), registered, percentage=["100"])
    return numbers


def _mass_address(world: World) -> None:
    """`MASS` companies registered at one address, each directed by its own person."""
    numbers = _shells(world)
    shared = world.companies[numbers[0]]["address"]
    for number in numbers:
        world.companies[number]["address"] = list(shared)
        since = parse_bin(number).registered
        world.tie("Directorship", (world.person(), f"kz-bin-{number}"), since, role=["director"])
    companies = [f"kz-bin-{n}" for n in numbers]
    world.record("B06", "B06-address", None, companies, companies)


def _nominee(world: World) -> None:
    """One person directing `MASS` companies."""
    numbers = _shells(world)
    nominee = world.person()
    for number in numbers:
        since = parse_bin(number).registered
        world.tie("Directorship", (nominee, f"kz-bin-{number}"), since, role=["director"])
    companies = [f"kz-bin-{n}" for n in numbers]
    world.record("B06", "B06-director", None, companies, [nominee, *companies])
