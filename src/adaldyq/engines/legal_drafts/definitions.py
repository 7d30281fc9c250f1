"""Definitions articles and the terms an act defines for itself.

The uncertainty factors must not flag a word the act itself defines, so the parser finds:
units that define ("Основные понятия", "Термины и определения", "Негізгі ұғымдар",
"Interpretation", "In these Regulations ... means") and in them the list entries
"1) водный объект - ..."; anywhere in the act the forms that define in passing:
«термин» - ..., "(далее - водопользователь)", "(бұдан әрі - ...)", "term" means ... and ("the Act").
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re

from adaldyq.model.legal import DefinedTerm, Unit, UnitKind

_DEFINING_HEADING = re.compile(
    r"основные понятия|термины и определения|понятия,? используем|"
    r"используются следующие(?: основные)? понятия|негізгі ұғымдар|пайдаланылатын ұғымдар|"
    r"^interpretation\b|^definitions\b|"
    r"\bin th(?:is|ese) (?:act|regulations?|order|rules|section|part)\b.*\bmeans?\b",
    re.IGNORECASE,
)
_LIST_ENTRY = re.compile(
    r"^(?:\d{1,3}(?:[.-]\d{1,3})*\)|[а-яё]\))?\s*«?(?P<term>[^\n«»()\-–—:;]{2,150}?(?:\s\([^\n()]{2,80}\))?)»?"
    r"\s+[-–—]\s+\S"
)
_PASSING = (
    re.compile(
        r"(?:^|\n)(?P<term>[А-ЯЁ][а-яё]+(?:\s+[а-яё]+){1,5}?)\s+(?:от\s+[^\n]{0,80}?\s+)?"
        r"(?:считается|признается|понимается)\s"
    ),
    re.compile(r"«(?P<term>[^»\n]{2,80})»\s+[-–—]\s+\S"),
    re.compile(r"\((?:далее|бұдан әрі)\s*[-–—]\s*«?(?P<term>[^()«»\n]{2,80}?)»?\)", re.IGNORECASE),
    re.compile(
        r"[“\"](?P<term>[^”\"\n]{1,80})[”\"]\s+(?:means|includes|has the (?:same )?meaning)\b"
    ),
    re.compile(r"\((?:the\s+)?[“\"](?P<term>[^”\"\n]{1,80})[”\"]\)"),
)
_MAX_TERM_WORDS = 10
_INNER_NAME = re.compile(r"^(?P<outer>.+?)\s\((?P<inner>[^()]+)\)$")


def find_definitions(
    text: str, units: tuple[Unit, ...], language: str
) -> tuple[frozenset[str], tuple[DefinedTerm, ...]]:
    """Ids of the defining units, and every defined term with its offsets, in text order."""
    defining = frozenset(u.id for u in units if _defines(u))
    found: dict[tuple[int, int], DefinedTerm] = {}
    if language != "en":
        by_id = {u.id: u for u in units}
        for unit in units:
            if unit.kind in (UnitKind.SUBPOINT, UnitKind.ITEM) and _inside(unit, defining, by_id):
                match = _LIST_ENTRY.match(unit.text)
                if match is not None:
                    _add(found, text, unit.start + match.start("term"), match.group("term"), units)
    for pattern in _PASSING:
        for match in pattern.finditer(text):
            _add(found, text, match.start("term"), match.group("term"), units)
    return defining, tuple(sorted(found.values(), key=lambda t: (t.start, t.end)))


def _defines(unit: Unit) -> bool:
    """A unit whose heading or first line announces definitions."""
    first_line = unit.text.split("\n", 1)[0]
    return bool(_DEFINING_HEADING.search(unit.heading) or _DEFINING_HEADING.search(first_line))


def _inside(unit: Unit, defining: frozenset[str], by_id: dict[str, Unit]) -> bool:
    node: Unit | None = unit
    while node is not None:
        if node.id in defining:
            return True
        node = by_id.get(node.parent_id) if node.parent_id else None
    return False


def _add(
    found: dict[tuple[int, int], DefinedTerm],
    text: str,
    start: int,
    raw: str,
    units: tuple[Unit, ...],
) -> None:
    """Record a term (and the short name in brackets after it, "... (водопользование)")."""
    term = raw.strip()
    if not term or len(term.split()) > _MAX_TERM_WORDS:
        return
    start += len(raw) - len(raw.lstrip())
    parts = [(start, term)]
    if (inner := _INNER_NAME.match(term)) is not None:
        parts = [
            (start, inner.group("outer")),
            (start + inner.start("inner"), inner.group("inner").strip()),
        ]
    for begin, name in parts:
        end = begin + len(name)
        if text[begin:end] == name and (begin, end) not in found:
            found[(begin, end)] = DefinedTerm(name, begin, end, _deepest(units, begin))


def _deepest(units: tuple[Unit, ...], position: int) -> str:
    """Id of the innermost unit holding a position ("" when it is outside every unit)."""
    holders = [u for u in units if u.start <= position < u.end]
    return max(holders, key=lambda u: u.depth).id if holders else ""
