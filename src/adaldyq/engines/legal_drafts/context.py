"""What a factor check sees besides the provision: the act around it and who acts in a clause.

`ActContext` is built once per act: the provisions grouped by article (a procedure's deadline
or appeal is often in another part of the same article), the kind of act (a by-law may not set
fees or new duties on its own, a law may), and whether the act mentions an appeal or publication
anywhere. `actor` answers the question every power-related factor asks: is the one who "may" do
this a state body or a private person?
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.

# Acts are Russian text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF002

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from adaldyq.engines.legal_drafts.lexicon import LEXICONS, Lexicon
from adaldyq.engines.legal_drafts.provisions import Provision
from adaldyq.model.legal import Act, UnitKind

Actor = Literal["body", "person"]

_BYLAW = re.compile(
    r"\b(?:ПОСТАНОВЛЯЕТ|ПРИКАЗЫВАЮ|РЕШИЛ|ПОСТАНОВИЛ|ҚАУЛЫ\s+ЕТЕДІ|БҰЙЫРАМЫН|ШЕШІМ\s+ҚАБЫЛДАДЫ)\b"
    r"|^(?:Правила|Положение|Порядок|Инструкция|Приказ|Постановление|Решение|Регламент)\b"
    r"|\bRegulations\s+\d{4}\b|\bOrder\s+\d{4}\b|\bRules\s+\d{4}\b",
    re.MULTILINE,
)
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|\n")
_RU_NOMINATIVE_HEAD = re.compile(
    r"(?:орган|органы|комиссия|комиссии|министерство|министр|ведомство|аким|акимат|акиматы|"
    r"маслихат|правительство|лицо|лица|инспектор|инспекторы|руководитель|руководители|"
    r"агентство|департамент|администрация|заказчик|заказчики|организатор|лицензиар|оператор|"
    r"служба|службы|гражданин|граждане|заявитель|заявители|водопользователь|водопользователи|"
    r"землепользователь|недропользователь|собственник|собственники|правообладатель|"
    r"правообладатели|арендатор|арендаторы|участник|участники|потребитель|потребители|работник|"
    r"работники|предприниматель|предприниматели|лицензиат|лицензиаты|получатель|получатели|"
    r"обвиняемый|каждый|никто|сторона|стороны|объединение|объединения|суд|суды|"
    r"[\w-]*(?:орган|органдары|әкімдік|министрлік|адам|азамат|азаматтар|тұлға|тұлғалар|беруші))",
    re.IGNORECASE,
)
_AGENT_WINDOW = 50
"""How far after a passive verb its agent may stand ("продлен уполномоченным органом"); further
on, a body in the instrumental belongs to another phrase ("подписанного должностным лицом")."""
_INSTRUMENTAL = re.compile(r"(?:ом|ем|ой|ей|ами|ями|ым|им)$", re.IGNORECASE)
"""The case a Russian passive names its agent in ("уполномоченным органом")."""
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hit:
    """A factor raised by one check: the span (offsets in the act) and what the check saw.

    `evidence` is what the check saw, in the provision's own words (the trigger, the subject, the
    missing safeguards): it goes to the finding and fills the explanation and rewrite templates.
    """

    factor: str
    rule: str
    start: int
    end: int
    confidence: float
    evidence: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActContext:
    """The act-wide facts the checks need, computed once."""

    act: Act
    source: str
    lexicon: Lexicon
    is_bylaw: bool
    whole_act: bool
    mentions_appeal: bool
    mentions_publication: bool
    article_text: dict[str, str]
    """Own texts of every provision of an article, joined, keyed by the article's unit id."""
    article_of: dict[str, str]
    """Unit id → the id of its article (or top unit) in `article_text`."""

    memo: dict[tuple[str, str], bool] = field(default_factory=dict)
    """Answers of `article_mentions`, so an article is searched once per pattern, not once per
    provision in it."""

    def article(self, provision: Provision) -> str:
        """The whole article a provision belongs to (its own text if it stands alone)."""
        return self.article_text.get(self.article_of.get(provision.unit.id, ""), provision.text)

    def article_mentions(self, provision: Provision, pattern: re.Pattern[str]) -> bool:
        """Whether the provision's article matches `pattern` anywhere."""
        key = (self.article_of.get(provision.unit.id, provision.unit.id), pattern.pattern)
        if key not in self.memo:
            self.memo[key] = bool(pattern.search(self.article(provision)))
        return self.memo[key]


def act_context(act: Act, source: str, items: list[Provision]) -> ActContext:
    """Facts about the act as a whole, from its provisions."""
    lexicon = LEXICONS[act.language]
    by_id = {u.id: u for u in act.units}
    article_of: dict[str, str] = {}
    grouped: dict[str, list[str]] = {}
    for provision in items:
        holder = provision.unit
        while holder.parent_id is not None and holder.kind is not UnitKind.ARTICLE:
            parent = by_id[holder.parent_id]
            if parent.kind not in (
                UnitKind.POINT,
                UnitKind.SUBPOINT,
                UnitKind.ITEM,
                UnitKind.ARTICLE,
                UnitKind.PARAGRAPH,
                UnitKind.PROVISION,
                UnitKind.PREAMBLE,
            ):
                break
            holder = parent
        article_of[provision.unit.id] = holder.id
        grouped.setdefault(holder.id, []).append(provision.text)
    norms = "\n".join(p.text for p in items)
    return ActContext(
        act=act,
        source=source,
        lexicon=lexicon,
        is_bylaw=bool(_BYLAW.search(act.title) or _BYLAW.search(source[:3000])),
        whole_act=len(items) > 1,
        mentions_appeal=bool(lexicon.appeal.search(norms)),
        mentions_publication=bool(lexicon.publication.search(norms)),
        article_text={key: "\n".join(texts) for key, texts in grouped.items()},
        article_of=article_of,
    )


