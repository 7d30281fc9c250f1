"""Provisions: the pieces of an act that factors are judged on, one per unit with its own words.

A unit's text includes its children, so judging units as they are would report one phrase at
every level above it. A provision is instead a unit's *own* text: from its start to its first
child ("2. Договор заключается без проведения аукциона в случаях:" without the list under it).
The intro of a list still matters to the items (the subject "уполномоченный орган вправе:" is
in the intro, the verb in the item), so each provision also carries `lead`: the own texts of its
ancestors up to the article, and the article heading, which the factor checks read as context.

Headings alone (a chapter title, "Статья 1. Основные понятия"), signatures, English explanatory
notes and repealed units are not provisions: nobody drafts norms there. The evaluation set and
the engine share this one definition, so what is labelled is exactly what is judged.
"""

from __future__ import annotations

from dataclasses import dataclass

from adaldyq.model.legal import CONTAINER_KINDS, Act, Unit, UnitKind

_NOT_NORMS = CONTAINER_KINDS | {UnitKind.SIGNATURE, UnitKind.EXPLANATORY_NOTE}


@dataclass(frozen=True, slots=True)
class Provision:
    """A unit's own text with the context the factor checks need.

    `start`/`end` bound `text` in the act; `lead` is the ancestors' own texts, outermost first,
    joined by new lines (empty for an article's first level); `heading` is the enclosing
    article's (or annex's) heading; `in_definitions` tells the unit sits in a definitions article.
    """

    unit: Unit
    start: int
    end: int
    text: str
    lead: str
    heading: str
    chapter: str
    in_definitions: bool

    @property
    def locator(self) -> str:
        return self.unit.locator


def provisions(act: Act, source: str) -> list[Provision]:
    """The act's provisions in document order; `source` is the text `act` was parsed from."""
    by_id = {u.id: u for u in act.units}
    first_child: dict[str, int] = {}
    for unit in act.units:
        if unit.parent_id is not None and unit.parent_id not in first_child:
            first_child[unit.parent_id] = unit.start
    result: list[Provision] = []
    intro: dict[str, str] = {}
    for unit in act.units:
        if unit.kind is UnitKind.PARAGRAPH and unit.parent_id is not None:
            intro[unit.parent_id] = unit.text.strip()
        if unit.kind in _NOT_NORMS or unit.repealed:
            continue
        end = first_child.get(unit.id, unit.end)
        start, end = _strip(source, unit.start, end)
        own = source[start:end]
        if not _has_norm(unit, own):
            continue
        ancestors = _ancestors(unit, by_id)
        result.append(
            Provision(
                unit=unit,
                start=start,
                end=end,
                text=own,
                lead=_lead(unit, ancestors, first_child, source, intro),
                heading=_heading(unit, ancestors),
                chapter=_chapter(ancestors),
                in_definitions=any(a.id in act.definition_unit_ids for a in (unit, *ancestors)),
            )
        )
    return result


def _lead(
    unit: Unit,
    ancestors: list[Unit],
    first_child: dict[str, int],
    source: str,
    intro: dict[str, str],
) -> str:
    """The ancestors' own texts, and for a list item the абзац just before its list when that
    абзац opens it ("Уполномоченный орган вправе:" on its own line after "2."): the parser
    hangs such items on the point, beside the абзац, not under it."""
    lines = [_own_text(a, first_child, source) for a in ancestors if _leads(a)]
    opening = intro.get(unit.parent_id or "", "")
    if unit.kind in (UnitKind.SUBPOINT, UnitKind.ITEM) and opening.endswith(":"):
        lines.append(opening)
    return "\n".join(lines)


def _strip(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def _has_norm(unit: Unit, own: str) -> bool:
    """Whether the own text says something beyond the unit's marker and heading."""
    body = own
    position = body.find(unit.number) if unit.number else -1
    if 0 <= position < 20:
        body = body[position + len(unit.number) :].lstrip(".)\u2014\u2013- ")
    if unit.heading and body.startswith(unit.heading):
        body = body[len(unit.heading) :]
    return len(body.split()) >= 2


def _ancestors(unit: Unit, by_id: dict[str, Unit]) -> list[Unit]:
    """Ancestors, outermost first."""
    chain: list[Unit] = []
    parent = by_id.get(unit.parent_id) if unit.parent_id else None
    while parent is not None:
        chain.append(parent)
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return chain[::-1]


def _leads(unit: Unit) -> bool:
    return unit.kind not in CONTAINER_KINDS and unit.kind is not UnitKind.ARTICLE


def _own_text(unit: Unit, first_child: dict[str, int], source: str) -> str:
    start, end = _strip(source, unit.start, first_child.get(unit.id, unit.end))
    return source[start:end]


def _heading(unit: Unit, ancestors: list[Unit]) -> str:
    """The heading of the enclosing article or annex (or the unit's own)."""
    for holder in (unit, *reversed(ancestors)):
        if holder.kind in (UnitKind.ARTICLE, UnitKind.ANNEX) and holder.heading:
            return holder.heading
    return ""


def _chapter(ancestors: list[Unit]) -> str:
    """The locator of the nearest chapter or section, for counts per chapter ("" if none)."""
    for unit in reversed(ancestors):
        if unit.kind in (UnitKind.CHAPTER, UnitKind.SECTION, UnitKind.ANNEX):
            return unit.locator + (f" {unit.heading}" if unit.heading else "")
    return ""
