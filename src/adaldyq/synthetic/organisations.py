"""Kazakh-looking organisations for synthetic data: buyers with regions, suppliers with BINs.

Identifiers follow the real shape so that the ingest's organisation ids (`scheme-id`) and any
check on BINs meet what they will meet in production: a business identification number is 12
digits, YYMM of registration, a type digit (4 = resident legal entity), a type-of-office digit,
five serial digits and the check digit of `model.identity` (the one implementation).
"""

# Names are Russian on purpose, as Kazakh publishers write them; Cyrillic look-alikes are intended.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from adaldyq.model.identity.identifiers import check_digit

BIN_SCHEME = "KZ-BIN"

REGIONS = (
    "Астана", "Алматы", "Шымкент", "Абайская область", "Акмолинская область",
    "Актюбинская область", "Алматинская область", "Атырауская область",
    "Восточно-Казахстанская область", "Жамбылская область", "Жетісуская область",
    "Западно-Казахстанская область", "Карагандинская область", "Костанайская область",
    "Кызылординская область", "Мангистауская область", "Павлодарская область",
    "Северо-Казахстанская область", "Туркестанская область", "Улытауская область",
)  # fmt: skip

_BUYER_KINDS = (
    "ГУ «Отдел образования", "КГУ «Управление здравоохранения", "ГУ «Отдел строительства",
    "ГУ «Аппарат акима", "КГП «Городская больница",
)  # fmt: skip
_SUPPLIER_FORMS = ("ТОО", "АО", "ИП")
_SUPPLIER_WORDS = ("Строй", "Тех", "Мед", "Снаб", "Сервис", "Инвест", "Агро", "Транс", "Дала")


@dataclass(frozen=True, slots=True)
class Organisation:
    """One party: its reference id is `KZ-BIN-<bin>`, which is also its stable org id."""

    bin: str
    name: str
    region: str

    @property
    def id(self) -> str:
        return f"{BIN_SCHEME}-{self.bin}"

    def reference(self) -> dict[str, str]:
        """How releases point at the party (buyer, tenderers, suppliers)."""
        return {"id": self.id, "name": self.name}

    def party(self, roles: list[str]) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "identifier": {"scheme": BIN_SCHEME, "id": self.bin, "legalName": self.name},
            "address": {"region": self.region, "countryName": "Казахстан"},
            "roles": roles,
        }


def random_bin(rng: Random) -> str:
    """A valid-looking BIN of a resident legal entity registered 1995-2023."""
    while True:
        year = rng.randrange(95, 124) % 100
        month, office, serial = rng.randrange(1, 13), rng.randrange(3), rng.randrange(10**5)
        first11 = f"{year:02d}{month:02d}4{office}{serial:05d}"
        check = check_digit(first11)
        if check is not None:
            return first11 + str(check)


def buyers(rng: Random, count: int) -> list[Organisation]:
    """Public bodies, each in one region."""
    found = []
    for number in range(count):
        region = rng.choice(REGIONS)
        name = f"{rng.choice(_BUYER_KINDS)} №{number + 1} ({region})»"
        found.append(Organisation(random_bin(rng), name, region))
    return _unique(found)


def suppliers(rng: Random, count: int) -> list[Organisation]:
    """Firms that bid; names are two stems and a number, so they repeat rarely."""
    found = []
    for number in range(count):
        stem = rng.choice(_SUPPLIER_WORDS) + rng.choice(_SUPPLIER_WORDS).lower()
        name = f"{rng.choice(_SUPPLIER_FORMS)} «{stem}-{number + 1}»"
        found.append(Organisation(random_bin(rng), name, rng.choice(REGIONS)))
    return _unique(found)


def _unique(organisations: list[Organisation]) -> list[Organisation]:
    """Drop BIN collisions (rare), keeping the first, so one BIN is always one organisation."""
    seen: set[str] = set()
    kept = []
    for organisation in organisations:
        if organisation.bin not in seen:
            seen.add(organisation.bin)
            kept.append(organisation)
    return kept
