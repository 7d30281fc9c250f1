"""Line-level recognition: which structural marker, editorial note or plain text a line is.

Acts in every language here put one structural unit per line and start it with its marker
("Статья 6-1.", "15.1", "1-1)", "2-бап.", "(a)"), so recognition is per line; the tree is built
from the marker sequence in `structure`. Patterns follow LEGAL_FACTORS.md "How acts are
structured". Sub-numbers are limited to three digits so that a date at the start of a line
("12.04.2006 года") is not read as an inserted point.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from adaldyq.model.legal import UnitKind

LineRole = Literal["marker", "note", "text", "blank"]

_NUM = r"\d{1,3}(?:[.-]\d{1,3}){0,2}"
_ORDINALS = "первый|второй|третий|четвертый|четвёртый|пятый|шестой|седьмой|восьмой|девятый|десятый"
_RU_PATTERNS: tuple[tuple[UnitKind, re.Pattern[str]], ...] = (
    (
        UnitKind.SECTION,
        re.compile(
            rf"^(?:Раздел|РАЗДЕЛ)\s+([IVXLC]+|\d+(?:-\d+)?|(?i:{_ORDINALS}))\.?(?:\s+(.*))?$"
        ),
    ),
    (
        UnitKind.CHAPTER,
        re.compile(r"^(?:Глава|ГЛАВА)\s+(\d+(?:[.-]\d+)*|[IVXLC]+)\.?(?:\s+(.*))?$"),
    ),
    (UnitKind.PARAGRAPH_GROUP, re.compile(r"^(?:Параграф|§)\s*(\d+(?:[.-]\d+)*)\.?(?:\s+(.*))?$")),
    (UnitKind.ARTICLE, re.compile(r"^(?:Статья|СТАТЬЯ)\s+(\d+(?:[.-]\d+)*)\.?(?:\s+(.*))?$")),
    (UnitKind.SECTION, re.compile(r"^(\d+)-бөлім\.?(?:\s+(.*))?$")),
    (UnitKind.CHAPTER, re.compile(r"^(\d+)-тарау\.?(?:\s+(.*))?$")),
    (UnitKind.PARAGRAPH_GROUP, re.compile(r"^(\d+)-параграф\.?(?:\s+(.*))?$")),
    (UnitKind.ARTICLE, re.compile(r"^(\d+(?:-\d+)*)-бап\.?(?:\s+(.*))?$")),
    (UnitKind.SECTION, re.compile(r"^([IVXLC]+)\.\s+(\S.*)$")),  # annexes of RU decrees
)
_RU_BODY_PATTERNS: tuple[tuple[UnitKind, re.Pattern[str]], ...] = (
    (
        UnitKind.POINT,
        re.compile(
            r"^(\d{1,3}(?:[.-]\d{1,3}){1,2}(?=\.?\s)|\d{1,3}\(\d{1,3}\)(?=\.\s)|\d{1,3}(?=\.\s))"
            r"\.?\s+(.*)$"
        ),
    ),
    (UnitKind.SUBPOINT, re.compile(rf"^({_NUM})\)\s*(.*)$")),
    (UnitKind.ITEM, re.compile(r"^([а-яёәғқңөұүһі])\)\s*(.*)$")),
)
_RU_ANNEX = re.compile(
    r"^(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+№?\s*(\d+(?:[.-]\d+)*))?\.?(?:\s+(к\s.*[^.;:,]))?$"
)
"""An annex heading names what it is attached to and ends without a full stop; a sentence that
starts with the word ("Приложение к разрешению является его частью.") is a norm."""
_KK_ANNEX = re.compile(r"^(?:(?:.*\s)?(\d+)-қосымша|Қосымша)\.?$")
_EN_CONTAINERS: tuple[tuple[UnitKind, re.Pattern[str]], ...] = (
    (UnitKind.SECTION, re.compile(r"^(?:PART|Part)\s+(\d+[A-Z]?|[IVXLC]+)\.?(?:\s+(.*))?$")),
    (UnitKind.CHAPTER, re.compile(r"^(?:CHAPTER|Chapter)\s+(\d+[A-Z]?|[IVXLC]+)\.?(?:\s+(.*))?$")),
    (UnitKind.ANNEX, re.compile(r"^(?:SCHEDULE|Schedule)(?:\s+(\d+[A-Z]?))?\.?()$")),
)
EN_EXPLICIT_ARTICLE = re.compile(
    r"^(Article|ARTICLE|Section|SECTION|Sec\.|Regulation|Rule)\s+(\d+[A-Z]?)\.?(?:\s+(.*))?$"
)
_EN_NUMBERED = re.compile(r"^(\d{1,3}[A-Z]?)\.(?:[—–-]|\s)\s*(.*)$")
_EN_POINT = re.compile(r"^\((\d{1,3}[A-Z]?)\)\s*(.*)$")
_EN_LETTER = re.compile(r"^\(([a-z]{1,2}|[ivxl]+)\)\s*(.*)$")
_ROMAN = re.compile(r"^[ivxl]+$")

_NOTE_LINE = re.compile(
    r"^(?:Сноска\.|Ескерту\.|ПРИМЕЧАНИЕ (?:ИЗПИ|РЦПИ)|ЗҚАИ-НЫҢ ЕСКЕРТПЕСІ)", re.IGNORECASE
)
_NOTE_WITH_NEXT = re.compile(
    r"^(?:ПРИМЕЧАНИЕ (?:ИЗПИ|РЦПИ)|ЗҚАИ-НЫҢ ЕСКЕРТПЕСІ)!?\s*$", re.IGNORECASE
)
_PAREN_NOTE = re.compile(
    r"^\(.*(?:редакци|утратил|дополн|исключ|введен|изменен|наименовани).*\)$", re.IGNORECASE
)
_RU_SIGNATURE = re.compile(
    r"^(?:Президент|Премьер-Министр|Председатель|Министр|Аким)\S*\s.{0,150}"
    r"\s[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?(?:[А-ЯЁ]\.\s?)?[А-ЯЁӘҒҚҢӨҰҮҺІ](?:[а-яёәғқңөұүһі-]+|[А-ЯЁӘҒҚҢӨҰҮҺІ-]+)$"
)
_EN_SIGNATURE = re.compile(r"^Signed by\b")
_EN_EXPLANATORY = re.compile(r"^EXPLANATORY NOTE\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the source: `start`/`end` bound its text without surrounding white space."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A unit starting on a line: its kind, number as written, inline heading and inline body.

    `start` is where the marker begins (a line may hold two, as in the UK "1.—(1)").
    """

    kind: UnitKind
    number: str
    heading: str
    body: str
    start: int


