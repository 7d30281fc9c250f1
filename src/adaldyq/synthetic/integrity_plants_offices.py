"""Planted patterns that rest on officials, their declarations and the lists: B01 and B11
kinship, B02 declared interest, B03 shared phone, B07 revolving door, B09 PEP owner, B10
convicted director; each with a near miss whose tie is dated off the awards, or whose
declaration covers no award year.

Every pattern gets an official of its own (a new person employed at the buyer), so no two
patterns share a person and a rule's finding points at one plant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from adaldyq.model.identity.contacts import phone_e164
from adaldyq.synthetic.integrity_base import Award, World
from adaldyq.synthetic.integrity_declarations import (
    declaration,
    declare_family_income,
    declare_shares,
    file_late,
)

MARRIED = date(2005, 6, 1)
"""When a planted official married the owner of the supplier."""
REVOLVING_MONTHS = 24
"""B07's default window: a move within it is a revolving door."""
JOINED_BEFORE_AWARD = 120
"""Days before the example award a former official became the supplier's director (B07)."""
ENDED_BEFORE = 200
"""Days before a supplier's first award a listed owner sold, a listed director left (B09, B10
near misses), a phone-sharing director left (30 for B03)."""

Pick = Callable[[Callable[[Award], set[str]], Callable[[Award], bool] | None], Award]


@dataclass(frozen=True)
class Picker:
    """Chooses awards whose supplier no other pattern touches (`integrity_plants.plant`)."""

    pick: Pick
    first: dict[str, Award]

    def winner(self) -> Award:
        return self.pick(_winner, None)

    def first_winner(self) -> Award:
        """An award that is its supplier's first, so a tie ended before it ended before all."""
        return self.pick(_winner, lambda a: self.first[a.supplier] == a)


def _winner(award: Award) -> set[str]:
    return {award.supplier}


def plant_offices(world: World, awards: list[Award], picker: Picker) -> None:
    """Each pattern of this module, then its near miss."""
    _declared(world, picker.winner(), "B02", _year_of)
    _declared(world, picker.winner(), "B02-family-income", _year_of)
    _declared(world, picker.winner(), "B02-near-miss", _before_awards(awards))
    _shared_phone(world, picker.winner(), "B03")
    _shared_phone(world, picker.first_winner(), "B03-near-miss")
    _revolving(world, picker.winner(), "B07", months=6)
    _revolving(world, picker.winner(), "B07-near-miss", months=REVOLVING_MONTHS + 12)
    _listed(world, picker.winner(), "B09", "role.pep")
    _listed(world, picker.first_winner(), "B09-near-miss", "role.pep")
    _listed(world, picker.winner(), "B10", "crime.corruption")
    _listed(world, picker.first_winner(), "B10-near-miss", "crime.corruption")
    _enriched(world, picker.winner(), "B11", _year_of)
    _enriched(world, picker.winner(), "B11-near-miss", _before_awards(awards, 1))


def kinship(
    world: World, award: Award, official: str, divorced: date | None, pattern: str,
    rule: str = "B01", near_miss: bool = False, also: tuple[str, ...] = (),
) -> None:  # fmt: skip
    """An official of the buyer married to the winner's owner; the marriage ends the day before
    `divorced` when given (a near miss when that is the company's first award: at no award did
    both ties hold). B11 plants on it with a rule of its own and B01 `also` firing."""
    spouse = world.owner[award.supplier]
    until = divorced - timedelta(days=1) if divorced else None
    world.tie("Family", (official, spouse), MARRIED, until, relationship=["spouse"])
    company = f"kz-bin-{award.supplier}"
    world.record(rule, pattern, award.ocid, [company], [official, spouse, company],
                 near_miss=near_miss or divorced is not None, also=also)  # fmt: skip


YearOf = Callable[[Award], int]


def _year_of(award: Award) -> int:
    return award.day.year


def _before_awards(awards: list[Award], years: int = 2) -> YearOf:
    """The year `years` before the supplier's first award from the award's buyer: a
    declaration of it covers none of their awards (B02 reads a declaration for its year and
    the next, B11 for its year)."""

    def year(award: Award) -> int:
        pair = (award.buyer, award.supplier)
        return min(a.day.year for a in awards if (a.buyer, a.supplier) == pair) - years

    return year


