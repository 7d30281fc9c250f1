"""Factors of rule-making and money: F04 blanket delegation, F05 charges a by-law sets itself,
F06 a by-law adding grounds the law did not give, F16 indeterminate sanctions and fees, F17 a
monopoly operator picked by a body.

A reference to a law ("в порядке, установленном законодательством", "настоящим Кодексом") is not
delegation to a body, so F04 reads who is named after the reference. F05, F06 and F17 need the
competence of the body and the enabling law, which the text alone does not give: they are
advisory.
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
    pattern_language,
)
from adaldyq.engines.legal_drafts.provisions import Provision

_I = re.IGNORECASE

_DELEGATION = {
    "ru": re.compile(
        r"в\s+порядке,?\s+(?:установленн|определяем|определенн|утверждаем|утвержденн|"
        r"устанавливаем|предусмотренн)\w*\s+(?P<who>[^,.;:\n]{3,90})"
        r"|(?:устанавлива|определя|утвержда)(?:ется|ются)\s+(?P<who2>[^,.;:\n]{3,90})"
        r"|(?:могут|может)\s+(?:также\s+)?(?:устанавлива|определя)\w+\s+(?P<who4>[^,.;:\n]{3,90})"
        r"|(?P<who5>нормативными\s+правовыми\s+актами)\s+(?:\w+\s+)?(?:устанавлива|определя)\w*"
        r"|(?:и|или)\s+(?P<who7>иными\s+нормативными\s+правовыми\s+актами)"
        r"|в\s+(?:случаях\s+и\s+)?порядке,?\s+(?:установленн|определенн|предусмотренн)\w*\s+"
        r"(?:\w+\s+)?(?P<who6>законодательством)"
        r"|(?:размер|порядок|перечень|требования|правила|критерии|сроки|условия)\s+[^.;:\n]{0,80}?"
        r"(?:установлен|определен|утвержден)\w*\s+(?P<who3>[^,.;:\n]{3,90})"
        r"|(?:уәкілетті\s+орган|Үкімет)\w*\s+(?:айқындайтын|белгілеген|бекітетін|бекіткен|"
        r"белгілейтін)\s+тәртіппен",
        _I,
    ),
    "en": re.compile(
        r"\bas\s+may\s+be\s+(?:prescribed|specified|determined|directed)\b"
        r"|\bin\s+such\s+(?:manner|form|way)\s+as\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:may\s+)?"
        r"(?:determine|specify|direct|prescribe|require)s?\b"
        r"|\bmay\s+by\s+(?:regulations|order|rules)\b|\bprescribed\s+(?:principles|fees?|"
        r"period|requirements|conditions|circumstances|documents)\b|\bin\s+accordance\s+"
        r"with\s+prescribed\b|\bprescribe\s+(?:any\s+)?(?:further\s+)?information\b|\bRegulations\s+may\s+"
        r"(?:make\s+provision|provide)\b|\bany\s+other\s+prescribed\s+(?:person|body)\b"
        r"|\b(?:prescribed\s+by|specified\s+in)\s+regulations\b"
        r"|\bsuch\s+(?:fee|amount|sum|conditions|requirements|criteria)\s+as\s+(?:the\s+)?\w+"
        r"(?:\s+of\s+State)?\s+may\s+(?:determine|specify|prescribe)\b"
        r"|\bas\s+(?:the\s+)?(?:Minister|Secretary\s+of\s+State|authority|Commission)\s+"
        r"(?:may\s+)?(?:determines?|specif(?:y|ies)|directs?|thinks\s+fit)\b",
        _I,
    ),
}
_BODY_NAMED = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:уполномоченн|правительств|министерств|министр|орган|"
    r"руководител|аким|комисси|ведомств|федеральн\w*\s+орган|местн\w*\s+исполнительн)",
    _I,
)
_PRESCRIBED_INFORMATION = re.compile(r"\bprescribed\s+information\b", re.IGNORECASE)
"""Information an applicant must give, left to regulations; register contents are not essential."""
_DELEGATING_LEAD = re.compile(
    r"\bmay\s+by\s+(?:regulations|order|rules)\b.*[:—–-]\s*$|(?:устанавлива|определя|утвержда)"
    r"(?:ет|ют)\s*:\s*$",
    _I,
)
_CONSENT = re.compile(r"по\s+согласованию\s+с\s+(?P<who>[^,.;:\n]{3,90})", _I)
_ESSENTIAL = {
    "ru": re.compile(
        r"размер|плат|сбор|тариф|штраф|перечень\s+документ|основани|срок|требовани|критери|"
        r"услови|ставк|порядок\s+(?:\w+\s+и\s+)?(?:предоставлени|выдачи|рассмотрени|проведени|"
        r"определени|подготовки|заключени|приняти|расчета|взимани|организаци|отбора|выбора)"
        r"|изъят|предоставля|прекращени",
        _I,
    ),
    "en": re.compile(
        r"\bfee|\bamount|\bcharge|\bcriteria|\bconditions|\brequirements|\bgrounds|\bprinciples"
        r"|\bapplications?\s+(?:shall|must)\s+be\s+made\b"
        r"|\bprocedure\s+for\s+(?:removing|revoking|suspending|refusing|deciding|determining|"
        r"withdrawing|cancelling)|\b(?:information|documents)\b[^.;]{0,60}\b(?:accompan|"
        r"applica|provid|submit)|\bcircumstances\b[^.;]{0,60}\bwithdrawn",
        _I,
    ),
}
_TOP_EXECUTIVE = re.compile(r"правительств|президент|Үкімет", _I)
"""Laws leave non-essential rules to the Government as a matter of course; only essential
elements delegated there (fees, grounds, terms) are a factor."""
_VAGUE_LAW = re.compile(r"(?:законодательством|(?:иными\s+)?нормативными\s+правовыми\s+актами)", _I)
""""Законодательство" in Kazakhstan includes by-laws: a reference to it delegates as much as a
reference to a body, and is read as such when an essential element hangs on it."""
_LIST_FOLLOWS = re.compile(r"[:—–-]\s*$")
"""A lead ("may by regulations make provision about—") is judged item by item, not as a whole."""
_COMPOSITION = re.compile(r"^\s*(?:\w+\s+)?состав\w*\s+(?:\w+\s+){0,2}?комисси", _I)
"""Who sits on a commission is judged by F14 (composition and recusal), not as rule-making."""
_FORMS_ONLY = re.compile(r"^\s*(?:форм\w*|образ\w*)\b", _I)
_CHARGE = {
    "ru": re.compile(
        r"(?:устанавлива\w+|вводи\w+|взима\w+|взыскива\w+|уплачива\w+|вносит\w*)\s+(?:\w+\s+){0,3}?"
        r"(?:плат\w*|сбор\w*|штраф\w*|взнос\w*)|(?:плата|сбор|взнос)\s+(?:\w+\s+){0,3}?"
        r"(?:взимается|уплачивается|вносится)",
        _I,
    ),
    "en": re.compile(r"\b(?:a\s+fee\s+of|shall\s+pay\s+(?:a|the)\s+(?:fee|charge|penalty))", _I),
}
_ENABLING = re.compile(
    r"(?:в\s+соответствии\s+со?|согласно|на\s+основании|предусмотренн\w*)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:закон|кодекс|стать|пункт)|\bsection\s+\d+\s+of\s+the\b|\bunder\s+section\b",
    _I,
)
_NEW_GROUNDS = {
    "ru": re.compile(
        r"основани\w+\s+(?:для\s+)?(?:отказ|приостановлени|отзыв|аннулировани)\w*", _I
    ),
    "en": re.compile(r"\bgrounds?\s+for\s+(?:refus|revo|suspen)\w*", _I),
}
_SANCTION = {
    "ru": re.compile(
        r"штраф\w*\s+(?:(?!от\b)[^\W\d]\w*\s+){0,3}?(?:в\s+размере\s+)?до\s+\d+(?:\s\d{3})*(?:\s*(?:МРП|"
        r"месячн\w+\s+расчетн\w+\s+показател\w*|минимальн\w+\s+\w+\s+\w+|рубл\w*|тенге|%))?"
        r"|(?:плат|сбор|тариф|взнос)\w*\s+(?:\w+\s+){0,2}?в\s+размере,?\s+(?:определяем|"
        r"устанавливаем|утверждаем)\w*",
        _I,
    ),
    "en": re.compile(
        r"\bfine\s+not\s+exceeding\b|\bpenalty\s+(?:of\s+)?(?:up\s+to|not\s+exceeding)\b"
        r"|\bfee\s+of\s+such\s+amount\s+as\b|\b(?:any|a|the)\s+fee\s+prescribed\b"
        r"|\b(?:all\s+)?reasonable\s+expenses\b|\bshall\s+(?:fix|determine|set)\s+the\s+(?:rent|fee|"
        r"charge|tariff|price)\b",
        _I,
    ),
}
_FEE_BY_BODY = re.compile(
    r"(?:ставк|размер)\w*\s+(?:\w+\s+)?(?:плат|сбор|тариф|взнос)\w*[^.;]{0,240}?(?:устанавлива|"
    r"определя|утвержда)\w*\s+(?:[\w-]+\s+){0,2}?(?:правительств|уполномоченн|орган|министерств|"
    r"аким|руководител)\w*",
    _I,
)
_BY_A_COURT = re.compile(r"\bconviction\b|\bsentenc|приговор|(?<![\w-])суд(?:ом|а|у)?(?![\w-])", _I)
_SANCTION_WORDS = re.compile(r"штраф|взыскани|санкци|(?<!вы)плат|сбор|пен[яи]", _I)
_RANGE = re.compile(
    r"от\s+(?P<low>\d[\d\s]*)\s+до\s+(?P<high>\d[\d\s]*)\s*(?:\w+\s+){0,1}?"
    r"(?:МРП|месячн|минимальн|рубл|тенге|размер|процент|%)",
    _I,
)
_WIDE_RANGE = 10
_OPERATOR = {
    "ru": re.compile(
        r"един\w+\s+оператор\w*|единственн\w+\s+(?:оператор|поставщик|исполнител)\w*"
        r"|национальн\w+\s+оператор\w*"
        r"|оператор\w*,?\s+(?:[\w,]+\s+){0,4}?(?:определяем|назначаем|определенн)\w*\s+"
        r"(?:правительств|уполномоченн|аким)\w*(?:\s+\w+)?"
        r"|(?:юридическ\w+\s+лиц\w*|организаци\w*),?\s+определяем\w+\s+(?:правительств|"
        r"уполномоченн)\w*|бірыңғай\s+оператор\w*",
        _I,
    ),
    "en": re.compile(
        r"\bsole\s+(?:operator|supplier|provider)\b|\bsuch\s+(?:body|person|company)\s+as\s+the\s+"
        r"(?:Minister|Secretary\s+of\s+State)\s+may\s+(?:designate|appoint)\b|\bdesignated\s+"
        r"operator\b",
        _I,
    ),
}


def blanket_delegation(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F04: an essential element left to a body ("размер платы определяется уполномоченным
    органом"); references to a law are not delegation, forms alone are routine."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    for found in _DELEGATION[lang].finditer(provision.text):
        named = next((g for g in found.groups() if g), "") if found.groups() else ""
        vague_law = bool(named and _VAGUE_LAW.search(named))
        confidence = 0.5 if vague_law else 0.75
        if lang == "ru" and named and not vague_law and not ctx.lexicon.body.search(named[:50]):
            continue
        if named and not vague_law and ctx.lexicon.law_reference.match(named.strip()):
            continue
        start, end = clause_bounds(provision.text, found.start())
        clause = provision.text[start:end]
        if _FORMS_ONLY.match(clause) or _COMPOSITION.match(clause):
            continue
        essential = bool(_ESSENTIAL[lang].search(clause))
        if not essential and (
            lang == "en"
            or _TOP_EXECUTIVE.search(named)
            or vague_law
            or _LIST_FOLLOWS.search(clause)
        ):
            continue
        hits.append(
            hit(
                "F04",
                "F04.delegation",
                provision,
                found.span(),
                confidence if essential else 0.5,
                delegate=named.strip(),
                essential=essential,
            )
        )
    lead_line = provision.lead.rstrip().rsplit("\n", 1)[-1]
    if lang == "en" and not hits:
        prescribed = _PRESCRIBED_INFORMATION.search(provision.text)
        context = provision.lead + " information " + provision.text
        if prescribed and _ESSENTIAL["en"].search(context):
            hits.append(
                hit("F04", "F04.delegation", provision, prescribed.span(), 0.6, essential=True)
            )
    if not hits and _DELEGATING_LEAD.search(lead_line) and _ESSENTIAL[lang].search(provision.text):
        span = (0, len(provision.text))
        hits.append(
            hit("F04", "F04.delegated_item", provision, span, 0.6, lead=lead_line, essential=True)
        )
    if lang == "ru":
        for found in _CONSENT.finditer(provision.text):
            if _BODY_NAMED.match(found.group("who")):
                hits.append(
                    hit(
                        "F04",
                        "F04.consent_of_body",
                        provision,
                        found.span(),
                        0.4,
                        delegate=found.group("who").strip(),
                    )
                )
    return hits


def ultra_vires_charge(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F05 (advisory): a by-law that itself sets a fee, charge or fine with no enabling law."""
    if not ctx.is_bylaw:
        return []
    lang = pattern_language(ctx)
    if ctx.article_mentions(provision, _ENABLING):
        return []
    return [
        hit("F05", "F05.bylaw_charge", provision, found.span(), 0.35)
        for found in _CHARGE[lang].finditer(provision.text)
    ]


