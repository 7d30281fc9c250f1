"""Factors of a body's power over persons: F01 discretion, F02 "may", F03 exceptions, F11 the
applicant's right left without the body's duty, F13 decisions without appeal.

Each check starts from a marker and then asks the questions of the methodology: is the holder of
the power a state body (not a citizen: "каждый вправе" is a right, not a factor); is a deadline,
a closed list of grounds or a law already fixing the exception; is the marker negated ("не
вправе" is a safeguard).
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re

from adaldyq.engines.legal_drafts.context import (
    ActContext,
    Hit,
    actor,
    agent_after,
    clause_bounds,
    hit,
    holder,
    is_defined,
    pattern_language,
)
from adaldyq.engines.legal_drafts.provisions import Provision
from adaldyq.model.legal import UnitKind

_I = re.IGNORECASE

_DISCRETION = {
    "ru": re.compile(
        r"по\s+(?:своему\s+)?усмотрению|(?:при|в\s+случае|по\s+мере)\s+необходимости"
        r"|в\s+разумн\w+\s+срок\w*|своевременно|в\s+кратчайши\w+\s+срок\w*"
        r"|в\s+возможно\s+короткий\s+срок|өз\s+қалау\w*\s+бойынша|қажет\s+болған\s+жағдайда"
        r"|по\s+мнению\s+(?:уполномоченн|орган|комисси|руководител|должностн)\w*"
        r"|на\s+(?:определенных|каких-либо|иных)\s+условиях",
        _I,
    ),
    "en": re.compile(
        r"\bat\s+(?:its|his|her|their)\s+(?:absolute\s+|sole\s+)?discretion\b"
        r"|\bas\s+(?:it|he|she|they)\s+(?:considers?|thinks?|deems?)\s+(?:fit|appropriate|"
        r"necessary|expedient)\b|\bwhere\s+(?:it\s+is\s+)?appropriate\b"
        r"|\bwithin\s+a\s+reasonable\s+(?:time|period)\b|\bas\s+soon\s+as\s+(?:reasonably\s+)?"
        r"practicable\b|\bif\s+(?:it|he|she|they)\s+considers?\s+(?:it\s+)?(?:appropriate|"
        r"necessary|expedient)\b|\bif\s+it\s+appears\s+to\s+the\s+\w+|\bif\s+the\s+\w+(?:\s+of\s+State)?"
        r"\s+(?:considers|is\s+satisfied|thinks|believes)\b|\bat\s+the\s+direction\s+of\s+the\b"
        r"|\bwithin\s+a\s+period\s+specified\s+in\s+the\s+(?:direction|notice)\b"
        r"|\b(?:that|which|as)\s+the\s+\w+(?:\s+of\s+State)?\s+(?:considers?|thinks?|deems?)\s+"
        r"(?:fit|appropriate|necessary|expedient)\b|\bin\s+particular\s+cases\b"
        r"|\bdetermined\s+by\s+the\s+(?:Secretary\s+of\s+State|Minister|authority)\b"
        r"|\bsubject\s+to\s+(?:such|certain|any)\s+conditions\b(?!\s+(?:set\s+out|specified|listed))",
        _I,
    ),
}
_WEAK_DISCRETION = re.compile(r"необходимости|своевременно|қажет", _I)
"""Markers too common to flag unless a body is plainly the one deciding."""
_DECISION = {
    "ru": re.compile(
        r"(?:принима\w+|выносит|выносят|выносится)\s+(?:\w+\s+){0,2}?решени\w*|шешім\s+қабылдай\w*",
        _I,
    ),
    "en": re.compile(r"\b(?:shall|must|may)\s+(?:decide|determine)\b", _I),
}
_DECIDED = re.compile(
    r"решени|постановлени|заключени|результат|шешім|\bdecision|\bdetermination|\bfinding", _I
)
"""F13 is about decisions: "список является окончательным" closes a list, not an appeal."""
_COURT = re.compile(
    r"(?<![\w-])(?:суд\w{0,3}|судья\w{0,2}|сот\w{0,4})(?![\w-])|\bcourt\b|\btribunal\b", _I
)
_PASSIVE_VERB = re.compile(r"ся\b|ся\s", _I)
_CONSENT_OF_BODY = {
    "ru": re.compile(r"(?:с|без)\s+согласия\s+(?P<who>[^,.;:\n]{3,120})", _I),
    "en": re.compile(
        r"\bwith(?:out)?\s+the\s+(?:prior\s+)?(?:written\s+)?(?:consent|approval|agreement)\s+"
        r"of\s+(?P<who>[^,.;:\n]{3,80})",
        _I,
    ),
}
_STATED_CONDITION = re.compile(
    r"\b(?:if|where|unless)\b|в\s+случа|если|при\s+(?:\w+\s+){0,2}?(?:наличии|несоответствии|"
    r"непредставлении|неполноте|отсутствии|нарушении|несоблюдении)",
    _I,
)
_REFUSAL_VERB = re.compile(r"отказыва|отказать|refuse|reject|бас\s+тарт", _I)
"""Only a body's act of refusing: the noun ("мотивированный отказ") names an answer's form."""
_MODAL = {
    "ru": re.compile(
        r"(?<![\w-])(?:вправе|может|могут|имеет\s+право|имеют\s+право|құқылы|құқығы\s+бар)"
        r"(?![\w-])",
        _I,
    ),
    "en": re.compile(r"\bmay\b(?!\s+not\b)", _I),
}
_NOT_BEFORE = {
    "ru": re.compile(r"(?:не|ни)\s+$", _I),
    "en": re.compile(r"\b(?:as|such\s+\w+\s+as|which|that)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", _I),
}
"""What before a modal makes it no power: "не вправе"; EN "as the authority may require", a
requirement or a delegation judged by F10 and F04."""
_PASSIVE = {"ru": re.compile(r"^\s+быть\s+(\w+)", _I), "en": re.compile(r"^\s+be\s+(\w+)", _I)}
_ADVERSE = {
    "ru": re.compile(
        r"отказан|приостановлен|прекращен|аннулирован|отозван|изъят|продлен|возвращен|запрещен|"
        r"ограничен|освобожден|предоставлен",
        _I,
    ),
    "en": re.compile(
        r"refused|suspended|revoked|withdrawn|cancelled|varied|extended|granted|issued|"
        r"exempted|waived|imposed|required|seized|sold|destroyed|impounded|removed|forfeited",
        _I,
    ),
}
_NOT_A_POWER = {
    "ru": re.compile(
        r"^\s+(?:быть\s+)?(?:обжалова|обратиться\s+в\s+суд|состоять|включать\s+(?:в\s+себя\s+)?"
        r"(?:представител|член))|^[^.;:]{0,80}?(?:полномочи|"
        r"территориальн\w+\s+орган|в\s+отставку)",
        _I,
    ),
    "en": re.compile(
        r"^\s+(?:be\s+cited|appeal|apply\s+to\s+the\s+court|consist|comprise|include\s+"
        r"(?:representatives|members))",
        _I,
    ),
}
_NOT_BY_A_BODY = re.compile(
    r"^[^.;:]*?(?:закон\w*|кодекс\w*|соглашени\w+\s+сторон|взаимно\w*\s+согласи\w*|"
    r"by\s+(?:or\s+under\s+)?(?:this|an?)\s+(?:Act|enactment))",
    _I,
)
"""A passive whose agent is a law or the parties' agreement: not a body's discretion."""
_RELATIVE_ITEM = re.compile(r"(?:which|that|where|if|who)\b|(?:когда|если|котор\w*)(?![\w-])", _I)
"""An item that is a relative or conditional clause narrows the lead's power, it is no power."""
_ONLY = re.compile(r"(?<![\w-])только\s+(?:тем|теми|той|тот|те|лицом|лицами|должностн\w*)", _I)
""""Может проводиться только тем лицом" limits who may act; it grants no choice."""
_INTRO_ONLY = re.compile(r"^\s*[:—–-]\s*$")
"""A lead "должностные лица имеют право:" states no power itself: each item under it does."""
_REFLEXIVE = re.compile(r"^\s+((?:проводить|приостанавлива|продлева|осуществля|изыма)\w*ся)", _I)
_STATE_ACTION = re.compile(
    r"провер|контрол|надзор|изъяти|приостановлени|лицензи|разрешени|санкци", _I
)
"""A state action "может проводиться": the body may or may not, with no rule saying when."""
_PERSONS_CHOICE = re.compile(r"по\s+(?:выбору|желанию|просьбе)|at\s+the\s+(?:request|option)", _I)
"""A passive that follows a person's choice ("по выбору заявителя может быть представлен")."""
_DELEGATING_MAY = re.compile(r"^\s+by\s+(?:regulations|order|rules)\b", _I)
_LIST_LEAD = {
    "ru": re.compile(
        r"(?:вправе|может|могут|имеет\s+право|имеют\s+право|құқылы)(?:[^.;:\n]{0,80}):\s*$", _I
    ),
    "en": re.compile(r"\bmay(?:[^.;:\n]{0,80})[:—-]\s*$", _I),
}
_CONDITION_LEAD = re.compile(
    r"\b(?:if|where|unless|that|when)\b|в\s+случа|если|при\s+услови|при\s+наличии|по\s+основани", _I
)
"""A lead whose list gives the conditions of the power ("may remove ... if—"), not more powers."""
_EXCEPTION = {
    "ru": re.compile(
        r"в\s+исключительн\w+\s+случа\w+|в\s+индивидуальн\w+\s+порядке|как\s+правило"
        r"|в\s+порядке\s+исключения|ерекше\s+жағдайларда|жеке\s+тәртіппен"
        r"|за\s+исключением\s+случаев,?\s+(?:определ|установл|устанавлива|утвержда|предусмотр)\w*"
        r"\s+(?:уполномоченн|правительств|руководител|министерств|орган|комисси|аким)\w*"
        r"|по\s+решению\s+(?:руководител|уполномоченн|комисси|аким|первого\s+руководител)\w*"
        r"|могут\s+устанавлива\w+\s+ины\w+|(?:если|когда)\s+(?:иное\s+не\s+)?(?:установлено|"
        r"предусмотрено)\s+(?:иное\s+)?(?:законодательством|нормативными\s+правовыми\s+актами)"
        r"|когда\s+законодательством\s+(?:[\w\s]{0,40}?)установлено\s+иное",
        _I,
    ),
    "en": re.compile(
        r"\bin\s+exceptional\s+(?:circumstances|cases)\b|\bexcept\s+in\s+such\s+cases\s+as\b"
        r"|\bmay\s+(?:exempt|waive|dispense\s+with)\b|\bon\s+a\s+case[- ]by[- ]case\s+basis\b"
        r"|\bexcept\s+in\s+(?:urgent|emergency|exceptional)\s+(?:cases|circumstances)\b"
        r"|\bunless\s+the\s+(?:\w+\s+)?(?:authority|Minister|"
        r"Secretary\s+of\s+State|officer)\s+(?:otherwise\s+)?(?:directs|determines|agrees)\b",
        _I,
    ),
}
_LEFT_TO_BYLAWS = re.compile(r"законодательств|нормативными|могут\s+устанавлива", _I)
"""Exceptions left to "законодательство" or any normative act (by-laws included)."""
_BY_DECISION = re.compile(r"^по\s+решению", _I)
_MAKES_EXCEPTION = re.compile(r"продл|освобо|отсроч|исключ|сниж|изменен|перенос|рассрочк", _I)
_RETURN = {
    "ru": re.compile(
        r"(?<![\w-])(?:возвращ\w+|оставл\w+\s+без\s+рассмотрения|возврату|вернуть|возвратить)"
        r"(?![\w-])"
        r"|по\s+иным\s+основаниям|в\s+иных\s+случаях",
        _I,
    ),
    "en": re.compile(
        r"\bmay\s+be\s+(?:returned|rejected|refused|declined|disregarded)\b|\btreated\s+as\s+"
        r"withdrawn\b"
        r"|\bfor\s+any\s+other\s+reason\b|\bon\s+such\s+other\s+grounds\b",
        _I,
    ),
}
_RETURN_VERB = re.compile(r"возвра|вернуть|may\s+be\s+returned", _I)
_MAY_OR_WITHOUT = re.compile(r"может|могут|вправе|подлеж|без\s+рассмотрения|\bmay\b", _I)
"""Returning papers after the work is done is routine; "может быть возвращено" is the factor."""
_AT_OWN_REQUEST = re.compile(
    r"по\s+(?:его|ее|её|их)\s+(?:заявлению|просьбе|требованию)|пошлин|уплаченн|at\s+(?:his|her|"
    r"their)\s+request",
    _I,
)
"""A refund, or papers handed back at the person's request, is the person's right."""
_APPLICATION = {
    "ru": re.compile(r"заявлени|заявк|обращени|документ|жалоб|ходатайств|өтініш", _I),
    "en": re.compile(r"\b(?:application|request|claim|notice|submission)s?\b", _I),
}
_FINAL = {
    "ru": re.compile(
        r"обжаловани\w+\s+не\s+подлеж\w+|не\s+подлеж\w+\s+обжаловани\w+|(?:является|являются)\s+"
        r"окончательн\w+|не\s+может\s+быть\s+обжалован\w*|шағымдануға\s+жатпайды",
        _I,
    ),
    "en": re.compile(
        r"\bfinal\s+and\s+(?:conclusive|binding)\b|\bshall\s+be\s+final\b|\bno\s+appeal\s+"
        r"(?:shall\s+)?lies?\b|\bnot\s+(?:be\s+)?subject\s+to\s+(?:any\s+)?appeal\b",
        _I,
    ),
}


