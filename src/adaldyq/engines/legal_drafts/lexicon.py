"""Words the factor checks test the context with: who acts, and which safeguards are present.

A marker ("вправе", "иные документы") only raises a factor when its context says so
(LEGAL_FACTORS.md): the holder of a power must be a state body or official, not a citizen; a
decision must lack a deadline, closed grounds or an appeal. Those tests are the same for every
factor, so their words live here once per language. Russian and Kazakh words are matched by stem
(no lemmatiser is needed for the forms acts use: "органом", "органа", "органы"); Kazakh stems are
indicative, as the taxonomy warns, and Russian ones also serve Kazakhstan's Russian-language acts.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass

_W = r"[\w-]*"


def _words(*stems: str) -> str:
    return "|".join(stems)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Context patterns of one language; every pattern is compiled case-insensitive."""

    body: re.Pattern[str]
    """A state body or official as the actor: "уполномоченный орган", "комиссия", "the Minister"."""
    person: re.Pattern[str]
    """A private person as the actor: "гражданин", "заявитель", "каждый", "the applicant"; courts
    count here too, since the methodology weighs the discretion of the executive, not of judges."""
    deadline: re.Pattern[str]
    """A fixed term: "в течение 10 рабочих дней", "не позднее", "within 30 days"."""
    appeal: re.Pattern[str]
    """An appeal or review route: "обжаловано", "в судебном порядке", "appeal"."""
    publication: re.Pattern[str]
    """Publication: "размещается на интернет-ресурсе", "опубликованию", "published"."""
    grounds: re.Pattern[str]
    """Closed grounds stated or referenced: "по основаниям, указанным в", "in the cases set out"."""
    refusal: re.Pattern[str]
    """A body refusing what a person asks: "отказывает", "решение об отказе", "refuse"."""
    refusal_grounds: re.Pattern[str]
    """Grounds for refusing what a person asks: "основаниями для отказа являются" (a "мотивированный
    отказ" is a form of the answer, not grounds: any reason can be written down)."""
    law_reference: re.Pattern[str]
    """A reference to a law rather than to a body: "настоящим Кодексом", "федеральным законом"."""
    negation: re.Pattern[str]
    """A prohibition that turns a marker into a safeguard: "не допускается", "запрещается"."""