def gap_filling(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F06 (advisory): a by-law stating its own grounds for refusal or revocation, with no
    reference to the law that gives them."""
    if not ctx.is_bylaw:
        return []
    lang = pattern_language(ctx)
    if ctx.article_mentions(provision, _ENABLING):
        return []
    found = _NEW_GROUNDS[lang].search(provision.text)
    return [hit("F06", "F06.bylaw_grounds", provision, found.span(), 0.3)] if found else []


def indeterminate_sanction(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F16: a fine "up to" an amount, a range wider than tenfold, or a fee the body sets."""
    lang = pattern_language(ctx)
    hits = [
        hit("F16", "F16.sanction_range", provision, found.span(), 0.7)
        for found in _SANCTION[lang].finditer(provision.text)
        if not _BY_A_COURT.search(provision.lead + " " + provision.text)
    ]
    if lang == "ru":
        hits += [
            hit("F16", "F16.fee_by_body", provision, found.span(), 0.6)
            for found in _FEE_BY_BODY.finditer(provision.text)
        ]
        for found in _RANGE.finditer(provision.text):
            if not _SANCTION_WORDS.search(provision.text):
                continue
            low = int(re.sub(r"\s", "", found.group("low")))
            high = int(re.sub(r"\s", "", found.group("high")))
            if low > 0 and high / low >= _WIDE_RANGE:
                hits.append(
                    hit("F16", "F16.wide_range", provision, found.span(), 0.6, low=low, high=high)
                )
    return hits


def sole_operator(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F17 (advisory): a single operator or beneficiary chosen by a body, not by competition."""
    lang = pattern_language(ctx)
    return [
        hit("F17", "F17.sole_operator", provision, found.span(), 0.5)
        for found in _OPERATOR[lang].finditer(provision.text)
    ]
