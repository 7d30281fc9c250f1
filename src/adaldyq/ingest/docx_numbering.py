"""Word's automatic numbering, rendered as the text a reader of the document sees.

In a DOCX the "1.", "1)", "а)" or "Статья 5." in front of a provision is usually not in the
paragraph's text: Word draws it from the numbering part (`word/numbering.xml`). The act parser
finds units by their numbers at the start of a line, so the numbers must be put back. A paragraph
takes a list (`numId`) and a level (`ilvl`) from its own properties or from its style; the list
points at an abstract definition whose levels give the start value, the format (decimal, letters,
roman, Russian letters) and the pattern (`%1.`, `%1)`, `Статья %1.`, `%1.%2.`).

Counting follows Word: lists that share an abstract definition share their counters unless a list
restarts them with a `startOverride`; a level restarts after any higher level is used (or only
after the levels `lvlRestart` allows). Formats Word writes for other scripts than ours fall back to
decimal, and bullets give no number.
"""

# Numbers in Russian drafts are Cyrillic letters; they are intended.
# ruff: noqa: RUF002

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщыэюя"
"""Word's `russianLower` sequence: the alphabet without ё, й, ъ, ь (as Word and LibreOffice)."""
_LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition, as Word stores it."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart_after: int | None = None  # lvlRestart: 0 never restarts; None = after any higher level
    legal: bool = False  # isLgl: every number in the pattern shown as decimal
    style: str | None = None  # pStyle: the paragraph style bound to this level


@dataclass(frozen=True, slots=True)
class ListInstance:
    """A `w:num`: which abstract definition it uses and the levels it restarts."""

    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)


@dataclass
class Numbering:
    """The numbering part and the styles that carry numbering, with Word's running counters."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    lists: dict[str, ListInstance] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    style_parent: dict[str, str] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, numbering_xml: bytes | None, styles_xml: bytes | None) -> Numbering:
        """Read `word/numbering.xml` and `word/styles.xml` (either may be missing)."""
        numbering = cls()
        if numbering_xml:
            root = ET.fromstring(numbering_xml)
            for abstract in root.iter(f"{_W}abstractNum"):
                numbering.abstract[_attr(abstract, "abstractNumId")] = {
                    int(_attr(lvl, "ilvl", "0")): _level(lvl) for lvl in abstract.iter(f"{_W}lvl")
                }
            for num in root.iter(f"{_W}num"):
                overrides = {
                    int(_attr(o, "ilvl", "0")): int(_val(o.find(f"{_W}startOverride"), "1"))
                    for o in num.iter(f"{_W}lvlOverride")
                    if o.find(f"{_W}startOverride") is not None
                }
                numbering.lists[_attr(num, "numId")] = ListInstance(
                    _val(num.find(f"{_W}abstractNumId"), ""), overrides
                )
        if styles_xml:
            for style in ET.fromstring(styles_xml).iter(f"{_W}style"):
                style_id = _attr(style, "styleId")
                based_on = style.find(f"{_W}basedOn")
                if based_on is not None:
                    numbering.style_parent[style_id] = _val(based_on, "")
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    numbering.style_numbering[style_id] = _num_pr(num_pr)
        return numbering

    def resolve(
        self, num_id: str | None, ilvl: int | None, style_id: str | None
    ) -> tuple[str, int] | None:
        """The list and level of a paragraph: its own `numPr`, else its style's (inherited
        through `basedOn`); `numId` 0 switches numbering off."""
        seen: set[str] = set()
        while num_id is None and style_id is not None and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_numbering:
                num_id, style_level = self.style_numbering[style_id]
                ilvl = ilvl if ilvl is not None else style_level
                if ilvl is None:
                    ilvl = self._level_of_style(num_id, style_id)
            style_id = self.style_parent.get(style_id)
        if num_id is None or num_id == "0" or num_id not in self.lists:
            return None
        return num_id, ilvl or 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at this level and return the number as Word shows it
        ("3.", "б)", "Статья 5.", "2.1."); "" for bullets and unnumbered levels."""
        instance = self.lists[num_id]
        levels = self.abstract.get(instance.abstract_id, {})
        level = levels.get(ilvl, Level())
        if level.fmt in ("bullet", "none"):
            return ""
        key = num_id if instance.start_overrides else instance.abstract_id
        counters = self._counters.setdefault(key, {})
        first_use = num_id not in self._started
        self._started.add(num_id)

        def start(at: int) -> int:
            if first_use and at in instance.start_overrides:
                return instance.start_overrides[at]
            return levels.get(at, Level()).start

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels.get(deeper, Level()).restart_after
            if restart is None or (restart != 0 and restart - 1 >= ilvl):
                del counters[deeper]

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            value = counters.get(at, start(at))
            fmt = "decimal" if level.legal else levels.get(at, Level()).fmt
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(number, level.text).strip()

    def _level_of_style(self, num_id: str, style_id: str) -> int:
        """The level whose `pStyle` is this style (Word's heading numbering), else level 0."""
        instance = self.lists.get(num_id)
        levels = self.abstract.get(instance.abstract_id, {}) if instance else {}
        return next((ilvl for ilvl, lvl in levels.items() if lvl.style == style_id), 0)


def format_number(value: int, fmt: str) -> str:
    """One counter value in a Word number format; unknown formats fall back to decimal."""
    if fmt in ("lowerLetter", "upperLetter", "russianLower", "russianUpper") and value > 0:
        letters = _RUSSIAN_LETTERS if fmt.startswith("russian") else _LATIN_LETTERS
        letter = letters[(value - 1) % len(letters)] * ((value - 1) // len(letters) + 1)
        return letter.upper() if fmt.endswith("Upper") or fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and value > 0:
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    parts: list[str] = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(letters * count)
    return "".join(parts)


def _level(lvl: ET.Element) -> Level:
    restart = lvl.find(f"{_W}lvlRestart")
    style = lvl.find(f"{_W}pStyle")
    return Level(
        start=int(_val(lvl.find(f"{_W}start"), "1")),
        fmt=_val(lvl.find(f"{_W}numFmt"), "decimal"),
        text=_val(lvl.find(f"{_W}lvlText"), ""),
        restart_after=int(_val(restart, "0")) if restart is not None else None,
        legal=lvl.find(f"{_W}isLgl") is not None,
        style=_val(style, "") if style is not None else None,
    )


def _num_pr(num_pr: ET.Element) -> tuple[str, int | None]:
    ilvl = num_pr.find(f"{_W}ilvl")
    return _val(num_pr.find(f"{_W}numId"), "0"), int(_val(ilvl, "0")) if ilvl is not None else None


def _attr(element: ET.Element, name: str, default: str = "") -> str:
    return element.get(f"{_W}{name}", default)


def _val(element: ET.Element | None, default: str) -> str:
    return default if element is None else element.get(f"{_W}val", default)
