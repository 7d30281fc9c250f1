"""Split a legal act, given as plain text, into its structural units.

Lines are recognised one by one (`markers`), then nested by level: a marker closes every open
unit of the same or a lower level, so "1)" after "а)" goes back to the point, and an annex
starts afresh (by-laws restart their numbering in each annex). Unnumbered lines of Russian and
Kazakh acts become абзацы of the unit they follow, because drafters cite them ("абз. 2");
an абзац after a list belongs to the point or article, not to the last list item. Offsets always
refer to the text as given: editorial notes are set aside, not cut out.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from adaldyq.engines.legal_drafts.definitions import find_definitions
from adaldyq.engines.legal_drafts.language import (
    checked_language,
    detect_language,
    english_article_word,
    join_locator,
    unit_label,
)
from adaldyq.engines.legal_drafts.markers import (
    EN_EXPLICIT_ARTICLE,
    EnglishListState,
    Line,
    Marker,
    annex_marker,
    en_markers,
    is_note,
    note_takes_next_line,
    ru_markers,
    signature_or_note_kind,
    split_lines,
)
from adaldyq.errors import InputError
from adaldyq.model.legal import CONTAINER_KINDS, Act, EditorialNote, Unit, UnitKind

_RANK = {
    UnitKind.SECTION: 0,
    UnitKind.CHAPTER: 1,
    UnitKind.PARAGRAPH_GROUP: 2,
    UnitKind.ARTICLE: 3,
    UnitKind.POINT: 4,
    UnitKind.SUBPOINT: 5,
    UnitKind.ITEM: 6,
    UnitKind.PARAGRAPH: 7,
}
"""Nesting levels; kinds not listed (annex, preamble, signature, ...) are top level."""
_TOP_LEVEL = -1

_CLOSED_BY = {UnitKind.PREAMBLE: _RANK[UnitKind.ITEM], UnitKind.PROVISION: _RANK[UnitKind.POINT]}
"""A preamble ends at the first unit; a bare provision keeps its own list ("...:" + "1) ...")."""

_ID_PREFIX = {
    UnitKind.PREAMBLE: "preamble",
    UnitKind.SECTION: "sec",
    UnitKind.CHAPTER: "chp",
    UnitKind.PARAGRAPH_GROUP: "subchp",
    UnitKind.ARTICLE: "art",
    UnitKind.POINT: "para",
    UnitKind.SUBPOINT: "point",
    UnitKind.ITEM: "item",
    UnitKind.PARAGRAPH: "abz",
    UnitKind.ANNEX: "annex",
    UnitKind.PROVISION: "provision",
    UnitKind.SIGNATURE: "signature",
    UnitKind.EXPLANATORY_NOTE: "note",
}
"""Akoma-Ntoso-like id segments (LEGAL_FACTORS.md: `art_16__para_2__point_3`)."""

_TITLE = re.compile(
    r"кодекс|закон|конституци|постановлени|приказ|указ|правил|положени|решени|заңы|қаулы|"
    r"бұйрық|ереже|регламент|^Об?\s|\b(?:Regulations?|Act|Order|Rules|Directive|By-law)\b",
    re.IGNORECASE,
)
_REPEALED = re.compile(
    r"^\(?\s*(?:\S+\s+)?(?:утратил\w*\s+силу|исключен[аоы]?(?![\w-]))|алып тасталды"
    r"|^\[?(?:omitted|revoked)\]?",
    re.IGNORECASE,
)
_ANNEX_CONTINUATION = re.compile(r"^(?:[а-яёa-z]|от\s|№)")
_HEADING_WORDS = 15


@dataclass
class _Entry:
    """A line and what it is; `markers` empty and `special` None means plain text."""

    line: Line
    markers: list[Marker] = field(default_factory=list)
    special: UnitKind | None = None
    note: bool = False
    consumed: bool = False
    end: int = -1


@dataclass
class _Open:
    """A unit while its end is still growing."""

    kind: UnitKind
    number: str
    heading: str
    start: int
    end: int
    parent: _Open | None
    id: str
    locator: str
    depth: int
    repealed: bool
    in_annex: bool
    paragraphs: int


class _Builder:
    """Keeps the stack of open units and turns markers and lines into units."""

    def __init__(self, language: str, article_word: str) -> None:
        self.language = language
        self.article_word = article_word
        self.units: list[_Open] = []
        self.stack: list[_Open] = []
        self.ids: set[str] = set()

    def open(
        self, kind: UnitKind, number: str, heading: str, span: tuple[int, int], body: str
    ) -> None:
        rank = _RANK.get(kind, _TOP_LEVEL)
        while self.stack and (
            _RANK.get(self.stack[-1].kind, _TOP_LEVEL) >= rank
            or rank <= _CLOSED_BY.get(self.stack[-1].kind, _TOP_LEVEL - 1)
        ):
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        base = _citing_base(kind, parent)
        segment = _ID_PREFIX[kind] + (f"_{_slug(number)}" if number else "")
        unit_id = f"{base.id}__{segment}" if base else segment
        duplicate = 1
        while unit_id in self.ids:
            duplicate += 1
            unit_id = f"{base.id}__{segment}_{duplicate}" if base else f"{segment}_{duplicate}"
        self.ids.add(unit_id)
        in_annex = kind is UnitKind.ANNEX or (parent is not None and parent.in_annex)
        label = unit_label(
            self.language, kind, number, article_word=self.article_word, in_annex=in_annex
        )
        unit = _Open(
            kind=kind,
            number=number,
            heading=heading,
            start=span[0],
            end=span[1],
            parent=parent,
            id=unit_id,
            locator=join_locator(self.language, base.locator if base else "", label),
            depth=len(self.stack),
            repealed=bool(body and _REPEALED.search(body[:200])),
            in_annex=in_annex,
            paragraphs=1 if body else 0,
        )
        self.stack.append(unit)
        self.units.append(unit)
        self.extend(span[1])

    def text_line(self, line: Line) -> None:
        """Unnumbered text: an абзац in RU/KK, a continuation of the open unit in EN."""
        if not self.stack:
            self.open(UnitKind.PROVISION, "", "", (line.start, line.end), line.text)
            return
        top = self.stack[-1].kind
        if self.language == "en" or top in (UnitKind.SIGNATURE, UnitKind.EXPLANATORY_NOTE):
            self.extend(line.end)
            return
        while self.stack[-1].kind in (UnitKind.SUBPOINT, UnitKind.ITEM, UnitKind.PARAGRAPH):
            self.stack.pop()
        holder = self.stack[-1]
        holder.paragraphs += 1
        self.open(UnitKind.PARAGRAPH, str(holder.paragraphs), "", (line.start, line.end), line.text)

    def extend(self, end: int) -> None:
        for unit in self.stack:
            unit.end = max(unit.end, end)

    def finish(self, text: str) -> list[Unit]:
        return [
            Unit(
                id=u.id,
                kind=u.kind,
                number=u.number,
                locator=u.locator,
                heading=u.heading,
                start=u.start,
                end=u.end,
                parent_id=u.parent.id if u.parent else None,
                depth=u.depth,
                text=text[u.start : u.end],
                repealed=u.repealed,
            )
            for u in self.units
        ]


def parse_act(text: str, language: str | None = None) -> Act:
    """Parse a whole act or a single provision into units, defined terms and editorial notes.

    `language` ("ru", "kk", "en") overrides detection. An empty text is an `InputError`, since
    there is nothing a drafter could be told about it.
    """
    if not text.strip():
        raise InputError("the text is empty: nothing to parse", field="text")
    lang = checked_language(language) if language is not None else detect_language(text)
    lines = split_lines(text)
    explicit = next((m for ln in lines if (m := EN_EXPLICIT_ARTICLE.match(ln.text))), None)
    numbered_kind = UnitKind.POINT if explicit else UnitKind.ARTICLE
    entries = _classify(lines, lang, numbered_kind)
    structural = [i for i, e in enumerate(entries) if e.markers or e.special]
    first = structural[0] if structural else len(entries)
    title_index = _title_index(entries[:first]) if structural else None
    title = entries[title_index].line.text if title_index is not None else ""
    article_word = english_article_word(title, explicit.group(1) if explicit else None)
    _take_headings(entries, lang)
    builder = _Builder(lang, article_word)
    notes: list[EditorialNote] = []
    head_kind = UnitKind.PREAMBLE if title_index is not None else UnitKind.PROVISION
    for index, entry in enumerate(entries):
        line = entry.line
        if not line.text or entry.consumed:
            continue
        if entry.note:
            notes.append(EditorialNote(line.text, line.start, line.end))
        elif index < first:
            if title_index is not None and index <= title_index:
                continue
            if builder.stack:
                builder.text_line(line)
            else:
                builder.open(head_kind, "", "", (line.start, line.end), line.text)
        elif entry.markers:
            end = max(line.end, entry.end)
            for marker in entry.markers:
                builder.open(
                    marker.kind, marker.number, marker.heading, (marker.start, end), marker.body
                )
        elif entry.special is not None:
            builder.open(entry.special, "", "", (line.start, line.end), line.text)
        else:
            builder.text_line(line)
    units = tuple(builder.finish(text))
    definition_ids, terms = find_definitions(text, units, lang)
    return Act(
        language=lang,
        title=title,
        units=units,
        defined_terms=terms,
        notes=tuple(notes),
        definition_unit_ids=definition_ids,
    )


def _classify(lines: list[Line], language: str, numbered_kind: UnitKind) -> list[_Entry]:
    """What each line is. After a signature only an annex can start; after an explanatory note
    nothing does, since it is not part of the act."""
    entries: list[_Entry] = []
    state = EnglishListState()
    note_follows = signed = explained = False
    for line in lines:
        entry = _Entry(line)
        entries.append(entry)
        if not line.text:
            continue
        if note_follows or is_note(line):
            entry.note = True
            note_follows = not note_follows and note_takes_next_line(line)
        elif explained:
            continue
        elif special := signature_or_note_kind(line, language):
            entry.special = special
            signed = True
            explained = special is UnitKind.EXPLANATORY_NOTE
        elif annex := annex_marker(line, language):
            entry.markers = [annex]
            signed = False
        elif not signed:
            entry.markers = (
                en_markers(line, numbered_kind, state) if language == "en" else ru_markers(line)
            )
    return entries


def _title_index(head: list[_Entry]) -> int | None:
    """The act's name among the lines before its first unit ("Водный кодекс ...")."""
    for index, entry in enumerate(head):
        text = entry.line.text
        if (
            text
            and not entry.note
            and len(text) <= 300
            and not text.endswith((".", ":", ";", ","))
            and _TITLE.search(text)
        ):
            return index
    return None


