"""Factors of wording: F12 evaluative or undefined terms, and F09 collisions inside the act.

F12 skips what the act defines itself (an evaluative word is no longer vague once article 1
defines it) and the settled formulas of civil law ("ненадлежащее исполнение обязательств",
"существенные условия договора"), which courts read the same way every time.

F09 compares the act with itself: the same action given two different terms ("рассматривает
заявление в течение 10 дней" here, "30 дней" there), and one term defined twice. Collisions with
other acts need those acts, so that part of F09 is not attempted.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from collections import defaultdict

from adaldyq.engines.legal_drafts.context import (
    STEM,
    ActContext,
    Hit,
    clause_bounds,
    hit,
    holder,
    is_defined,
    pattern_language,
)
from adaldyq.engines.legal_drafts.provisions import Provision

_I = re.IGNORECASE

_EVALUATIVE = {
    "ru": re.compile(
        r"(?<![\w-])(?:разумн\w*|существенн\w*|значительн\w*|надлежащ\w*|достаточн\w*"
        r"|уважительн\w+\s+причин\w*|неоднократн\w*|грубо\w*\s+нарушени\w*|злостн\w*"
        r"|необходим(?:ые|ых|ым|ыми|ое|ого|ую|ая|ой)\s+(?:документ|сведени|мер|материал|"
        r"услови|требовани|случа)\w*"
        r"|и\s+т\.\s?[дп]\.|и\s+(?:други[ех]|ины[ех])\s+(?:основани|документ|случа|требовани|"
        r"сведени|услови|мер|обстоятельств|причин)\w*"
        r"|тиісті|жеткілікті|елеулі|дәлелді\s+себеп\w*)",
        _I,
    ),
    "en": re.compile(
        r"\b(?:reasonabl[ey]|appropriate|sufficient|significant|substantial|adequate|proper|"
        r"satisfactory|suitable|undue|good\s+cause|good\s+reason|including\s+but\s+not\s+limited"
        r"\s+to|etc\b\.?|and\s+the\s+like|promptly|at\s+regular\s+intervals|regularly|periodically|"
        r"urgent)\b",
        _I,
    ),
}
_SETTLED = re.compile(
    r"(?:не)?надлежащ\w+\s+исполнени|существенн\w+\s+услови|надлежащ\w+\s+образом|appropriate\s+national\s+authority|reasonable\s+excuse"
    r"|reasonably\s+practicable|reasonably\s+be\s+expected|unreasonably\s+withheld"
    r"|adequate\s+information",
    _I,
)
_NORMATIVE = re.compile(
    r"вправе|может|могут|обязан|должн|основани|отказ|требовани|услови|допуска|запреща|решени|срок|"
    r"лицензи|разрешени|штраф|ответственност|\bmay\b|\bmust\b|\bshall\b|\brequire|\brefus|"
    r"\bcondition|\bgrounds\b|міндетті|құқылы|тиіс|негіз|бас\s+тарт|талап|мерзім|рұқсат",
    _I,
)
"""Words of a rule that decides something (a power, a duty, a ground, a term): an evaluative word
in a description of office furniture leaves nobody discretion."""
_DEADLINE_WITH_ACTION = re.compile(
    r"(?P<action>рассматр\w+|выда\w+|принима\w+\s+(?:\w+\s+)?решени\w*|регистрир\w+|"
    r"согласов\w+|направля\w+|уведомля\w+|возвраща\w+)\s+(?P<object>[\w-]+)?"
    r"[^.;:\n]{0,80}?в\s+течение\s+(?P<count>\d+)\s+(?P<unit>рабочих|календарных)?\s*дн\w*",
    _I,
)


def evaluative_terms(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F12: an evaluative or open-ended word the act does not define."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    for found in _EVALUATIVE[lang].finditer(provision.text):
        start, end = clause_bounds(provision.text, found.start())
        around = provision.text[max(start, found.start() - 3) : min(end, found.end() + 40)]
        following = re.match(r"\s+(\w+)", provision.text[found.end() :])
        phrase = found.group(0) + (" " + following.group(1) if following else "")
        if _SETTLED.search(around) or is_defined(ctx, phrase):
            continue
        if not _NORMATIVE.search(provision.lead + " " + provision.text) or _in_brackets(
            provision.text, found.start()
        ):
            continue
        who = holder(ctx, provision, found.start())
        if who is not None and who[0] == "person":
            continue
        open_list = found.group(0).lower().startswith("и ")
        if open_list and ctx.lexicon.negation.search(provision.text[start:end]):
            continue
        hits.append(
            hit(
                "F12",
                "F12.open_enumeration" if open_list else "F12.evaluative_term",
                provision,
                found.span(),
                0.4 if provision.in_definitions else 0.6,
            )
        )
    return hits


def _in_brackets(text: str, position: int) -> bool:
    """Inside a parenthesis, as in a cross-reference's title "(information to residents etc)"."""
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def collisions(items: list[Provision], ctx: ActContext) -> list[Hit]:
    """F09: one action with different terms in different provisions; a term defined twice."""
    if ctx.act.language == "en":
        return []
    terms: dict[str, list[tuple[Provision, re.Match[str]]]] = defaultdict(list)
    for provision in items:
        for found in _DEADLINE_WITH_ACTION.finditer(provision.text):
            key = (
                found.group("action")[:STEM].lower()
                + "+"
                + (found.group("object") or "")[:STEM].lower()
            )
            terms[key].append((provision, found))
    hits: list[Hit] = []
    for key, uses in terms.items():
        values = {(m.group("count"), (m.group("unit") or "").lower()) for _, m in uses}
        if len(values) < 2:
            continue
        for provision, found in uses:
            others = sorted(f"{c} {u}".strip() for c, u in values)
            hits.append(
                hit(
                    "F09",
                    "F09.conflicting_terms",
                    provision,
                    found.span(),
                    0.5,
                    action=key,
                    terms=others,
                )
            )
    return hits + _duplicate_definitions(ctx)


def _duplicate_definitions(ctx: ActContext) -> list[Hit]:
    seen: dict[str, str] = {}
    hits: list[Hit] = []
    for term in ctx.act.defined_terms:
        key = term.term.casefold()
        if key in seen and seen[key] != term.unit_id:
            hits.append(
                Hit(
                    "F09",
                    "F09.duplicate_definition",
                    term.start,
                    term.end,
                    0.6,
                    {"trigger": term.term, "first_defined_in": ctx.act.unit(seen[key]).locator},
                )
            )
        seen.setdefault(key, term.unit_id)
    return hits