def discretion(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F01: a body's decision with an evaluative term ("в разумный срок") or with no term at all."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    for found in _DISCRETION[lang].finditer(provision.text):
        if is_defined(ctx, found.group(0)):
            continue
        who = holder(ctx, provision, found.start())
        if who is not None and who[0] == "person":
            continue
        if who is None and _WEAK_DISCRETION.search(found.group(0)):
            continue
        confidence = 0.75 if who else 0.5
        hits.append(
            hit(
                "F01",
                "F01.discretion_marker",
                provision,
                found.span(),
                confidence,
                subject=who[1] if who else "",
            )
        )
    if hits:
        return hits
    hits = _without_criteria(provision, ctx)
    if hits:
        return hits
    for found in _DECISION[lang].finditer(provision.text):
        if _NOT_BEFORE[lang].search(provision.text[: found.start()]):
            continue
        who = holder(ctx, provision, found.start())
        if who is None and _PASSIVE_VERB.search(found.group(0)):
            who = _passive_body(ctx, provision, found.end())
        if who is None or who[0] != "body":
            continue
        if ctx.article_mentions(provision, ctx.lexicon.deadline):
            continue
        hits.append(
            hit(
                "F01",
                "F01.decision_without_term",
                provision,
                found.span(),
                0.55,
                subject=who[1],
                missing=["term"],
            )
        )
        break
    return hits


def _without_criteria(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F01: a body's consent, or its refusal, with no criteria or grounds for it in the article."""
    if ctx.article_mentions(provision, ctx.lexicon.refusal_grounds):
        return []
    lang = pattern_language(ctx)
    for found in _CONSENT_OF_BODY[lang].finditer(provision.text):
        body = ctx.lexicon.body.search(found.group("who")[:60])
        if body is not None:
            span = (found.start(), found.start("who") + body.end())
            return [
                hit(
                    "F01",
                    "F01.consent_without_criteria",
                    provision,
                    span,
                    0.55,
                    subject=body.group(0),
                    missing=["refusal grounds"],
                )
            ]
    for found in ctx.lexicon.refusal.finditer(provision.text):
        if _STATED_CONDITION.search(provision.text) or not _REFUSAL_VERB.match(found.group(0)):
            continue
        who = holder(ctx, provision, found.start())
        if who is not None and who[0] == "body":
            return [
                hit(
                    "F01",
                    "F01.refusal_without_grounds",
                    provision,
                    found.span(),
                    0.5,
                    subject=who[1],
                    missing=["refusal grounds"],
                )
            ]
    return []


def _passive_body(ctx: ActContext, provision: Provision, position: int) -> tuple[str, str] | None:
    agent = agent_after(ctx.lexicon, provision.text, position)
    return ("body", agent) if agent else None


def optional_power(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F02: a state body "may" act towards persons; a citizen's "may" is a right, not a factor."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    for found in _MODAL[lang].finditer(provision.text):
        before = provision.text[: found.start()]
        after = provision.text[found.end() :]
        if _NOT_BEFORE[lang].search(before) or _NOT_A_POWER[lang].match(after):
            continue
        if (
            (lang == "en" and _DELEGATING_MAY.match(after))
            or _INTRO_ONLY.match(after)
            or _ONLY.search(after[:40])
        ):
            continue
        who = holder(ctx, provision, found.start())
        passive = _PASSIVE[lang].match(after) or (
            _REFLEXIVE.match(after) if _STATE_ACTION.search(before[-120:]) else None
        )
        if passive is not None and (who is None or who[0] != "person"):
            if (
                _NOT_BY_A_BODY.search(after[:120])
                or _PERSONS_CHOICE.search(before[-80:])
                or _APPLICATION[lang].search(
                    before[clause_bounds(provision.text, found.start())[0] :]
                )
            ):
                continue
            agent = agent_after(ctx.lexicon, provision.text, found.end())
            if agent is None and not (
                _ADVERSE[lang].match(passive.group(1)) or _REFLEXIVE.match(after)
            ):
                continue
            who = ("body", agent or "")
        if who is None or who[0] != "body":
            continue
        closed = bool(ctx.lexicon.grounds.search(provision.text))
        hits.append(
            hit(
                "F02",
                "F02.optional_power",
                provision,
                found.span(),
                0.55 if closed else 0.8,
                subject=who[1],
                closed_grounds=closed,
            )
        )
    if hits or provision.unit.kind not in (UnitKind.SUBPOINT, UnitKind.ITEM):
        return hits
    lead_line = provision.lead.rstrip().rsplit("\n", 1)[-1]
    if _RELATIVE_ITEM.match(provision.text[_first_words(provision)[0] :]):
        return hits
    lead = _LIST_LEAD[lang].search(lead_line)
    if (
        lead is not None
        and not _CONDITION_LEAD.search(lead.group(0))
        and not _NOT_BEFORE[lang].search(lead_line[: lead.start()])
        and not _DELEGATING_MAY.search(lead.group(0)[3:])
    ):
        who = actor(ctx.lexicon, lang, lead_line, lead.start())
        if who is not None and who[0] == "body":
            hits.append(
                hit(
                    "F02",
                    "F02.optional_power_list",
                    provision,
                    _first_words(provision),
                    0.7,
                    subject=who[1],
                    lead=lead_line,
                )
            )
    return hits


def _first_words(provision: Provision) -> tuple[int, int]:
    """The item's words after its number, up to the first comma or the end: the power itself."""
    text = provision.text
    start = re.match(r"^\s*(?:\(?[\w.-]{1,6}\)\s*)?", text)
    begin = start.end() if start else 0
    end = min(
        (i for i in (text.find(",", begin), text.find(";", begin)) if i > 0), default=len(text)
    )
    return begin, min(end, begin + 120)


def selective_exception(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F03: exceptions from the general rule left to a body ("в исключительных случаях")."""
    lang = pattern_language(ctx)
    hits: list[Hit] = []
    for found in _EXCEPTION[lang].finditer(provision.text):
        tail = provision.text[found.end() : found.end() + 90]
        if not _LEFT_TO_BYLAWS.search(found.group(0)) and ctx.lexicon.law_reference.search(
            tail[:60]
        ):
            continue
        if _BY_DECISION.match(found.group(0)):
            start, end = clause_bounds(provision.text, found.start())
            if not _MAKES_EXCEPTION.search(provision.text[start:end]):
                continue
        hits.append(hit("F03", "F03.exception_marker", provision, found.span(), 0.7))
    return hits


def applicant_right(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F11: an application that may be returned or refused on grounds left open."""
    lang = pattern_language(ctx)
    if provision.text.rstrip().endswith(":") or ctx.lexicon.grounds.search(provision.text):
        return []
    hits: list[Hit] = []
    for found in _RETURN[lang].finditer(provision.text):
        start, end = clause_bounds(provision.text, found.start())
        clause = provision.text[start:end]
        if not _APPLICATION[lang].search(clause) and "основани" not in found.group(0):
            continue
        if _RETURN_VERB.match(found.group(0)) and (
            not _MAY_OR_WITHOUT.search(clause) or _AT_OWN_REQUEST.search(clause)
        ):
            continue
        if ctx.lexicon.negation.search(clause[: found.start() - start]):
            continue
        hits.append(hit("F11", "F11.return_without_grounds", provision, found.span(), 0.6))
    return hits


def _no_appeal_after(ctx: ActContext, lang: str, tail: str) -> bool:
    """Whether what follows a finality clause opens no appeal ("…и может быть обжаловано в суд"
    does; "…и обжалованию не подлежат" repeats the closure)."""
    return not ctx.lexicon.appeal.search(_FINAL[lang].sub("", tail))


def _by_a_court(ctx: ActContext, provision: Provision, position: int) -> bool:
    """Whether the decision is a court's ("решение суда") or a person's: final judgments are
    the end of an appeal, not the absence of one."""
    start, _ = clause_bounds(provision.text, position)
    if _COURT.search(provision.text[start:position]):
        return True
    who = holder(ctx, provision, position)
    return who is not None and who[0] == "person"


def no_appeal(provision: Provision, ctx: ActContext) -> list[Hit]:
    """F13: a decision declared final, or a refusal in an act that names no appeal at all."""
    lang = pattern_language(ctx)
    hits = [
        hit("F13", "F13.final_decision", provision, found.span(), 0.85)
        for found in _FINAL[lang].finditer(provision.text)
        if _DECIDED.search(provision.text[: found.start()])
        and _no_appeal_after(ctx, lang, provision.text[found.end() :])
        and not _by_a_court(ctx, provision, found.start())
    ][:1]  # "является окончательным и обжалованию не подлежит" is one closure
    if hits or ctx.mentions_appeal or not ctx.whole_act or not ctx.is_bylaw:
        return hits
    found = ctx.lexicon.refusal.search(provision.text)
    if found is not None and _REFUSAL_VERB.match(found.group(0)):
        hits.append(
            hit("F13", "F13.no_appeal_in_act", provision, found.span(), 0.45, missing=["appeal"])
        )
    return hits
