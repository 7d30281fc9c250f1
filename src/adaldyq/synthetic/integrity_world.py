"""A synthetic world for the integrity graph, tied to synthetic procurement, with ground truth.

The procurement generator (`generator.generate`) writes OCDS releases of buyers and suppliers
with BINs; this module reads back who bid and who won, when, and builds the people and ties
around them as FollowTheMoney entities (`graph.ftm.jsonl`, read by `adaldyq graph build`):

- each buyer is a PublicBody with three officials (a head and two tender-committee members,
  Persons with IINs, employed since before the first tender);
- each supplier is a Company, incorporated in the month its BIN says, at an address, phone and
  e-mail of its own, owned by one person and directed by another.

In the clean world nobody is tied to anybody else: no official or relative owns a supplier,
no two companies share an owner, director, address, phone or e-mail domain, and every company
is older than a year at its first tender. `planted=True` then plants the patterns of
INTEGRITY.md §4.3 on chosen awards and tenders (`PLANTED`), each written to `truth.jsonl` as
`{"rule", "pattern", "ocid", "subjects", "path"}`, and near misses that a correct rule must
leave alone (`near_miss: true` rows: a family tie that ended before the award, a shared
free-mail domain).
"""

# Names and addresses are Russian on purpose, as Kazakh registers write them.
# ruff: noqa: RUF001

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

import orjson

from adaldyq.model.identity.identifiers import parse_bin
from adaldyq.synthetic.declaration_people import iin, random_name
from adaldyq.synthetic.generator import generate
from adaldyq.synthetic.organisations import random_bin

EMPLOYED_FROM = date(2015, 1, 1)
STREETS = ("Абая", "Достык", "Сейфуллина", "Толе би", "Байтурсынова", "Жибек жолы", "Кунаева")
PLANTED = ("B01", "B04-director", "B04-phone", "B05", "B06-address", "B06-director")
"""The patterns planted, each on companies of its own; B04 and B06 twice, by what is shared."""
NEAR_MISSES = ("B01-near-miss", "B04-free-mail")
"""Look-alikes a correct rule leaves alone: kinship that ended before the ownership began, two
bidders whose only common trait is a free-mail domain."""
MASS = 10
"""Companies at one mass-registration address, or directed by one nominee."""
FRESH_DAYS = 30
"""How long before its first award a `B05` company is incorporated."""


@dataclass(frozen=True)
class Award:
    """An active award read back from the releases: who bought, who won, who bid, and when."""

    ocid: str
    buyer: str
    supplier: str
    day: date
    bidders: tuple[str, ...]


@dataclass
class WorldSummary:
    releases: Path
    graph: Path
    truth: Path
    entities: int = 0
    planted: dict[str, int] = field(default_factory=dict)


def read_awards(releases: Path) -> list[Award]:
    """Every active award of the generated releases, in file order (BINs, not OCDS org ids)."""
    awards = []
    with releases.open("rb") as lines:
        for line in lines:
            release = orjson.loads(line)
            bidders = tuple(
                _bin(t["id"]) for bid in release.get("bids", {}).get("details", [])
                for t in bid["tenderers"]
            )  # fmt: skip
            for award in release.get("awards", []):
                if award.get("status") == "active":
                    day = date.fromisoformat(award["date"][:10])
                    supplier = _bin(award["suppliers"][0]["id"])
                    awards.append(
                        Award(release["ocid"], _bin(release["buyer"]["id"]), supplier, day, bidders)
                    )
    return awards


def _bin(org_id: str) -> str:
    return org_id.removeprefix("KZ-BIN-")