def _take_headings(entries: list[_Entry], language: str) -> None:
    """Attach headings written on their own line: "ГЛАВА 1" + "ОСНОВЫ ...", annex titles, and the
    English heading line above a regulation ("Citation" + "1. These Regulations ...")."""
    for index, entry in enumerate(entries):
        following = _next_text(entries, index)
        if (
            entry.markers
            and entry.markers[0].kind in CONTAINER_KINDS
            and not entry.markers[0].heading
        ):
            if entry.markers[0].kind is UnitKind.ANNEX:
                while following is not None and _ANNEX_CONTINUATION.match(
                    entries[following].line.text
                ):
                    entries[following].consumed = True
                    entry.end = entries[following].line.end
                    following = _next_text(entries, following)
            if following is not None and _is_heading(entries[following]):
                entries[following].consumed = True
                entry.end = entries[following].line.end
                entry.markers[0] = replace(entry.markers[0], heading=entries[following].line.text)
        elif language == "en" and _is_heading(entry) and following is not None:
            nxt = entries[following]
            if (
                nxt.markers
                and nxt.markers[0].kind is UnitKind.ARTICLE
                and not nxt.markers[0].heading
            ):
                entry.consumed = True
                nxt.markers[0] = replace(nxt.markers[0], heading=entry.line.text)