_RU_BODY = re.compile(
    r"(?<![\w-])(?:"
    + _words(
        rf"уполномоченн{_W}\s+(?:\w+\s+){{0,3}}?орган{_W}",
        rf"(?:федеральн|государственн|исполнительн|местн|контролирующ|надзорн|налогов|таможенн|"
        rf"регистрирующ|территориальн|лицензирующ|соответствующ){_W}\s+(?:[\w-]+\s+){{0,2}}?"
        rf"орган{_W}",
        rf"орган{_W}\s+(?:государственн|местного|исполнительн|власти|управлени|внутренних|"
        rf"контрол|надзор){_W}",
        rf"министерств{_W}",
        rf"министр{_W}",
        rf"ведомств{_W}",
        rf"комисси{_W}",
        rf"аким{_W}",
        rf"маслихат{_W}",
        rf"правительств{_W}",
        rf"должностн{_W}\s+лиц{_W}",
        rf"инспектор{_W}",
        rf"руководител{_W}",
        rf"агентств{_W}",
        rf"департамент{_W}",
        rf"администраци{_W}",
        rf"заказчик{_W}",
        rf"организатор{_W}",
        rf"лицензиар{_W}",
        rf"служб{_W}",
        rf"уәкілетті\s+орган{_W}",
        rf"әкімдік{_W}",
        rf"министрлік{_W}",
        rf"лауазымды\s+адам{_W}",
        rf"орган{_W}",
    )
    + r")",
    re.IGNORECASE,
)
_RU_PERSON = re.compile(
    r"(?<![\w-])(?:"
    + _words(
        rf"граждан{_W}",
        rf"физическ{_W}\s+лиц{_W}",
        rf"юридическ{_W}\s+лиц{_W}",
        rf"заявител{_W}",
        rf"водопользовател{_W}",
        rf"землепользовател{_W}",
        rf"недропользовател{_W}",
        rf"собственник{_W}",
        rf"правообладател{_W}",
        rf"арендатор{_W}",
        rf"участник{_W}",
        rf"потребител{_W}",
        rf"работник{_W}",
        rf"индивидуальн{_W}\s+предпринимател{_W}",
        rf"предпринимател{_W}",
        rf"лицензиат{_W}",
        rf"получател{_W}",
        rf"обвиняем{_W}",
        r"каждый",
        r"каждого",
        r"никто",
        r"лиц(?:о|а|ам|ами|ах)?(?![\w-])",
        r"суд(?:а|у|ом|е|ы|ов|ам|ами)?(?![\w-])",
        rf"сторон{_W}",
        rf"общественн{_W}\s+объединени{_W}",
        rf"азамат{_W}",
        rf"өтініш\s+беруш{_W}",
        rf"жеке\s+тұлға{_W}",
    )
    + r")",
    re.IGNORECASE,
)
_RU_DEADLINE = re.compile(
    r"в\s+течение\s+(?:\d+|[а-яё]+)\s+(?:\(\w+\)\s+)?(?:рабоч|календарн|дн|месяц|час|лет|год)"
    r"|не\s+позднее|не\s+позже|в\s+срок\s+(?:до|не\s+более|не\s+позднее|,?\s*не\s+превышающ)"
    r"|в\s+\d+-?(?:дневный|месячный)|срок\w*\s+(?:рассмотрения|не\s+может\s+превышать)"
    r"|в\s+день\s+(?:поступления|обращения|регистрации)|незамедлительно|\d+\s+(?:рабочих|календарных)\s+дн"
    r"|ішінде|күннен\s+кешіктірмей",
    re.IGNORECASE,
)
_RU_APPEAL = re.compile(
    r"обжал\w*|в\s+судебном\s+порядке|в\s+суд\b|оспор\w*|жалоб\w*|шағым\w*", re.IGNORECASE
)
_RU_PUBLICATION = re.compile(
    r"размеща\w*|размещени\w*|опубликов\w*|интернет|официальн\w+\s+сайт\w*|общедоступн\w*"
    r"|информационн\w+\s+систем\w*|сайт\w*|жариялан\w*|интернет-ресурс\w*",
    re.IGNORECASE,
)
_RU_GROUNDS = re.compile(
    r"(?:по\s+основаниям|в\s+случаях|при\s+наличии\s+оснований|по\s+причинам)\s*,?\s*"
    r"(?:указанн|предусмотренн|установленн|перечисленн)\w*\s+(?:в\s+|пунктом|частью|статьей|"
    r"подпункт|настоящ)"
    r"|(?:основани\w*|случа\w*)\s+(?:для\s+\w+\s+)?(?:являются|является)\s*:"
    r"|в\s+следующих\s+случаях|по\s+следующим\s+основаниям",
    re.IGNORECASE,
)
_RU_REFUSAL = re.compile(
    r"отказыва\w+|отказать|решени\w+\s+об\s+отказе|отказ\s+в\s+|бас\s+тарт\w*", re.IGNORECASE
)
_RU_REFUSAL_GROUNDS = re.compile(
    r"основани\w+\s+(?:для\s+)?(?:отказ|возврат)|отказ\w*\s+(?:\w+\s+){0,3}?(?:в\s+случа|по\s+"
    r"основани)|бас\s+тарту\s+үшін\s+негіз",
    re.IGNORECASE,
)
_RU_LAW_REFERENCE = re.compile(
    r"(?:настоящ\w+|федеральн\w+|конституционн\w+|указанн\w+)\s+(?:закон\w*|кодекс\w*|стать\w*)"
    r"|законодательств\w*|закон\w*\s+(?:Российской|Республики|субъект)|кодекс\w*\s+Р"
    r"|(?:стать|пункт|част|подпункт)\w*\s+\d+(?![^.;]{0,40}(?:правил|утверждаем|приказ))"
    r"|заңнама\w*|осы\s+(?:Заң|Кодекс)\w*",
    re.IGNORECASE,
)
_RU_NEGATION = re.compile(
    r"не\s+допуска\w*|запреща\w*|не\s+вправе|не\s+может|не\s+могут|не\s+подлеж\w*|не\s+требуется"
    r"|жол\s+берілмейді|тыйым",
    re.IGNORECASE,
)

