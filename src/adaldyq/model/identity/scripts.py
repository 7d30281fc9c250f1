"""Kazakh, Russian and Latin spellings of one name brought to shared keys.

Kazakhstan's registers write a name in Kazakh Cyrillic (Тоқаев), Russian Cyrillic (Токаев) or a
Latin passport form (Tokayev); none of the three is the "right" one, so matching compares keys:

* `cyrillic_key` folds the nine Kazakh-only letters to the Russian letters registers substitute
  for them (Ә→А, Ғ→Г, Қ→К, Ң→Н, Ө→О, Ұ/Ү→У, Һ→Х, І→И) and Ё→Е.
* `latin_key` romanises with `anyascii` (ISC licence; unidecode is GPL and gives "Tok'aev") after
  that folding, then removes the differences between romanisation systems that carry no
  information: zh/dzh/j, kh/h, q/k, x/ks, ou/u, doubled letters, y/i, and the y some systems
  write before e (Tokayev = Tokaev, Vasilyev = Vasilev). It is a matching key, deliberately lossy
  (Касым and Касим meet), never a spelling to show.
* `icao_transliteration` is ICAO Doc 9303's table for Cyrillic, what passports print: an alias
  worth indexing because an analyst pastes names from passport copies. Its `latin_key` equals the
  Cyrillic name's (a property test holds it) except for ъ (ICAO "ie") and й before е/ё/э.
"""

# ruff: noqa: RUF001, RUF002, RUF003  (Cyrillic letters are the subject)

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_KAZAKH_TO_RUSSIAN = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүҺһІіЁё", "АаГгКкНнОоУуУуХхИиЕе")
# Kazakh Latin (2018/2021 alphabets) letters whose anyascii reading loses a sound
_KAZAKH_LATIN = str.maketrans({"ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch"})
_NOT_NAME = re.compile(r"[^\w\s-]|_")
_SPACES = re.compile(r"\s+")
_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"['`\"]", ""),
        (r"dzh|dj|zh", "j"),
        # Ғ romanised as BGN/PCGN and anyascii write it (Ghalym) reads as folded Г (Galym);
        # before "kh" -> "h", so that Ғ+Х ("ghkh") stays apart from it
        (r"gh", "g"),
        (r"(?<![szc])kh", "h"),  # not in зх, сх, цх: "skh" -> "sh" would be ш
        (r"q", "k"),
        (r"x", "ks"),
        (r"w", "v"),
        (r"ou", "u"),
        (r"y(?=e)", ""),  # е written "ye" by some systems: Tokayev, Vasilyev, Yerlan
        (r"y", "i"),
        (r"ij\b", "i"),  # Yurij
        (r"([a-z])\1+", r"\1"),  # Kassym -> Kasym, Mayya -> Maya
        # Ң as "ng" (Tangir) reads as folded Н (Tanir); after doubles, so that Ң+Ғ ("nggh" ->
        # "ngg" -> "ng") ends as folded "нг" does, and doubles again for ңң, ңн
        (r"ng", "n"),
        (r"n+", "n"),
    )
)
_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip


def fold_kazakh(text: str) -> str:
    """Replace the Kazakh-only Cyrillic letters (and Ё) by the Russian ones registers use."""
    return unicodedata.normalize("NFC", text).translate(_KAZAKH_TO_RUSSIAN)


def _words(text: str) -> str:
    """Letters, digits, spaces and hyphens only, lower case, single spaces."""
    # "№" is punctuation, not the letters "No" NFKC would make of it
    text = _NOT_NAME.sub(" ", unicodedata.normalize("NFKC", text.replace("№", " ")).casefold())
    return _SPACES.sub(" ", text).strip(" -")


def cyrillic_key(text: str) -> str:
    """Lower-case Russian-Cyrillic form of a Kazakh or Russian name: "Тоқаев" -> "токаев"."""
    return _words(fold_kazakh(text))


# Names repeat (far fewer surnames than people): the cache makes a million records cheap.
@lru_cache(maxsize=1 << 17)
def latin_key(text: str) -> str:
    """Script-free matching key: "Тоқаев" = "Токаев" = "Tokayev" -> "tokaev"."""
    romanised = anyascii(fold_kazakh(text).translate(_KAZAKH_LATIN)).lower()
    for pattern, replacement in _LATIN_RULES:
        romanised = pattern.sub(replacement, romanised)
    return _words(romanised)


def icao_transliteration(text: str) -> str:
    """ICAO 9303 romanisation (Kazakh letters folded first), capitalised per word."""
    lowered = fold_kazakh(text).lower()
    romanised = "".join(_ICAO.get(char, char) for char in lowered)
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), anyascii(romanised))


def latin_aliases(text: str) -> set[str]:
    """Latin spellings worth indexing for a Cyrillic name: anyascii's and ICAO's."""
    return {anyascii(fold_kazakh(text)), icao_transliteration(text)} - {text}