STEM = 6
"""Letters of a word that stay the same across Russian case endings, for loose term matching."""


def is_defined(ctx: ActContext, phrase: str) -> bool:
    """Whether the act defines this phrase in any case form: every word's stem begins a word of
    a defined term, in order ("существенном нарушении" and "существенное нарушение"). What the
    act defines is no longer vague; a different noun after the same adjective still is."""
    stems = [_stem(word) for word in re.findall(r"\w+", phrase.lower()) if len(word) > 2]
    if not stems:
        return False
    for term in ctx.act.defined_terms:
        words = iter(re.findall(r"\w+", term.term.lower()))
        if all(any(word.startswith(stem) for word in words) for stem in stems):
            return True
    return False


def _stem(word: str) -> str:
    """The part of a word that case endings leave alone: six letters, fewer for short words
    ("ущерб" in "ущербе", "срок" in "сроки")."""
    return word[: min(STEM, max(3, len(word) - 2))]


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """The clause around `position`: between the nearest sentence or list punctuation."""
    start = 0
    for found in _CLAUSE_END.finditer(text, 0, position):
        start = found.end()
    after = _CLAUSE_END.search(text, position)
    return start, after.start() if after else len(text)


def actor(lexicon: Lexicon, language: str, text: str, position: int) -> tuple[Actor, str] | None:
    """Who holds the power stated at `position` of `text`, and the words naming them.

    Russian puts the subject anywhere before the verb, and the clause may name other bodies or
    persons in oblique cases ("с согласия органа", "по заявлению гражданина"), so the first
    noun in the nominative wins. English puts the subject first in its clause, before the
    objects ("the person must notify the regulator"), so the first one does. A body and a
    person overlapping ("должностное лицо") is the body.
    """
    start, _ = clause_bounds(text, position)
    window = text[start:position]
    candidates = _candidates(lexicon, window)
    if not candidates:
        return None
    if language == "en":
        comma = window.rfind(",")
        after_comma = [c for c in candidates if c[0] > comma] if comma >= 0 else []
        _, kind, words = (after_comma or candidates)[0]
        return kind, words
    nominative = [c for c in candidates if _RU_NOMINATIVE_HEAD.fullmatch(c[2].split()[-1])]
    if not nominative:
        return None
    _, kind, words = nominative[0]
    return kind, words


def agent_after(lexicon: Lexicon, text: str, position: int) -> str | None:
    """The body named after a passive verb in the same clause ("продлен уполномоченным органом")."""
    _, end = clause_bounds(text, position)
    for found in lexicon.body.finditer(text, position, min(end, position + _AGENT_WINDOW)):
        if _INSTRUMENTAL.search(found.group(0)) or _BY.search(text, 0, found.start()):
            return found.group(0)
    return None


def _candidates(lexicon: Lexicon, window: str) -> list[tuple[int, Actor, str]]:
    bodies = [(m.start(), m.end(), m.group(0)) for m in lexicon.body.finditer(window)]
    found: list[tuple[int, Actor, str]] = [(s, "body", w) for s, _, w in bodies]
    for match in lexicon.person.finditer(window):
        if not any(s <= match.start() < e for s, e, _ in bodies):
            found.append((match.start(), "person", match.group(0)))
    return sorted(found)


def pattern_language(ctx: ActContext) -> str:
    """Which pattern set reads this act: Kazakh acts use the Russian set, which holds the Kazakh
    stems too."""
    return "en" if ctx.act.language == "en" else "ru"


def holder(ctx: ActContext, provision: Provision, position: int) -> tuple[str, str] | None:
    """Actor of the clause at `position`, or of the lead's last clause when the clause names
    none (a list item continues the sentence its lead began)."""
    lang = pattern_language(ctx)
    found = actor(ctx.lexicon, lang, provision.text, position)
    if found is None and provision.lead and clause_bounds(provision.text, position)[0] == 0:
        lead = provision.lead.rstrip()
        found = actor(ctx.lexicon, lang, lead, len(lead))
    return found


def hit(
    factor: str,
    rule: str,
    provision: Provision,
    span: tuple[int, int],
    confidence: float,
    **evidence: object,
) -> Hit:
    """A hit on `span` of the provision's own text (offsets relative to it)."""
    text = provision.text[span[0] : span[1]]
    return Hit(
        factor,
        rule,
        provision.start + span[0],
        provision.start + span[1],
        confidence,
        {"trigger": text, **evidence},
    )
