"""The people, companies and ties of the synthetic integrity world, and its clean state.

The procurement generator (`generator.generate`) writes OCDS releases of buyers and suppliers
with BINs; `read_awards` reads back who bid and who won, when, and `clean_world` builds the
people and ties around them as FollowTheMoney entities:

- each buyer is a PublicBody with three officials (a head and two tender-committee members,
  Persons with IINs, employed since before the first tender), each filing an annual declaration
  on time for every year the body awards in (no corporate interest declared);
- each supplier is a Company, incorporated in the month its BIN says, at an address, phone and
  e-mail of its own, owned by one person and directed by another.

Nobody is tied to anybody else: no official or relative owns a supplier, no two companies share
an owner, director, address, phone or e-mail domain, and every company is older than a year at
its first tender. The planting of patterns is `integrity_plants.py`'s.
"""

# Names and addresses are Russian on purpose, as Kazakh registers write them.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

import orjson

from adaldyq.model.identity.identifiers import parse_bin
from adaldyq.synthetic.declaration_people import iin, random_name
from adaldyq.synthetic.integrity_declarations import declaration
from adaldyq.synthetic.integrity_facts import clean_facts
from adaldyq.synthetic.integrity_market import Market
from adaldyq.synthetic.organisations import random_bin

EMPLOYED_FROM = date(2015, 1, 1)
STREETS = ("Абая", "Достык", "Сейфуллина", "Толе би", "Байтурсынова", "Жибек жолы", "Кунаева")


@dataclass(frozen=True)
class Award:
    """An active award read back from the releases: who bought, who won, who bid, and when."""

    ocid: str
    buyer: str
    supplier: str
    day: date
    bidders: tuple[str, ...]
    value: float = 0.0


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
                    buyer = _bin(release["buyer"]["id"])
                    value = float(award.get("value", {}).get("amount") or 0.0)
                    awards.append(Award(release["ocid"], buyer, supplier, day, bidders, value))
    return awards


def _bin(org_id: str) -> str:
    return org_id.removeprefix("KZ-BIN-")


class World:
    """The entities of one world as they are made, its planted releases and declarations, and
    the ground truth of what was planted."""

    def __init__(self, rng: Random, market: Market) -> None:
        self.rng = rng
        self.market = market
        self.entities: list[dict[str, Any]] = []
        self.truth: list[dict[str, Any]] = []
        self.declarations: list[dict[str, Any]] = []
        self.facts: list[dict[str, Any]] = []
        """Company facts CSV rows (`integrity_facts.py`)."""
        self.officials: dict[str, list[str]] = {}
        self.owner: dict[str, str] = {}
        self.director: dict[str, str] = {}
        self.companies: dict[str, dict[str, Any]] = {}
        self.people: dict[str, dict[str, Any]] = {}
        """Per person node id: its properties (a pattern may give it a phone or a topic)."""
        self.ownership: dict[str, dict[str, Any]] = {}
        """Per company BIN: the properties of its clean owner's Ownership tie."""
        self._iins: set[str] = set()
        self._ties = 0

    def person(self, male: bool | None = None, **properties: list[str]) -> str:
        male = self.rng.random() < 0.6 if male is None else male
        born = date(self.rng.randint(1960, 1995), self.rng.randint(1, 12), self.rng.randint(1, 28))
        number = iin(self.rng, born, male, self._iins)
        surname, first = random_name(self.rng, male)
        person = self._add(
            "Person", f"kz-iin-{number}", name=[f"{surname} {first}"], idNumber=[number],
            birthDate=[born.isoformat()], **properties,
        )  # fmt: skip
        self.people[person] = self.entities[-1]["properties"]
        return person

    def body(self, number: str) -> str:
        return self._add("PublicBody", f"kz-bin-{number}", name=[f"Госорган {number}"],
                         registrationNumber=[number], jurisdiction=["kz"])  # fmt: skip

    def official(self, body: str, start: date = EMPLOYED_FROM, end: date | None = None,
                 role: str = "tender committee") -> str:  # fmt: skip
        """A new person employed at the body (BIN) from `start` (to `end`)."""
        official = self.person()
        self.tie("Employment", (official, f"kz-bin-{body}"), start, end, role=[role])
        return official

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

    def owned_company(self, number: str, since: date) -> str:
        """A company incorporated on `since`, owned and directed by people of its own since, with
        clean facts (founding capital, staff and tax every year)."""
        company = self.company(number, since)
        self.owner[number] = self.person()
        self.director[number] = self.person()
        self.ownership[number] = self.tie(
            "Ownership", (self.owner[number], company), since, percentage=["100"]
        )
        self.tie("Directorship", (self.director[number], company), since, role=["director"])
        self.facts += clean_facts(self.rng, number, since)
        return company

    def new_bin(self) -> str:
        """A BIN no company of the world has yet."""
        while True:
            number = random_bin(self.rng)
            if number not in self.companies:
                return number

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

    def record(
        self, rule: str, pattern: str, ocid: str | None, subjects: list[str], path: list[str],
        near_miss: bool = False, also: tuple[str, ...] = (),
    ) -> None:  # fmt: skip
        """A truth row; `also` names the other rules the plant makes fire by design (a relative
        who owns a supplier is a B01 conflict whatever else the plant shows)."""
        self.truth.append({"rule": rule, "pattern": pattern, "ocid": ocid, "subjects": subjects,
                           "path": path, "near_miss": near_miss, "also": list(also)})  # fmt: skip


_ENDS = {"Ownership": ("owner", "asset"), "Directorship": ("director", "organization"),
         "Family": ("person", "relative"), "Associate": ("person", "associate"),
         "Employment": ("employee", "employer")}  # fmt: skip


def clean_world(rng: Random, awards: list[Award], market: Market) -> World:
    """Bodies with their officials and their declarations, companies with their owner and
    director, nothing shared."""
    world = World(rng, market)
    years: dict[str, set[int]] = {}
    for award in awards:
        years.setdefault(award.buyer, set()).add(award.day.year)
    for number in sorted(years):
        world.body(number)
        world.officials[number] = [world.official(number) for _ in range(3)]
        for official in world.officials[number]:
            for year in sorted(years[number]):
                world.declarations.append(declaration(official, year, number))
    for number, tendered in sorted(_first_tenders(awards).items()):
        world.owned_company(
            number, min(parse_bin(number).registered, tendered - timedelta(days=730))
        )
    return world


def _first_tenders(awards: list[Award]) -> dict[str, date]:
    """Each company's first award or bid day: a clean company is two years older than that (its
    BIN's month when earlier), so no rule on fresh companies fires in the clean world."""
    first: dict[str, date] = {}
    for award in awards:
        for number in (award.supplier, *award.bidders):
            first[number] = min(first.get(number, award.day), award.day)
    return first
