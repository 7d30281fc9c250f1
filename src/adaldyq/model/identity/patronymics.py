"""Patronymics in Russian and Kazakh form reduced to the father's name.

A Kazakh official may be "Кемелұлы" in a Kazakh register, "Кемелевич" in a Russian one and
"Kemeluly" in a passport: three spellings, one father. Reducing each to the stem of the father's
name (``kemel``) lets a comparison tell a patronymic that is *missing* from one record (neutral)
from one that names a *different father* (evidence against a match). INTEGRITY.md §3 found
off-the-shelf matchers scoring those two cases almost alike.

Stems live in `latin_key` space so the three scripts meet; the suffix also tells the sex
(-ович/-ұлы male, -овна/-қызы female), which a comparison may use.
"""

# ruff: noqa: RUF001  (Cyrillic and Kazakh Latin suffixes are the subject)

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from adaldyq.model.identity.identifiers import Sex
from adaldyq.model.identity.scripts import latin_key

# In latin_key form, longest first. Russian -ович/-евич/-ич, -овна/-евна/-ична/-инична; Kazakh
# -ұлы/-улы and -қызы/-кызы; Kyrgyz -уулу; Azerbaijani -оглы/-гызы, all common in Kazakhstan.
_SUFFIXES: tuple[tuple[str, Sex], ...] = (
    ("inichna", Sex.FEMALE),
    ("ovich", Sex.MALE),
    ("evich", Sex.MALE),
    ("ichna", Sex.FEMALE),
    ("ovna", Sex.FEMALE),
    ("evna", Sex.FEMALE),
    ("uulu", Sex.MALE),
    ("ogli", Sex.MALE),
    ("oglu", Sex.MALE),
    ("kizi", Sex.FEMALE),
    ("gizi", Sex.FEMALE),
    ("ich", Sex.MALE),
    ("uli", Sex.MALE),
)
# Written apart from the father's name ("Кемел ұлы"): joined before parsing.
PARTICLES = frozenset(
    {"улы", "ұлы", "uly", "ulı", "кызы", "қызы", "kyzy", "qyzy", "qızı", "оглы", "ogly", "oglu"}
)
_MIN_STEM = 2


@dataclass(frozen=True)
class Patronymic:
    """The father's-name stem a patronymic encodes, and the sex its suffix says."""

    stem: str
    sex: Sex


@lru_cache(maxsize=1 << 16)
def parse_patronymic(word: str) -> Patronymic | None:
    """The stem and sex of a patronymic, or None when `word` does not end like one.

    ``parse_patronymic("Кемелұлы").stem == parse_patronymic("Кемелевич").stem == "kemel"``.
    Stems lose a final vowel (i/e) so that Сергеевич (serg-evich) meets Сергейұлы (serge-uli) and
    Васильевич meets Василийұлы. A surname ending in -ович (Абрамович) also matches: position in
    the full name decides which it is.
    """
    key = latin_key(word).replace(" ", "").replace("-", "")
    for suffix, sex in _SUFFIXES:
        if key.endswith(suffix):
            stem = key[: -len(suffix)].rstrip("ie")
            if len(stem) >= _MIN_STEM:
                return Patronymic(stem=stem, sex=sex)
    return None


def patronymic_stem(word: str) -> str | None:
    """Just the father's-name stem of `word`, when it is a patronymic."""
    parsed = parse_patronymic(word)
    return parsed.stem if parsed else None
