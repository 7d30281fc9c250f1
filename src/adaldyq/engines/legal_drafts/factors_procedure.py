"""Factors of procedure and allocation: F07 incomplete procedures, F08 non-competitive
allocation, F10 open-ended requirements, F14 concentrated functions, F15 secrecy.

F07 and F15 are judged by what is missing, so they read the whole article (a deadline in part 3
covers the procedure in part 1) and flag a procedure once per article, not on every verb.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re

from adaldyq.engines.legal_drafts.context import (
    ActContext,
    Hit,
    clause_bounds,
    hit,
    holder,
    pattern_language,
)
from adaldyq.engines.legal_drafts.provisions import Provision

_I = re.IGNORECASE

_PROCEDURE = {
    "ru": re.compile(
        r"(?<![\w-])(?:рассматрива\w+|рассматривает|выда[её]т|выдают|выдается|выдаются|"
        r"согласовыва\w+|согласу\w+|регистриру\w+|оформля\w+|принима\w+\s+(?:\w+\s+)?решени\w*|"
        r"проводит\s+(?:\w+\s+)?(?:проверк|экспертиз|обследовани|оценк)\w*|қарайды|береді)",
        _I,
    ),
    "en": re.compile(
        r"\b(?:shall|must|will)\s+(?:consider|determine|decide|issue|grant|approve|register|"
        r"assess)\b",
        _I,
    ),
}
_APPLICANT_FACING = {
    "ru": re.compile(r"заявлени|заявк|обращени|ходатайств|разрешени|лицензи|өтініш", _I),
    "en": re.compile(r"\b(?:application|request|licen[cs]e|permit|consent|approval)s?\b", _I),
}
_RESULT_FORM = {
    "ru": re.compile(
        r"в\s+(?:письменной|электронной)\s+форме|мотивированн|уведомлени|уведомля|форм\w+\s+"
        r"(?:решени|ответ)|выдает|выдается|оформля\w+\s+(?:приказ|решени)",
        _I,
    ),
    "en": re.compile(r"\bin\s+writing\b|\bwritten\s+notice\b|\bnotif\w+|\bgive\s+notice\b", _I),
}
_NOTIFICATION = {
    "ru": re.compile(r"уведомля|извеща|сообща|информиру|направля\w+\s+заявител|хабарла", _I),
    "en": re.compile(r"\bnotif\w+|\binform\w*|\bgive\s+(?:written\s+)?notice\b", _I),
}
_NON_COMPETITIVE = {
    "ru": re.compile(
        r"без\s+проведения\s+(?:торгов|аукцион\w*|конкурс\w*|тендер\w*)"
        r"|без\s+(?:торгов|аукциона|конкурса|тендера)|путем\s+прямых\s+переговоров"
        r"|(?:у|из)\s+одного\s+источника|прям\w+\s+заключени\w+\s+договор\w*|внеконкурсн\w*"
        r"|конкурс\s+өткізбей|аукцион\s+өткізбей|бір\s+көзден|тендерсіз",
        _I,
    ),
    "en": re.compile(
        r"\bwithout\s+(?:a\s+|any\s+)?(?:prior\s+)?(?:competitive\s+)?(?:tender\w*|competition|"
        r"auction|call\s+for\s+competition|publication\s+of\s+a\s+(?:contract\s+)?notice)\b"
        r"|\bdirect\s+award\w*\b|\bsingle[- ]source\b|\bnegotiated\s+procedure\s+without\b"
        r"|\bawarded?\s+directly\b",
        _I,
    ),
}
_ALLOCATION_BY_DECISION = re.compile(
    r"предоставля\w+\s+(?:\w+\s+){0,4}?(?:по\s+решению|на\s+основании\s+решения)\s+"
    r"(?:аким|уполномоченн|правительств|орган|руководител|комисси)\w*",
    _I,
)
_AFTER_COMPETITION = re.compile(
    r"(?:по\s+результатам|на\s+основании\s+результатов)\s+(?:\w+\s+)?(?:торг|аукцион|конкурс)", _I
)
_ALLOCATED = re.compile(r"земельн|участ|прав|субсиди|грант|квот|недр|ресурс|имуществ|лицензи", _I)
_OPEN_REQUIREMENT = {
    "ru": re.compile(
        r"(?<![\w-])(?:иные|другие|прочие|дополнительные|иных|других|дополнительных|любые|"
        r"любых)\s+(?:необходимые\s+|необходимых\s+)?(?:документ|сведени|информаци|материал|"
        r"справк|данны)\w*"
        r"|по\s+требованию\s+(?:уполномоченн|орган|комисси|должностн|инспектор|заказчик)\w*"
        r"|(?<![\w-])(?:иные|другие|дополнительные)\s+требовани\w*"
        r"|(?<![\w-])документ\w*,?\s+подтверждающ\w+\s+соответстви\w*|дополнительн\w+\s+"
        r"требовани\w+\s+к\s+"
        r"(?:перечню\s+)?документ\w*|при\s+необходимости\s+(?:прилага|представля)\w*"
        r"|өзге\s+де\s+құжат\w*|талабы\s+бойынша",
        _I,
    ),
    "en": re.compile(
        r"\bsuch\s+(?:other|further)\s+(?:documents?|information|particulars|evidence)\b"
        r"|\bprovide\s+further\s+information\b"
        r"|\bany\s+(?:other|further|additional)\s+(?:documents?|information|particulars|"
        r"evidence)\b|\bas\s+the\s+(?:\w+\s+){0,3}?may\s+(?:reasonably\s+)?(?:require|request)\b",
        _I,
    ),
}
_SUBMISSION = {
    "ru": re.compile(
        r"представля|представлени|прилага|подает|подаются|предъявля|направля|требовать|"
        r"требует|обязан|заявител|ұсын|тапсыр",
        _I,
    ),
    "en": re.compile(r"\b(?:provide|supply|submit|produce|furnish|accompan|include|require)", _I),
}
_VOLUNTARY = re.compile(
    r"по\s+(?:собственной|своей)\s+инициативе|вправе\s+(?:\w+\s+)?представить|\bmay\s+(?:also\s+)?"
    r"(?:provide|submit|supply)\b",
    _I,
)
"""Documents a person may add of their own accord are a right, not a requirement."""
_REQUIREMENT = re.compile(r"(?:иные|другие|дополнительные)\s+требовани", _I)
"""Open-ended requirements bind persons whatever verb introduces them."""
_BODYS_OWN_PAPERS = re.compile(r"^\s*К\s+(?:акту|протоколу|заключению|решению)\b", _I)
"""What the body attaches to its own act is not asked of a person."""
_PRESCRIBED = re.compile(r"\bprescribe", _I)
"""Information "prescribed" by regulations is a delegation (F04), not an open request."""
_AS_NEEDED = re.compile(r"при\s+необходимости", _I)
""""При необходимости прилагаются" leaves the need to the body; a person who "при необходимости
представляет" decides it themself."""
_CLOSED_BY_LAW = re.compile(
    r"^[,\s]*(?:(?:предусмотренн|установленн|указанн|перечисленн)\w*\s+(?:в\s+)?(?:настоящ|"
    r"федеральн|закон|кодекс|стать|пункт|част|подпункт|приложени)"
    r"|(?:\w+\s+){0,3}?(?:предусмотрен|установлен)\w*\s+(?:законами|законом|федеральн|настоящ)"
    r"|необходим\w+\s+для\s+предоставления)",
    _I,
)
_COMMISSION = {
    "ru": re.compile(
        r"состав\w*\s+(?:\w+\s+){0,3}?комисси\w*\s+(?:\w+\s+){0,5}?(?:определя|утвержда|формиру|"
        r"устанавлива)\w*\s+(?:руководител|уполномоченн|аким|министр|орган|приказом|решением)\w*",
        _I,
    ),
    "en": re.compile(
        r"\bshall\s+consist\s+of\s+such\s+(?:persons|members)\s+as\b"
        r"|\bmembers?\s+(?:shall\s+be\s+)?appointed\s+by\s+the\s+(?:Minister|Secretary)",
        _I,
    ),
}
_COMMISSION_SAFEGUARD = re.compile(
    r"независим|общественн|представител|конфликт\w*\s+интерес|отвод|заинтересованн|"
    r"independen|conflict\s+of\s+interest|recus",
    _I,
)
_RULE_AND_CONTROL = re.compile(
    r"(?:разрабатыва\w+|устанавлива\w+)\s+и\s+утвержда\w+[^.;]{0,200}(?:контрол|надзор)", _I
)
_PAID_SERVICES = re.compile(
    r"подведомственн\w+\s+(?:\w+\s+)?(?:организаци|предприяти|учреждени)\w*[^.;]{0,160}"
    r"(?:платн|за\s+плату|возмездн)",
    _I,
)
_SECRECY = {
    "ru": re.compile(
        r"не\s+подлеж\w+\s+(?:опубликовани|размещени|разглашени)\w*|для\s+служебного\s+"
        r"пользования|не\s+публику\w+|не\s+размеща\w+|жариялауға\s+жатпайды",
        _I,
    ),
    "en": re.compile(
        r"\bshall\s+not\s+be\s+(?:published|made\s+public|disclosed)\b|\bnot\s+be\s+made\s+"
        r"available\s+to\s+the\s+public\b",
        _I,
    ),
}
_PROTECTED = re.compile(
    r"тайн|персональн|конфиденциальн\w+\s+информаци|personal\s+data|commercially\s+sensitive", _I
)
"""Secrets and personal data are withheld by law everywhere; that is not the factor."""
_ALLOCATION_RECORD = re.compile(
    r"(?:вед[её]т|ведут|формиру\w+|утвержда\w+)\s+(?:\w+\s+)?(?:реестр|перечень|список)\w*\s+"
    r"(?:\w+\s+)?(?:получател|победител|лицензиат)\w*"
    r"|принима\w+\s+решени\w+\s+о\s+(?:предоставлении|выделении|распределении)\s+(?:\w+\s+)?"
    r"(?:субсиди|грант|земельн|квот|бюджетн|средств)\w*",
    _I,
)


