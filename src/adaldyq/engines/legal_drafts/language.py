"""The act's language and the way units are cited in it.

Language is detected from the text itself, because drafts arrive without metadata: Latin
against Cyrillic letters separates English, and the letters only Kazakh uses (ә ғ қ ң ө ұ ү һ і)
plus its commonest words separate Kazakh from Russian (a Russian-language act of Kazakhstan may
quote a Kazakh name, so a few such letters are not enough). Text in another language is refused
rather than guessed: German would pass the Latin test and Ukrainian the Kazakh one (both have
"і"), and every factor check after that would be noise. Such refusals tell the caller how to
name the language when the guess is wrong.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF002

from __future__ import annotations

import re

from adaldyq.errors import InputError
from adaldyq.model.legal import UnitKind

LANGUAGES = ("ru", "kk", "en")

_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZAKH_WORDS = re.compile(
    r"\b(?:және|үшін|бойынша|туралы|мен|бұл|осы|немесе|тиіс|бап|тармақ)\b", re.IGNORECASE
)
_KAZAKH_LETTER_SHARE = 0.01  # in Kazakh prose these letters are about 5-8 % of all letters
_KAZAKH_WORD_SHARE = 0.005
_OTHER_CYRILLIC = frozenset("їєґўђћџљњјЇЄҐЎЂЋЏЉЊЈ")  # Ukrainian, Belarusian, Serbian, ...
_OTHER_CYRILLIC_SHARE = 0.005  # Ukrainian prose has "ї" and "є" at well over 1 % of letters
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|of|and|to|in|or|be|by|for|shall|may|is|any|this|that|with|on|as|an|are|under|not"
    r"|which|such|if|where)\b",
    re.IGNORECASE,
)
_ENGLISH_WORD_SHARE = 0.1  # function words are a quarter or more of English legal prose
_MIN_WORDS_TO_JUDGE = 8
_OVERRIDE = "if it is Russian, Kazakh or English, name it (--language ru|kk|en) to skip detection"

_RU_LABELS: dict[UnitKind, str] = {
    UnitKind.SECTION: "разд. {n}",
    UnitKind.CHAPTER: "гл. {n}",
    UnitKind.PARAGRAPH_GROUP: "§ {n}",
    UnitKind.ARTICLE: "ст. {n}",
    UnitKind.POINT: "п. {n}",
    UnitKind.SUBPOINT: "пп. {n})",
    UnitKind.ITEM: "пп. {n})",
    UnitKind.PARAGRAPH: "абз. {n}",
    UnitKind.ANNEX: "прил. {n}",
    UnitKind.PREAMBLE: "преамбула",
    UnitKind.PROVISION: "положение",
    UnitKind.SIGNATURE: "подпись",
    UnitKind.EXPLANATORY_NOTE: "пояснительная записка",
}
_KK_LABELS: dict[UnitKind, str] = {
    UnitKind.SECTION: "{n}-бөлім",
    UnitKind.CHAPTER: "{n}-тарау",
    UnitKind.PARAGRAPH_GROUP: "{n}-параграф",
    UnitKind.ARTICLE: "{n}-бап",
    UnitKind.POINT: "{n}-тармақ",
    UnitKind.SUBPOINT: "{n}) тармақша",
    UnitKind.ITEM: "{n}) тармақша",
    UnitKind.PARAGRAPH: "{n}-абзац",
    UnitKind.ANNEX: "{n}-қосымша",
    UnitKind.PREAMBLE: "кіріспе",
    UnitKind.PROVISION: "ереже",
    UnitKind.SIGNATURE: "қолтаңба",
    UnitKind.EXPLANATORY_NOTE: "түсіндірме жазба",
}
_EN_LABELS: dict[UnitKind, str] = {
    UnitKind.SECTION: "Part {n}",
    UnitKind.CHAPTER: "Chapter {n}",
    UnitKind.PARAGRAPH_GROUP: "Division {n}",
    UnitKind.POINT: "({n})",
    UnitKind.SUBPOINT: "({n})",
    UnitKind.ITEM: "({n})",
    UnitKind.ANNEX: "Schedule {n}",
    UnitKind.PREAMBLE: "preamble",
    UnitKind.PROVISION: "provision",
    UnitKind.SIGNATURE: "signature",
    UnitKind.EXPLANATORY_NOTE: "explanatory note",
}
_UNNUMBERED_ANNEX = {"ru": "прил.", "kk": "қосымша", "en": "Schedule"}


def detect_language(text: str) -> str:
    """`ru`, `kk` or `en`, judged by the letters and words of the text.

    Raises `InputError` when the text has no letters of those scripts, since nothing downstream
    (structure, factors) could then be trusted.
    """
    latin = cyrillic = kazakh = other = 0
    for char in text:
        if "a" <= char.lower() <= "z":
            latin += 1
        elif "\u0400" <= char <= "\u04ff":
            cyrillic += 1
            kazakh += char in _KAZAKH_LETTERS
            other += char in _OTHER_CYRILLIC
    if latin == cyrillic == 0:
        raise InputError(
            f"no Latin or Cyrillic letters: not an act in ru, kk or en; {_OVERRIDE}", field="text"
        )
    if latin > cyrillic:
        _refuse_unless_english(text)
        return "en"
    if other / cyrillic >= _OTHER_CYRILLIC_SHARE:
        raise InputError(
            "Cyrillic letters of another language (Ukrainian, Belarusian, Serbian: ї, є, ў, ђ): "
            f"only Russian, Kazakh and English acts are checked; {_OVERRIDE}",
            field="text",
        )
    words = len(re.findall(r"\w+", text)) or 1
    kazakh_words = len(_KAZAKH_WORDS.findall(text))
    if kazakh / cyrillic >= _KAZAKH_LETTER_SHARE or kazakh_words / words >= _KAZAKH_WORD_SHARE:
        return "kk"
    return "ru"


def _refuse_unless_english(text: str) -> None:
    """Latin letters that do not read as English (German, French, ...) are refused."""
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) < _MIN_WORDS_TO_JUDGE:
        return
    if len(_ENGLISH_WORDS.findall(text)) / len(words) < _ENGLISH_WORD_SHARE:
        raise InputError(
            "Latin letters that do not read as English (German, French, ...?): only Russian, "
            f"Kazakh and English acts are checked; {_OVERRIDE}",
            field="text",
        )


def checked_language(language: str) -> str:
    """The language given by a caller, refused with a clear message when it is not supported."""
    normalised = language.strip().lower()
    if normalised not in LANGUAGES:
        raise InputError(
            f"unsupported language {language!r}: use one of {', '.join(LANGUAGES)}",
            field="language",
        )
    return normalised


def english_article_word(title: str, explicit: str | None) -> str:
    """What an article-level unit is called in an English act, as lawyers cite it.

    An explicit heading word ("Article 5", "Section 5") wins; for bare "5." numbering the
    instrument's title decides: Regulations have regulations, Orders articles, Rules rules, and
    Acts sections.
    """
    if explicit is not None:
        return "Article" if explicit.lower() == "article" else explicit.lower().rstrip(".")
    for word, name in (("Regulations", "regulation"), ("Order", "article"), ("Rules", "rule")):
        if re.search(rf"\b{word}\b", title):
            return name
    return "section"


def unit_label(
    language: str, kind: UnitKind, number: str, *, article_word: str, in_annex: bool
) -> str:
    """The citation of one unit on its own ("ст. 16", "2-тармақ", "(c)"), without its ancestors."""
    if kind is UnitKind.ANNEX and not number:
        return _UNNUMBERED_ANNEX[language]
    if language == "en" and kind is UnitKind.ARTICLE:
        return f"{'paragraph' if in_annex else article_word} {number}"
    labels = {"ru": _RU_LABELS, "kk": _KK_LABELS}.get(language, _EN_LABELS)
    return labels[kind].format(n=number)


def join_locator(language: str, prefix: str, label: str) -> str:
    """An ancestor's citation followed by a unit's: English glues "(2)" on, others add a space."""
    if not prefix:
        return label
    if language == "en":
        if label.startswith("("):
            return prefix + label
        return f"{prefix}, {label}"
    return f"{prefix} {label}"