class World:
    """The entities of one world as they are made, and the ground truth of what was planted."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.entities: list[dict[str, Any]] = []
        self.truth: list[dict[str, Any]] = []
        self.officials: dict[str, list[str]] = {}
        self.owner: dict[str, str] = {}
        self.director: dict[str, str] = {}
        self.companies: dict[str, dict[str, Any]] = {}
        self.ownership: dict[str, dict[str, Any]] = {}
        """Per company BIN: the properties of its clean owner's Ownership tie."""
        self._iins: set[str] = set()
        self._ties = 0

    def person(self, male: bool | None = None) -> str:
        male = self.rng.random() < 0.6 if male is None else male
        born = date(self.rng.randint(1960, 1995), self.rng.randint(1, 12), self.rng.randint(1, 28))
        number = iin(self.rng, born, male, self._iins)
        surname, first = random_name(self.rng, male)
        return self._add("Person", f"kz-iin-{number}", name=[f"{surname} {first}"],
                         idNumber=[number], birthDate=[born.isoformat()])  # fmt: skip

    def body(self, number: str) -> str:
        return self._add("PublicBody", f"kz-bin-{number}", name=[f"Госорган {number}"],
                         registrationNumber=[number], jurisdiction=["kz"])  # fmt: skip

    def company(self, number: str, incorporated: date) -> str:
        index = len(self.companies)
        properties = {
            "name": [f"ТОО «Компания {number}»"],
            "registrationNumber": [number],
            "jurisdiction": ["kz"],
            "incorporationDate": [incorporated.isoformat()],
            "address": [f"г. Алматы, ул. {STREETS[index % len(STREETS)]}, {index + 1}"],
            "phone": [f"+7727{index:07d}"],
            "email": [f"info@company{index}.kz"],
        }
        company = self._add("Company", f"kz-bin-{number}", **properties)
        self.companies[number] = self.entities[-1]["properties"]  # patterns change it in place
        return company

    def tie(self, schema: str, ends: tuple[str, str], start: date, end: date | None = None,
            **properties: list[str]) -> dict[str, Any]:  # fmt: skip
        """A dated relation; its properties are returned, so a later pattern can end it."""
        source, target = _ENDS[schema]
        self._ties += 1
        dates = {"startDate": [start.isoformat()]} | ({"endDate": [end.isoformat()]} if end else {})
        self._add(schema, f"tie-{self._ties}", **{source: [ends[0]], target: [ends[1]]},
                  **dates, **properties)  # fmt: skip
        made: dict[str, Any] = self.entities[-1]["properties"]
        return made

    def _add(self, schema: str, entity_id: str, **properties: list[str]) -> str:
        self.entities.append({"id": entity_id, "schema": schema, "properties": properties})
        return entity_id

    def record(self, rule: str, pattern: str, ocid: str | None, subjects: list[str],
               path: list[str], near_miss: bool = False) -> None:  # fmt: skip
        self.truth.append({"rule": rule, "pattern": pattern, "ocid": ocid, "subjects": subjects,
                           "path": path, "near_miss": near_miss})  # fmt: skip


_ENDS = {"Ownership": ("owner", "asset"), "Directorship": ("director", "organization"),
         "Family": ("person", "relative"), "Employment": ("employee", "employer")}  # fmt: skip


def clean_world(rng: Random, awards: list[Award]) -> World:
    """Bodies with their officials, companies with their owner and director, nothing shared."""
    world = World(rng)
    for number in sorted({a.buyer for a in awards}):
        body = world.body(number)
        world.officials[number] = [world.person() for _ in range(3)]
        for official in world.officials[number]:
            world.tie("Employment", (official, body), EMPLOYED_FROM, role=["tender committee"])
    first_tender = _first_tenders(awards)
    for number, tendered in sorted(first_tender.items()):
        since = min(parse_bin(number).registered, tendered - timedelta(days=2 * 365))
        company = world.company(number, since)
        world.owner[number] = world.person()
        world.director[number] = world.person()
        world.ownership[number] = world.tie(
            "Ownership", (world.owner[number], company), since, percentage=["100"]
        )
        world.tie("Directorship", (world.director[number], company), since, role=["director"])
    return world


def _first_tenders(awards: list[Award]) -> dict[str, date]:
    """Each company's first award or bid day: a clean company is two years older than that (its
    BIN's month when earlier), so no rule on fresh companies fires in the clean world."""
    first: dict[str, date] = {}
    for award in awards:
        for number in (award.supplier, *award.bidders):
            first[number] = min(first.get(number, award.day), award.day)
    return first