def incomplete_procedure(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F07: a body acts on an application named in the provision, and the article lacks the
    term, or closed grounds for a refusal it allows, or most of: the form of the result, the
    grounds for refusal, notification and appeal."""
    lang = pattern_language(ctx)
    if not _APPLICANT_FACING[lang].search(provision.lead + "\n" + provision.text):
        return []
    for found in _PROCEDURE[lang].finditer(provision.text):
        who = holder(ctx, provision, found.start())
        if who is None or who[0] != "body":
            continue
        missing = [
            element
            for element, present in (
                ("term", ctx.article_mentions(provision, ctx.lexicon.deadline)),
                ("result form", ctx.article_mentions(provision, _RESULT_FORM[lang])),
                ("refusal grounds", ctx.article_mentions(provision, ctx.lexicon.refusal_grounds)),
                ("notification", ctx.article_mentions(provision, _NOTIFICATION[lang])),
                (
                    "appeal",
                    ctx.mentions_appeal or ctx.article_mentions(provision, ctx.lexicon.appeal),
                ),
            )
            if not present
        ]
        refuses = ctx.article_mentions(provision, ctx.lexicon.refusal)
        if "term" in missing or len(missing) >= 3 or (refuses and "refusal grounds" in missing):
            confidence = 0.6 if "term" in missing else 0.45
            return [
                hit(
                    "F07",
                    "F07.incomplete_procedure",
                    provision,
                    found.span(),
                    confidence,
                    subject=who[1],
                    missing=missing,
                )
            ]
    return []


def non_competitive(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F08: a right or resource given without competition ("без проведения аукциона")."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    matches = list(_NON_COMPETITIVE[lang].finditer(provision.text))
    if lang == "ru":
        matches += [
            m
            for m in _ALLOCATION_BY_DECISION.finditer(provision.text)
            if _ALLOCATED.search(provision.text[slice(*clause_bounds(provision.text, m.start()))])
        ]
    for found in matches:
        start, end = clause_bounds(provision.text, found.start())
        clause = provision.text[start:end]
        if ctx.lexicon.negation.search(clause) or _AFTER_COMPETITION.search(clause):
            continue
        hits.append(hit("F08", "F08.non_competitive", provision, found.span(), 0.85))
    return hits


def open_requirement(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F10: a person must supply "иные документы" or whatever the body asks, with no closed list."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    context = provision.lead + "\n" + provision.text
    for found in _OPEN_REQUIREMENT[lang].finditer(provision.text):
        start, _ = clause_bounds(provision.text, found.start())
        before = provision.text[start : found.start()]
        if (
            ctx.lexicon.negation.search(before)
            or _VOLUNTARY.search(provision.text)
            or _PRESCRIBED.search(provision.text)
        ):
            continue
        if _CLOSED_BY_LAW.match(provision.text[found.end() : found.end() + 80]):
            continue
        if not (_REQUIREMENT.match(found.group(0)) or _SUBMISSION[lang].search(context)):
            continue
        if _BODYS_OWN_PAPERS.match(provision.text):
            continue
        who = holder(ctx, provision, found.start()) if _AS_NEEDED.match(found.group(0)) else None
        if who is not None and who[0] == "person":
            continue
        hits.append(hit("F10", "F10.open_requirement", provision, found.span(), 0.75))
    return hits


def concentrated_functions(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F14: a commission whose members a head picks with no recusal rule; rules, grants and
    control in one body; a subordinate organisation selling services."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    for found in _COMMISSION[lang].finditer(provision.text):
        if not ctx.article_mentions(provision, _COMMISSION_SAFEGUARD):
            hits.append(
                hit(
                    "F14",
                    "F14.commission_composition",
                    provision,
                    found.span(),
                    0.6,
                    missing=["recusal", "independent members"],
                )
            )
    if lang == "ru":
        hits += [
            hit("F14", rule, provision, found.span(), 0.5)
            for rule, pattern in (
                ("F14.rule_and_control", _RULE_AND_CONTROL),
                ("F14.paid_services", _PAID_SERVICES),
            )
            for found in pattern.finditer(provision.text)
        ]
    return hits


def secrecy(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F15: decisions or registers kept from the public, or allocations with no publication."""
    lang = pattern_language(ctx)
    hits = [
        hit("F15", "F15.not_published", provision, found.span(), 0.7)
        for found in _SECRECY[lang].finditer(provision.text)
        if not _PROTECTED.search(provision.text)
    ]
    if hits or lang != "ru" or ctx.mentions_publication:
        return hits
    found = _ALLOCATION_RECORD.search(provision.text)
    if found is not None:
        hits.append(
            hit(
                "F15",
                "F15.unpublished_allocation",
                provision,
                found.span(),
                0.4,
                missing=["publication"],
            )
        )
    return hits
