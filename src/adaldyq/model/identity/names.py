"""Person names as Kazakhstan's records write them, split into parts and compared part by part.

Registers write "Иванов Иван Иванович" (surname first), portals and news "Иван Иванович Иванов",
passports and foreign registers "IVANOV IVAN" or "Kassym-Jomart Tokayev", forms "Иванов И.И.".
`parse_person_name` recovers surname, given name and patronymic from these orders; then
`compare_person_names` says for each part whether the two records agree, are merely compatible
(an initial against a full name), leave it out, or contradict each other. The distinction is the
point: an omitted patronymic is no evidence, a different one is evidence against (INTEGRITY.md §3).

Order is decided by the patronymic's position when there is one, otherwise by surname endings
(-ов/-ева/-ский/-енко ...), otherwise by the script's convention (Cyrillic and ALL-CAPS Latin put
the surname first). The comparison also tries the swapped order, so a wrong guess between two
plain words costs nothing. A Western middle name ("Maria del Carmen Lopez") lands in the
patronymic slot and is compared as written. Not handled: diminutives (Саша/Александр), maiden
names, given-name variants across languages (Нұрсұлтан/Нурсултан match; Иосиф/Joseph do not).
"""

# ruff: noqa: RUF001  (a name may use a typographic apostrophe)

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from adaldyq.model.identity.identifiers import Sex
from adaldyq.model.identity.patronymics import PARTICLES, parse_patronymic
from adaldyq.model.identity.scripts import latin_key

# Latin initials of one Cyrillic letter may take two: Zh. (Ж), Sh., Ch., Kh., Ts., Ya., Yu., Ye.
_DIGRAPHS = ("zh", "sh", "ch", "kh", "ts", "ya", "yu", "ye", "yo")
_LETTER = r"[^\W\d_]"
_INITIAL = rf"(?i:{'|'.join(_DIGRAPHS)}|{_LETTER})\."
# an initial ("И.", "Қ.-Ж.", "Zh." or a lone letter) or a word with inner hyphens/apostrophes
_TOKEN = re.compile(rf"{_INITIAL}(?:-{_INITIAL})*|{_LETTER}(?:(?:{_LETTER}|['’-])*{_LETTER})?")
_STRONG_SURNAME = (
    "ov",
    "ev",
    "ova",
    "eva",
    "ski",
    "skaia",
    "cki",
    "ckaia",
    "enko",
    "shvili",
    "dze",
)
_WEAK_SURNAME = ("in", "ina", "uk", "iuk", "ian")


class Agreement(StrEnum):
    """How one part of two names relates."""

    AGREE = "agree"  # the same name
    COMPATIBLE = "compatible"  # an initial against a name with that initial, or a double name
    OMITTED = "omitted"  # missing on one side at least: neutral
    CONTRADICTS = "contradicts"  # different: evidence against the match


@dataclass(frozen=True)
class PersonName:
    """A name's parts as written; an initial is kept as one letter followed by a dot."""

    surname: str | None = None
    given: str | None = None
    patronymic: str | None = None

    @property
    def sex(self) -> Sex | None:
        """The sex the patronymic's suffix states, when there is one."""
        parsed = parse_patronymic(self.patronymic) if self.patronymic else None
        return parsed.sex if parsed else None


@dataclass(frozen=True)
class NameComparison:
    """Part-by-part evidence, and whether the two records' surname/given order was swapped."""

    surname: Agreement
    given: Agreement
    patronymic: Agreement
    order_swapped: bool = False

    @property
    def contradicts(self) -> bool:
        """Some part names someone else."""
        return Agreement.CONTRADICTS in (self.surname, self.given, self.patronymic)

    @property
    def matches(self) -> bool:
        """Surname and given name agree (or are compatible) and nothing contradicts."""
        named = {self.surname, self.given} <= {Agreement.AGREE, Agreement.COMPATIBLE}
        return named and not self.contradicts


def _is_initial(token: str) -> bool:
    return all(_is_one_initial(part) for part in token.split("-"))


def _is_one_initial(part: str) -> bool:
    letters = part.removesuffix(".")
    return len(letters) == 1 or (part.endswith(".") and letters.lower() in _DIGRAPHS)


def _tokens(text: str) -> list[str]:
    """Words and initials, with a patronymic particle written apart joined to its father's name."""
    tokens: list[str] = []
    for token in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        if token.casefold() in PARTICLES and tokens and not _is_initial(tokens[-1]):
            tokens[-1] += token.casefold()
        else:
            tokens.append(token)
    return tokens


def _surname_strength(word: str) -> int:
    key = latin_key(word).replace("-", "")
    if key.endswith(_STRONG_SURNAME):
        return 2
    return 1 if key.endswith(_WEAK_SURNAME) else 0


def _surname_first(words: list[str]) -> bool:
    """Which of two plain words is the surname: endings first, then the script's convention."""
    first, second = (_surname_strength(w) for w in words)
    if first != second:
        return first > second
    text = " ".join(words)
    return not text.isascii() or text.isupper()


def _split_words(words: list[str]) -> tuple[str | None, str | None, str | None]:
    """(surname, given, patronymic) from full words in the order written."""
    if len(words) == 1:
        return words[0], None, None
    marks = [parse_patronymic(w) is not None for w in words]
    if len(words) == 2:
        if marks[0] != marks[1]:  # "Қасым Кемелұлы": no surname, or the patronymic serves as one
            given, patronymic = (words[1], words[0]) if marks[0] else words
            return None, given, patronymic
        surname, given = words if _surname_first(words) else words[::-1]
        return surname, given, None
    if marks[-1]:  # Иванов Иван Иванович (also Абрамович Роман Аркадьевич)
        return words[0], " ".join(words[1:-1]), words[-1]
    if marks[1]:  # Иван Иванович Иванов
        return words[-1], words[0], " ".join(words[1:-1])
    if _surname_first(words[:1] + words[-1:]):
        return words[0], words[1], " ".join(words[2:])
    return words[-1], words[0], " ".join(words[1:-1])


