"""A comparison key for postal addresses as Kazakh records write them (mass-registration, B03/B06).

"г. Алматы, ул. Абая, д. 10, кв. 5", "Алматы қаласы, Абая көшесі, 10 үй, 5 пәтер" and
"050000, Almaty, Abaya street 10, apt. 5" name one flat. The key:

* folds case, Kazakh letters and script (`latin_key`), drops punctuation;
* drops words that only say what kind of place follows (ул./улица/көшесі/street, г./город/қаласы,
  пр./проспект/даңғылы, д./дом/үй, мкр./шағын аудан, обл./облысы, р-н/ауданы ...) and the country;
* keeps every number, and binds the number of a flat, office, building or block to its kind
  ("кв. 5" and "5 пәтер" -> ``apt5``) so flat 5 in house 10 differs from flat 10 in house 5; a
  house number stays bare ("д. 10" = "10");
* sorts the remaining tokens, because Russian writes the city first and the kind before the name,
  Kazakh the kind after it.

Limits, plainly: no geocoding and no KATO codes; no declension (Russian "ул. Абая" is the genitive
of the Kazakh "Абай даңғылы": the keys differ); no knowledge of renamed streets (Фурманова became
Назарбаева in Almaty) or of cities' old names (only the Kazakh and Russian names of the cities
whose names differ beyond letters, Қарағанды and Караганда, are one); a postcode written on one
side only makes the keys differ (use `address_key(..., postcode=False)` to drop six-digit
postcodes); sorting forgets which name was the city and which the street, so two different
streets named after each other's cities would meet. Equal keys are a lead; a mass-registration
count should be read with these in mind.
"""

# ruff: noqa: RUF001, RUF002  (Cyrillic abbreviations are the subject)

from __future__ import annotations

import re

from adaldyq.model.identity.scripts import latin_key

# Words that name the kind of place; all removed. Abbreviations are written without their dot.
_KIND_WORDS = (
    "улица", "ул", "көшесі", "көш", "street", "str", "st", "ulitsa",
    "проспект", "пр", "пр-т", "просп", "даңғылы", "даңғ", "avenue", "ave", "prospekt",
    "переулок", "пер", "тұйық көшесі", "бульвар", "бул", "шоссе", "площадь", "пл", "алаңы",
    "город", "г", "қаласы", "қ", "city", "town", "село", "с", "ауылы", "ауыл", "поселок", "пос",
    "п", "кенті", "village",
    "дом", "д", "үй", "house", "здание", "зд", "ғимарат",
    "микрорайон", "мкр", "мкрн", "шағын аудан", "ша", "ш а", "район", "р-н", "р н", "ауданы",
    "область", "обл", "облысы", "region", "district",
    "республика казахстан", "казахстан", "қазақстан республикасы", "қазақстан", "рк", "kazakhstan",
    "republic of kazakhstan",
)  # fmt: skip
# Kinds whose number is bound to them: (prefix in the key, spellings).
_NUMBERED_KINDS = (
    ("apt", ("квартира", "кв", "пәтер", "пәт", "apartment", "apt", "flat")),
    ("office", ("офис", "оф", "кеңсе", "office", "помещение", "пом", "н п")),
    ("bldg", ("корпус", "корп", "к", "блок", "building", "bldg", "строение", "стр")),
)
# Cities whose Kazakh and Russian names differ beyond letter folding: the Kazakh form's key read
# as the Russian one's (Қарағанды = Караганда, Орал = Уральск)
_CITY_FORMS = {"karagandi": "karaganda", "oral": "uralsk", "petropavl": "petropavlovsk",
               "turkistan": "turkestan"}  # fmt: skip
_NUMBER = r"\d+(?:/\d+)?[a-z]*"
_TOKEN = re.compile(r"\d+(?:/\d+)?(?:-?[^\W\d_](?![^\W\d_]))?|[^\W\d_]+")
_HOUSE_NUMBER = re.compile(r"\d+(?:/\d+)?")
_POSTCODE = re.compile(r"^\d{6}$")


def _tokens(text: str) -> str:
    """Space-separated tokens: words in `latin_key` form, numbers kept ("12/1", "10а" -> "10a")."""
    tokens = []
    for token in _TOKEN.findall(text):
        number = _HOUSE_NUMBER.match(token)
        if number:
            tokens.append(number.group(0) + latin_key(token[number.end() :].lstrip("-")))
        else:
            tokens.append(latin_key(token))
    return " ".join(tokens)


def _alternation(spellings: tuple[str, ...]) -> str:
    """Spellings in token form, longest first so "шағын аудан" is tried before "ша"."""
    words = sorted({_tokens(s) for s in spellings}, key=len, reverse=True)
    return "|".join(re.escape(word) for word in words)


_KIND = re.compile(rf"(?<!\S)(?:{_alternation(_KIND_WORDS)})(?!\S)")
_BOUND = tuple(
    (
        prefix,
        re.compile(rf"(?<!\S)(?:{_alternation(words)}) ({_NUMBER})(?!\S)"),
        re.compile(rf"(?<!\S)({_NUMBER}) (?:{_alternation(words)})(?!\S)"),
    )
    for prefix, words in _NUMBERED_KINDS
)


def address_key(address: str, *, postcode: bool = True) -> str:
    """A sorted-token key of `address` (see the module docstring for what it can and cannot do)."""
    text = _tokens(address)
    for prefix, before, after in _BOUND:
        text = after.sub(rf"{prefix}\1", before.sub(rf"{prefix}\1", text))
    tokens = [_CITY_FORMS.get(t, t) for t in _KIND.sub(" ", text).split()]
    if not postcode:
        tokens = [t for t in tokens if not _POSTCODE.match(t)]
    return " ".join(sorted(tokens))