def split_lines(text: str) -> list[Line]:
    """Every line with offsets into `text`; blank lines keep an empty `text`."""
    lines: list[Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        start = position + len(content) - len(content.lstrip())
        lines.append(Line(start, start + len(stripped), stripped))
        position += len(raw)
    return lines


def is_note(line: Line) -> bool:
    """An editorial note: adilet "Сноска."/"ПРИМЕЧАНИЕ ИЗПИ!" or a bracketed consolidation note."""
    return bool(_NOTE_LINE.match(line.text) or _PAREN_NOTE.match(line.text))


def note_takes_next_line(line: Line) -> bool:
    """adilet puts the text of "ПРИМЕЧАНИЕ ИЗПИ!" on the following line."""
    return bool(_NOTE_WITH_NEXT.match(line.text))


def signature_or_note_kind(line: Line, language: str) -> UnitKind | None:
    """The start of the signing block or of an English explanatory note, if this line is one."""
    if language == "en":
        if _EN_EXPLANATORY.match(line.text):
            return UnitKind.EXPLANATORY_NOTE
        return UnitKind.SIGNATURE if _EN_SIGNATURE.match(line.text) else None
    return UnitKind.SIGNATURE if _RU_SIGNATURE.match(line.text) else None


def annex_marker(line: Line, language: str) -> Marker | None:
    """An annex ("Приложение 1 к ...", "2-қосымша", "SCHEDULE 1") starting on this line."""
    if len(line.text) > 250:
        return None
    if language == "en":
        found = _EN_CONTAINERS[-1][1].match(line.text)
    else:
        found = _RU_ANNEX.match(line.text) or _KK_ANNEX.match(line.text)
    if found is None:
        return None
    return Marker(UnitKind.ANNEX, found.group(1) or "", "", "", line.start)


def ru_markers(line: Line) -> list[Marker]:
    """Markers of a Russian or Kazakh line (both scripts' patterns are tried: acts mix them)."""
    for kind, pattern in _RU_PATTERNS:
        if found := pattern.match(line.text):
            return [Marker(kind, found.group(1), (found.group(2) or "").strip(), "", line.start)]
    for kind, pattern in _RU_BODY_PATTERNS:
        if found := pattern.match(line.text):
            return [Marker(kind, found.group(1), "", found.group(2), line.start)]
    return []


class EnglishListState:
    """Tells "(i)" the roman sub-paragraph from "(i)" the letter after "(h)".

    It remembers the last letter seen at sub-paragraph level: a roman-looking marker is a letter
    only when it continues that alphabet.
    """

    def __init__(self) -> None:
        self.last_letter: str | None = None

    def kind_of(self, token: str) -> UnitKind:
        """The level of a "(token)" marker; updates the remembered letter."""
        continues = (
            self.last_letter is not None
            and len(token) == 1
            and ord(token) == ord(self.last_letter) + 1
        )
        if _ROMAN.match(token) and self.last_letter is not None and not continues:
            return UnitKind.ITEM
        self.last_letter = token
        return UnitKind.SUBPOINT

    def reset(self) -> None:
        """A new paragraph or article starts a new alphabet."""
        self.last_letter = None


def en_markers(line: Line, numbered_kind: UnitKind, state: EnglishListState) -> list[Marker]:
    """Markers of an English line; `numbered_kind` is what a bare "5." is in this act."""
    for kind, pattern in _EN_CONTAINERS[:-1]:
        if found := pattern.match(line.text):
            return [Marker(kind, found.group(1), (found.group(2) or "").strip(), "", line.start)]
    if found := EN_EXPLICIT_ARTICLE.match(line.text):
        state.reset()
        return [
            Marker(UnitKind.ARTICLE, found.group(2), (found.group(3) or "").strip(), "", line.start)
        ]
    if found := _EN_NUMBERED.match(line.text):
        state.reset()
        body = found.group(2)
        first = Marker(numbered_kind, found.group(1), "", body, line.start)
        inner = _EN_POINT.match(body) if numbered_kind is UnitKind.ARTICLE else None
        if inner is None:
            return [first]
        offset = line.start + found.start(2)
        return [first, Marker(UnitKind.POINT, inner.group(1), "", inner.group(2), offset)]
    if found := _EN_POINT.match(line.text):
        state.reset()
        return [Marker(UnitKind.POINT, found.group(1), "", found.group(2), line.start)]
    if found := _EN_LETTER.match(line.text):
        kind = state.kind_of(found.group(1))
        return [Marker(kind, found.group(1), "", found.group(2), line.start)]
    return []