def _declared(world: World, award: Award, pattern: str, year: YearOf) -> None:
    """A new official of the buyer declares the winner's shares, or (`family-income`) a family
    member's dividends from it, in the year `year` gives."""
    official = world.official(award.buyer)
    document = declaration(official, year(award), award.buyer)
    company = f"kz-bin-{award.supplier}"
    if pattern.endswith("family-income"):
        declare_family_income(document, "spouse", award.supplier)
    else:
        declare_shares(document, award.supplier, world.companies[award.supplier]["name"][0])
    world.declarations.append(document)
    world.record("B02", pattern, award.ocid, [company], [official, company],
                 near_miss=pattern.endswith("near-miss"))  # fmt: skip


def _shared_phone(world: World, award: Award, pattern: str) -> None:
    """A new official of the buyer and the winner's director share a mobile phone; in the near
    miss the one with the phone left the board 30 days before the company's first award."""
    official = world.official(award.buyer)
    phone = [f"+7701{len(world.people):07d}"]
    world.people[official]["phone"] = phone
    company = f"kz-bin-{award.supplier}"
    near_miss = pattern.endswith("near-miss")
    if near_miss:
        holder = world.person(phone=list(phone))
        since = date.fromisoformat(world.companies[award.supplier]["incorporationDate"][0])
        left = award.day - timedelta(days=30)
        world.tie("Directorship", (holder, company), since, left, role=["director"])
    else:
        holder = world.director[award.supplier]
        world.people[holder]["phone"] = list(phone)
    path = [official, f"phone:{phone_e164(phone[0])}", holder, company]
    world.record("B03", pattern, award.ocid, [company], path, near_miss=near_miss)


def _revolving(world: World, award: Award, pattern: str, months: int) -> None:
    """An official leaves the buyer `months` before becoming the winner's director, 120 days
    before the award; beyond B07's 24 months it is a near miss."""
    joined = award.day - timedelta(days=JOINED_BEFORE_AWARD)
    left = joined - timedelta(days=round(months * 30.4375))
    person = world.official(award.buyer, end=left)
    company = f"kz-bin-{award.supplier}"
    world.tie("Directorship", (person, company), joined, role=["director"])
    world.record("B07", pattern, award.ocid, [company], [person, company],
                 near_miss=months > REVOLVING_MONTHS)  # fmt: skip


def _listed(world: World, award: Award, pattern: str, topic: str) -> None:
    """The winner's owner is a PEP (`role.pep`, B09) or its director is on the register of
    persons convicted of corruption (`crime.corruption`, B10). In the near miss the listed
    person sold or left `ENDED_BEFORE` days before the company's first award: the clean owner
    bought the company then (early enough that B05's owner change does not fire), or the clean
    director stayed on alone."""
    number = award.supplier
    company = f"kz-bin-{number}"
    near_miss = pattern.endswith("near-miss")
    if not near_miss:
        holder = world.owner[number] if topic == "role.pep" else world.director[number]
        world.people[holder]["topics"] = [topic]
    else:
        holder = world.person(topics=[topic])
        since = date.fromisoformat(world.companies[number]["incorporationDate"][0])
        ended = award.day - timedelta(days=ENDED_BEFORE)
        if topic == "role.pep":
            world.tie("Ownership", (holder, company), since, ended, percentage=["100"])
            world.ownership[number]["startDate"] = [(ended + timedelta(days=1)).isoformat()]
        else:
            world.tie("Directorship", (holder, company), since, ended, role=["director"])
    rule = "B09" if topic == "role.pep" else "B10"
    world.record(rule, pattern, award.ocid, [company], [holder, company], near_miss=near_miss)


def _enriched(world: World, award: Award, pattern: str, year: YearOf) -> None:
    """A B01 conflict (a new official married to the winner's owner) whose official filed the
    declaration of the year `year` gives late: the declarations engine flags it (A21), and
    in the award's year that is B11's combined case; a year before the awards is a near miss."""
    official = world.official(award.buyer)
    document = declaration(official, year(award), award.buyer)
    file_late(document)
    world.declarations.append(document)
    kinship(world, award, official, None, pattern, rule="B11",
            near_miss=pattern.endswith("near-miss"), also=("B01",))  # fmt: skip