_TITLES = frozenset(
    {"herr", "frau", "dr", "prof", "mr", "mrs", "ms", "miss", "sir", "dame", "hon", "mme",
     "г-н", "г-жа", "господин", "госпожа"}
)  # fmt: skip
"""Forms of address and academic titles that lists of donors, officials and sanctioned people
put before a name ("Herr Prof. Dr. Hermann Schnabel"): not parts of the name."""


def _untitled(tokens: list[str]) -> list[str]:
    """The tokens without titles, unless nothing else is left (a surname may be "Herr")."""
    kept = [t for t in tokens if t.rstrip(".").casefold() not in _TITLES]
    return kept or tokens


@lru_cache(maxsize=1 << 16)
def parse_person_name(text: str) -> PersonName:
    """Split a full name into surname, given name and patronymic (see the module docstring)."""
    tokens = _untitled(_tokens(text))
    words = [t for t in tokens if not _is_initial(t)]
    initials = [t.rstrip(".") + "." for t in tokens if _is_initial(t)]
    if not words:
        return PersonName(given=initials[0] if initials else None, patronymic=_nth(initials, 1))
    surname, given, patronymic = _split_words(words)
    if initials:  # "Иванов И.И.", "И. Иванов", "Иванов Иван И."
        if given is None and len(words) == 1:
            given, patronymic = initials[0], _nth(initials, 1)
        elif patronymic is None:
            patronymic = initials[0]
    return PersonName(surname=surname, given=given, patronymic=patronymic)


def _nth(items: list[str], index: int) -> str | None:
    return items[index] if len(items) > index else None


def _key(part: str) -> str:
    return latin_key(part).replace("-", "").replace(" ", "")


def _compare_part(a: str | None, b: str | None) -> Agreement:
    if not a or not b:
        return Agreement.OMITTED
    if _is_initial(a) or _is_initial(b):  # "Қ.-Ж." against "Қасым-Жомарт": part by part
        pairs = zip(*((_key(p) for p in x.split("-")) for x in (a, b)), strict=False)
        same = all(x.startswith(y) or y.startswith(x) for x, y in pairs)
        return Agreement.COMPATIBLE if same else Agreement.CONTRADICTS
    if _key(a) == _key(b):
        return Agreement.AGREE
    parts_a, parts_b = (set(latin_key(x).split("-")) for x in (a, b))
    nested = parts_a <= parts_b or parts_b <= parts_a
    return Agreement.COMPATIBLE if nested else Agreement.CONTRADICTS


def _compare_patronymic(a: PersonName, b: PersonName) -> Agreement:
    if not a.patronymic or not b.patronymic:
        return Agreement.OMITTED
    if _is_initial(a.patronymic) or _is_initial(b.patronymic):
        return _compare_part(a.patronymic, b.patronymic)
    parsed_a, parsed_b = parse_patronymic(a.patronymic), parse_patronymic(b.patronymic)
    if parsed_a is None or parsed_b is None:
        return _compare_part(a.patronymic, b.patronymic)
    # Иванович against Ивановна: same father, but not the same person
    return Agreement.AGREE if parsed_a == parsed_b else Agreement.CONTRADICTS


def _patronymic_as_surname(name: PersonName, other: PersonName) -> PersonName:
    """Read "Роман Абрамович" as given + surname when the other record's surname says so."""
    if (
        name.surname is None
        and name.patronymic
        and other.surname
        and _key(name.patronymic) == _key(other.surname)
    ):
        return PersonName(surname=name.patronymic, given=name.given)
    return name


def compare_person_names(a: PersonName | str, b: PersonName | str) -> NameComparison:
    """Compare two names part by part, trying the swapped surname/given order too."""
    first = parse_person_name(a) if isinstance(a, str) else a
    second = parse_person_name(b) if isinstance(b, str) else b
    first, second = _patronymic_as_surname(first, second), _patronymic_as_surname(second, first)
    patronymic = _compare_patronymic(first, second)
    direct = NameComparison(
        _compare_part(first.surname, second.surname),
        _compare_part(first.given, second.given),
        patronymic,
    )
    swapped = NameComparison(
        _compare_part(first.surname, second.given),
        _compare_part(first.given, second.surname),
        patronymic,
        order_swapped=True,
    )
    return swapped if _rank(swapped) > _rank(direct) else direct


def _rank(comparison: NameComparison) -> tuple[int, int]:
    parts = (comparison.surname, comparison.given)
    return -parts.count(Agreement.CONTRADICTS), parts.count(Agreement.AGREE)


@dataclass(frozen=True)
class NameKeys:
    """A name's parts as script-free keys: what blocking rules and string comparators read."""

    surname: str | None
    given: str | None
    given_initial: str | None
    patronymic_stem: str | None
    sex: Sex | None


def name_keys(name: PersonName | str) -> NameKeys:
    """Keys of each part; an initial gives only `given_initial`, never a full key."""
    parsed = parse_person_name(name) if isinstance(name, str) else name

    def full(part: str | None) -> str | None:
        return _key(part) if part and not _is_initial(part) else None

    patronymic = parse_patronymic(parsed.patronymic) if parsed.patronymic else None
    given_key = _key(parsed.given) if parsed.given else ""
    return NameKeys(
        surname=full(parsed.surname),
        given=full(parsed.given),
        given_initial=given_key[:1] or None,
        patronymic_stem=patronymic.stem if patronymic else full(parsed.patronymic),
        sex=parsed.sex,
    )
