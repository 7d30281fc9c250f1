"""A legal act split into its structural units: the types the legal drafts engine works on.

Every finding of the drafts engine points at a unit, so a unit carries what a drafter needs to
find it again: a `locator` written the way lawyers cite in the act's language ("ст. 16 п. 2 пп. 3)",
"regulation 2(a)(i)"), an `id` that stays the same when the text is parsed again (it is built from
the numbers as written, not from positions), and `start`/`end` character offsets into the text
exactly as it was given, so a span can be highlighted without re-searching.

Kinds name structural levels, not words: an English regulation "2." is an `ARTICLE`, its "(1)" a
`POINT`, "(a)" a `SUBPOINT`, "(i)" an `ITEM`, just as a Russian "Статья 2." / "1." / "1)" / "а)".
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF002, RUF003

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class UnitKind(StrEnum):
    """Structural level of a unit. Values are stable: they appear in ids and in JSON output."""

    PREAMBLE = "preamble"
    SECTION = "section"  # Раздел, бөлім, Part
    CHAPTER = "chapter"  # Глава, тарау, Chapter
    PARAGRAPH_GROUP = "paragraph_group"  # Параграф (§) inside a chapter of a code
    ARTICLE = "article"  # Статья, бап, Article, Section, regulation "N."
    POINT = "point"  # пункт or часть "N.", тармақ, EN "(1)"
    SUBPOINT = "subpoint"  # подпункт "N)", тармақша, EN "(a)"
    ITEM = "item"  # подпункт "а)", EN "(i)"
    PARAGRAPH = "paragraph"  # абзац: an unnumbered run of text inside a unit (RU and KK only)
    ANNEX = "annex"  # Приложение, қосымша, Schedule
    PROVISION = "provision"  # a text with no structural marker at all (a bare provision)
    SIGNATURE = "signature"  # the signing block after the last provision
    EXPLANATORY_NOTE = "explanatory_note"  # EN: not part of the instrument


CONTAINER_KINDS = frozenset(
    {UnitKind.SECTION, UnitKind.CHAPTER, UnitKind.PARAGRAPH_GROUP, UnitKind.ANNEX}
)
"""Kinds that group provisions: they are not cited in the locator of what they contain."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One structural unit of an act.

    `number` is kept as written ("6-1", "15.1", "а", "ПЕРВЫЙ") because drafts cite it that way and
    a normalised number would hide a drafting error (duplicate or skipped numbering). `text` is the
    unit's own slice `source[start:end]`, children included; `heading` is the title of an article,
    chapter or annex when it has one. `repealed` marks units whose whole body is a "утратил силу"
    note, so later rules can skip them.
    """

    id: str
    kind: UnitKind
    number: str
    locator: str
    heading: str
    start: int
    end: int
    parent_id: str | None
    depth: int
    text: str
    repealed: bool = False


@dataclass(frozen=True, slots=True)
class DefinedTerm:
    """A term the act defines itself, so the uncertainty factors do not flag it as vague."""

    term: str
    start: int
    end: int
    unit_id: str


@dataclass(frozen=True, slots=True)
class EditorialNote:
    """A consolidation or publisher's note (adilet "Сноска.", "(В редакции ...)"), not a norm.

    Notes are kept with their offsets rather than dropped, because they date the versions of
    the units they follow.
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Act:
    """A parsed act: units in document order (parents before their children)."""

    language: str
    title: str
    units: tuple[Unit, ...]
    defined_terms: tuple[DefinedTerm, ...]
    notes: tuple[EditorialNote, ...]
    definition_unit_ids: frozenset[str]

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id; `KeyError` names the id when there is none."""
        for candidate in self.units:
            if candidate.id == unit_id:
                return candidate
        raise KeyError(unit_id)

    def of_kind(self, kind: UnitKind) -> tuple[Unit, ...]:
        """Units of one kind, in document order."""
        return tuple(u for u in self.units if u.kind is kind)

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """Direct children of a unit, in document order."""
        return tuple(u for u in self.units if u.parent_id == unit_id)

    def is_defined(self, phrase: str) -> bool:
        """Whether the act defines this phrase (case-insensitive, surrounding space ignored)."""
        wanted = phrase.strip().casefold()
        return any(t.term.casefold() == wanted for t in self.defined_terms)


@dataclass(frozen=True, slots=True)
class FactorFinding:
    """One corruptogenic factor found in one provision: what a drafter must read and fix.

    `start`/`end` bound the span in the act's text (the words that raised the factor, `text`);
    `unit_id`/`locator` name the provision. `rule` names the check inside the factor that fired
    ("F02.optional_power"), so a wrong finding can be traced to the line of code that made it.
    `evidence` holds what the check saw: the trigger, the subject it found, and the safeguards it
    looked for and did not find. `advisory` marks factors the text alone cannot settle (they need
    knowledge of other acts or of competences); `confidence` is the check's own prior, used to
    rank findings, not a measured probability.
    """

    factor: str
    rule: str
    unit_id: str
    locator: str
    start: int
    end: int
    text: str
    explanation: str
    recommendation: str
    advisory: bool
    confidence: float
    evidence: dict[str, object]


@dataclass(frozen=True, slots=True)
class Expertise:
    """The anti-corruption expertise of one act: the parsed act and its findings in text order."""

    act: Act
    findings: tuple[FactorFinding, ...]