_EN_BODY = re.compile(
    r"\b(?:(?:the\s+)?(?:Secretary\s+of\s+State|Minister|Ministry|Department|authority|"
    r"Authority|Agency|agency|Commission|commission|Board|board|committee|Committee|officer|"
    r"official|inspector|Inspector|Commissioner|council|Council|regulator|Regulator|"
    r"Administrator|Director|Government|registrar|Registrar|licensing\s+authority|"
    r"competent\s+authority|contracting\s+authority|[A-Z][a-z]+\s+Authority|Secretary))\b"
)
_EN_PERSON = re.compile(
    r"\b(?:applicant|person|persons|citizen|individual|individuals|everyone|any\s+person|"
    r"holder|licensee|tenant|owner|elector|voter|candidate|employee|worker|claimant|"
    r"appellant|tenderer|bidder|supplier|party|parties|company|undertaking|court|tribunal)s?\b",
    re.IGNORECASE,
)
_EN_DEADLINE = re.compile(
    r"\bwithin\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:working\s+|calendar\s+|business\s+)?"
    r"(?:days?|weeks?|months?|hours?|years?)\b|\bnot\s+later\s+than\b|\bbefore\s+the\s+end\s+of\b"
    r"|\bno\s+later\s+than\b|\bby\s+\d|\bperiod\s+of\s+\d+",
    re.IGNORECASE,
)
_EN_APPEAL = re.compile(r"\bappeal\w*|\breview\w*|\btribunal\b|\bcourt\b", re.IGNORECASE)
_EN_PUBLICATION = re.compile(
    r"\bpublish\w*|\bpublic(?:ly)?\s+(?:available|register|notice)|\bwebsite\b|\bgazette\b",
    re.IGNORECASE,
)
_EN_GROUNDS = re.compile(
    r"\b(?:on\s+(?:the|any\s+of\s+the)\s+grounds?|in\s+the\s+cases?|where\s+any\s+of\s+the\s+"
    r"following|if\s+any\s+of\s+the\s+following)\b.{0,40}?\b(?:set\s+out|specified|listed|"
    r"mentioned|referred\s+to|following)\b|\bonlyi?\s+(?:if|where)\b",
    re.IGNORECASE,
)
_EN_REFUSAL = re.compile(r"\brefuse\w*|\brefusal\b|\breject\w*", re.IGNORECASE)
_EN_REFUSAL_GROUNDS = re.compile(
    r"\bgrounds?\s+for\s+(?:refus|reject)|\bmay\s+(?:only\s+)?refuse\s+\w+\s+(?:if|where)\b"
    r"|\bmust\s+(?:not\s+)?refuse\b.{0,60}\b(?:if|unless|where)\b",
    re.IGNORECASE,
)
_EN_LAW_REFERENCE = re.compile(
    r"\b(?:this|that|the\s+\d{4})\s+(?:Act|Regulation|Regulations|Directive|Order|Part|"
    r"section|Schedule)\b|\benactment\b|\bAct\s+\d{4}\b",
    re.IGNORECASE,
)
_EN_NEGATION = re.compile(
    r"\b(?:shall|must|may)\s+not\b|\bcannot\b|\bprohibited\b|\bno\s+\w+\s+(?:shall|may)\b",
    re.IGNORECASE,
)

LEXICONS: dict[str, Lexicon] = {
    "ru": Lexicon(
        _RU_BODY,
        _RU_PERSON,
        _RU_DEADLINE,
        _RU_APPEAL,
        _RU_PUBLICATION,
        _RU_GROUNDS,
        _RU_REFUSAL,
        _RU_REFUSAL_GROUNDS,
        _RU_LAW_REFERENCE,
        _RU_NEGATION,
    ),
    "en": Lexicon(
        _EN_BODY,
        _EN_PERSON,
        _EN_DEADLINE,
        _EN_APPEAL,
        _EN_PUBLICATION,
        _EN_GROUNDS,
        _EN_REFUSAL,
        _EN_REFUSAL_GROUNDS,
        _EN_LAW_REFERENCE,
        _EN_NEGATION,
    ),
}
LEXICONS["kk"] = LEXICONS["ru"]
"""Kazakh acts share the Russian patterns, which carry the Kazakh stems too: drafts of
Kazakhstan mix the two languages in names and quotations."""