def _next_text(entries: list[_Entry], index: int) -> int | None:
    """Index of the next non-blank line that is not a note."""
    for later in range(index + 1, len(entries)):
        if entries[later].line.text and not entries[later].note:
            return later
    return None


def _is_heading(entry: _Entry) -> bool:
    text = entry.line.text
    return bool(
        text
        and not entry.markers
        and entry.special is None
        and not entry.note
        and not entry.consumed
        and len(text.split()) <= _HEADING_WORDS
        and not text.endswith((".", ";", ":", ",", "—"))
    )


def _citing_base(kind: UnitKind, parent: _Open | None) -> _Open | None:
    """The ancestor whose id and locator prefix this unit's.

    Chapters and sections are skipped for provisions, because articles and points are cited
    without them ("ст. 16", not "гл. 3 ст. 16"); annexes are kept, since by-laws restart numbering
    in each annex.
    """
    if parent is None or kind in CONTAINER_KINDS or kind is UnitKind.PARAGRAPH:
        return parent
    node: _Open | None = parent
    while node is not None and node.kind in CONTAINER_KINDS and node.kind is not UnitKind.ANNEX:
        node = node.parent
    return node


def _slug(number: str) -> str:
    """The number as an id segment: "6-1" stays, "7(1)" (a point inserted in a Russian
    government act) becomes "7-1"."""
    return re.sub(r"[^\w.-]+", "-", number.strip().lower()).strip("-")