def plant(world: World, awards: list[Award]) -> None:
    """Each pattern of `PLANTED`, then the near misses, each on companies no other pattern
    touches. A tie holds from its start on, so a pattern shows in every award or tender of its
    companies while it holds: the truth names the companies, with one award as an example."""
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

    first = _first_awards(awards)
    award = pick(_winner)
    _kinship(world, award, award.day - timedelta(days=400), until=None)
    _shared_director(world, pick(_two_bidders))
    _shared_contact(world, pick(_two_bidders), "phone", "B04-phone")
    _fresh(world, pick(_winner, lambda a: first[a.supplier] == a))
    _mass_address(world)
    _nominee(world)
    award = pick(_winner)
    since = award.day - timedelta(days=400)
    _kinship(world, award, since, until=since - timedelta(days=1))  # divorced, then acquired
    _shared_contact(world, pick(_two_bidders), "email", "B04-free-mail")


def _winner(award: Award) -> set[str]:
    return {award.supplier}


def _two_bidders(award: Award) -> set[str]:
    bidders = sorted(set(award.bidders))
    return set(bidders[:2]) if len(bidders) >= 2 else set()


def _first_awards(awards: list[Award]) -> dict[str, Award]:
    first: dict[str, Award] = {}
    for award in sorted(awards, key=lambda a: a.day):
        first.setdefault(award.supplier, award)
    return first


def _kinship(world: World, award: Award, since: date, until: date | None) -> None:
    """An official of the buyer, their spouse, the spouse owning the winner (since `since`);
    the family tie ends on `until` when given: a near miss when it ended before the ownership
    began, so at no award did both ties hold."""
    official = world.officials[award.buyer][0]
    spouse = world.person()
    world.tie("Family", (official, spouse), since - timedelta(days=3650), until,
              relationship=["spouse"])  # fmt: skip
    company = f"kz-bin-{award.supplier}"
    world.ownership[award.supplier]["endDate"] = [(since - timedelta(days=1)).isoformat()]
    world.tie("Ownership", (spouse, company), since, percentage=["100"])  # bought from the owner
    path = [official, spouse, company]
    near_miss = until is not None
    world.record("B01", "B01-near-miss" if near_miss else "B01", award.ocid, [company], path,
                 near_miss)  # fmt: skip


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
    """The winner incorporated `FRESH_DAYS` before its first award (the BIN's month aside)."""
    company = world.companies[award.supplier]
    company["incorporationDate"] = [(award.day - timedelta(days=FRESH_DAYS)).isoformat()]
    subject = f"kz-bin-{award.supplier}"
    world.record("B05", "B05", award.ocid, [subject], [subject])


def _shells(world: World) -> list[str]:
    """`MASS` new companies that take part in no tender (so a shared trait of theirs raises no
    bidder pattern), each with an owner and a director of its own."""
    numbers: list[str] = []
    while len(numbers) < MASS:
        number = random_bin(world.rng)
        if number not in world.companies:
            numbers.append(number)
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


def generate_world(
    folder: Path, processes: int, seed: int = 0, planted: bool = True
) -> WorldSummary:
    """Write `releases.jsonl` (clean procurement), `graph.ftm.jsonl` and `truth.jsonl` (empty
    for the clean world) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    summary = WorldSummary(folder / "releases.jsonl", folder / "graph.ftm.jsonl",
                           folder / "truth.jsonl")  # fmt: skip
    generate(
        summary.releases, processes, seed=seed, share=0.0, truth=folder / "procurement.truth.jsonl"
    )
    awards = read_awards(summary.releases)
    world = clean_world(Random(seed), awards)
    if planted:
        plant(world, awards)
    summary.entities = _write(summary.graph, iter(world.entities))
    _write(summary.truth, iter(world.truth))
    for row in world.truth:
        summary.planted[row["pattern"]] = summary.planted.get(row["pattern"], 0) + 1
    return summary


def _write(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    count = 0
    with path.open("wb") as out:
        for row in rows:
            out.write(orjson.dumps(row) + b"\n")
            count += 1
    return count
