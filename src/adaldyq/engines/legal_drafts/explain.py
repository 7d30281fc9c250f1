"""The words of a finding: why the provision carries the factor, and how to rewrite it.

Templates follow the taxonomy's "recommended fix" column and are filled with the provision's own
words (the trigger, the body that holds the power, the safeguards that are missing), so a
drafter reads about their text, not about factors in general. Kazakh acts get the Russian
wording: the expert conclusions of Kazakhstan are written in both languages, and Kazakh
templates need a native speaker's review first.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import string
from collections.abc import Mapping

_RU: dict[str, tuple[str, str]] = {
    "F01.discretion_marker": (
        "Формулировка «{trigger}» оставляет срок или условия действия на усмотрение "
        "({subject_or_body}): норма не говорит, когда и при каких условиях решение должно быть "
        "принято.",
        "Заменить «{trigger}» точным сроком (например, «в течение 10 рабочих дней со дня "
        "регистрации заявления») и исчерпывающим перечнем условий.",
    ),
    "F01.decision_without_term": (
        "{subject_cap} принимает решение («{trigger}»), но ни в этой норме, ни в статье не "
        "установлен срок его принятия.",
        "Указать срок: «{trigger} в течение … рабочих дней со дня поступления заявления», и "
        "перечислить основания решения.",
    ),
    "F01.consent_without_criteria": (
        "Действие лица поставлено в зависимость от согласия органа («{trigger}»), но ни критериев "
        "согласия, ни оснований для отказа в нём статья не называет.",
        "Установить закрытый перечень оснований для отказа в согласии, срок его дачи и "
        "последствие молчания органа (согласие считается полученным).",
    ),
    "F01.refusal_without_grounds": (
        "Орган ({subject}) может отказать («{trigger}»), но основания для отказа в статье не "
        "названы: отказать можно по любой причине.",
        "Перечислить исчерпывающие основания для отказа и обязать орган мотивировать отказ.",
    ),
    "F02.optional_power": (
        "Полномочие органа ({subject}) сформулировано как право («{trigger}»): орган может "
        "действовать, а может и не действовать, и выбор ничем не ограничен{closed_note}.",
        "Заменить «{trigger}» обязанностью («обязан …» или глагол в настоящем времени) и "
        "установить исчерпывающие основания, при которых орган действует.",
    ),
    "F02.optional_power_list": (
        "Подпункт продолжает вводную фразу «{lead}»: полномочие органа ({subject}) «{trigger}» "
        "дано по формуле «вправе», без условий его применения.",
        "Заменить «вправе» обязанностью и указать основания, при которых орган обязан «{trigger}».",
    ),
    "F03.exception_marker": (
        "«{trigger}» позволяет отступать от общего правила, не называя случаев и критериев "
        "исключения.",
        "Перечислить исключения в самом акте закрытым списком с критериями; каждое решение об "
        "исключении публиковать.",
    ),
    "F04.delegation": (
        "{essential_note} передан{delegate_note} без пределов: «{trigger}». Акт не задаёт "
        "содержания, критериев и срока принятия подзаконного акта.",
        "Установить в самом акте субъектов, основания, сроки и размеры; делегировать только с "
        "указанием пределов, критериев и срока принятия подзаконного акта.",
    ),
    "F04.delegated_item": (
        "Подпункт «{trigger}» передаёт определение существенного элемента подзаконному акту "
        "(«{lead}»), не задавая ни содержания, ни критериев.",
        "Установить этот элемент в самом акте или указать пределы и критерии делегирования.",
    ),
    "F04.consent_of_body": (
        "Согласование с органом («{trigger}») вводит ещё одно разрешение без срока, оснований "
        "отказа и последствий молчания.",
        "Установить срок согласования, закрытый перечень оснований отказа и считать согласование "
        "полученным по истечении срока.",
    ),
    "F05.bylaw_charge": (
        "Подзаконный акт сам устанавливает платёж или санкцию («{trigger}»), не ссылаясь на "
        "норму закона. Проверьте компетенцию органа (рекомендательно).",
        "Указать норму закона, на основании которой устанавливается платёж; если её нет — "
        "исключить положение или перенести его в закон.",
    ),
    "F06.bylaw_grounds": (
        "Подзаконный акт устанавливает основания («{trigger}») без ссылки на закон; проверьте, "
        "не вводит ли он основания, которых закон не предусматривает (рекомендательно).",
        "Привести основания в точное соответствие с законом со ссылкой на его норму или внести "
        "изменения в закон.",
    ),
    "F07.incomplete_procedure": (
        "Процедура «{trigger}» ({subject}) в статье не содержит: {missing}.",
        "Дополнить процедуру: {missing}.",
    ),
    "F08.non_competitive": (
        "«{trigger}»: право или ресурс предоставляется без конкурентной процедуры, по решению "
        "органа.",
        "Предусмотреть конкурентную процедуру (аукцион, конкурс) либо закрытый перечень "
        "объективных исключений с обязательной публикацией каждого решения.",
    ),
    "F09.conflicting_terms": (
        "Для одного действия акт устанавливает разные сроки ({terms}): можно выбрать удобную "
        "норму.",
        "Установить единый срок и исключить противоречащие нормы.",
    ),
    "F09.duplicate_definition": (
        "Термин «{trigger}» определён в акте повторно (впервые — {first_defined_in}): разные "
        "определения позволяют выбирать толкование.",
        "Оставить одно определение в статье об основных понятиях.",
    ),
    "F10.open_requirement": (
        "Требование «{trigger}» открыто: заявитель не знает заранее, что представить, а орган "
        "может требовать что угодно.",
        "Заменить закрытым перечнем документов; сведения, которые есть у государственных "
        "органов, получать самостоятельно (принцип однократности).",
    ),
    "F10.burden": (
        "Требование «{trigger}» обременяет заявителя расходами; проверьте, необходимо ли оно.",
        "Отказаться от нотариального удостоверения или ограничить его случаями, где подлинность "
        "нельзя проверить иначе.",
    ),
    "F11.return_without_grounds": (
        "«{trigger}»: заявление может быть возвращено или отклонено без закрытого перечня "
        "оснований, срока и последствий для органа.",
        "Установить исчерпывающий перечень оснований, срок и обязанность мотивировать решение; "
        "определить последствие бездействия органа.",
    ),
    "F12.evaluative_term": (
        "Оценочное понятие «{trigger}» не определено в акте: его содержание определит тот, кто "
        "применяет норму.",
        "Определить понятие в статье об основных понятиях или заменить измеримым критерием.",
    ),
    "F12.open_enumeration": (
        "Перечень оставлен открытым («{trigger}»): его можно расширять по усмотрению.",
        "Сделать перечень исчерпывающим.",
    ),
    "F13.final_decision": (
        "«{trigger}»: решение выведено из-под обжалования и контроля.",
        "Предусмотреть порядок и сроки обжалования решения в вышестоящий орган и в суд.",
    ),
    "F13.no_appeal_in_act": (
        "Акт предусматривает отказ («{trigger}»), но нигде не говорит, как его обжаловать.",
        "Дополнить акт порядком и сроками обжалования решений органа.",
    ),
    "F14.commission_composition": (
        "Состав комиссии определяется единолично («{trigger}»), а правил об отводе при "
        "конфликте интересов и о независимых членах в статье нет.",
        "Установить требования к составу (в том числе независимых членов), правила отвода при "
        "конфликте интересов и публикацию состава.",
    ),
    "F14.rule_and_control": (
        "Один и тот же орган устанавливает правила и контролирует их исполнение («{trigger}»).",
        "Разделить нормотворческие и контрольные функции.",
    ),
    "F14.paid_services": (
        "Подведомственная организация оказывает платные услуги в сфере, которую регулирует "
        "орган («{trigger}»).",
        "Исключить платные услуги подведомственных организаций или обеспечить конкуренцию и "
        "публичные тарифы.",
    ),
    "F15.not_published": (
        "«{trigger}»: сведения о решениях закрыты от общества.",
        "Предусмотреть опубликование на интернет-ресурсе органа, кроме сведений, охраняемых "
        "законом.",
    ),
    "F15.unpublished_allocation": (
        "Решения о предоставлении или реестр получателей («{trigger}») не предусмотрено "
        "публиковать.",
        "Предусмотреть размещение решений и реестра на интернет-ресурсе органа в установленный "
        "срок.",
    ),
    "F16.sanction_range": (
        "Размер санкции или платы не определён точно («{trigger}»): его выбирает тот, кто её "
        "применяет.",
        "Установить фиксированный размер или узкие пределы с критериями выбора; размер платы — в "
        "законе.",
    ),
    "F16.fee_by_body": (
        "Размер платы устанавливает сам орган («{trigger}»): закон не задаёт ни размера, ни "
        "пределов.",
        "Установить размер платы или её предельные значения и порядок расчёта в самом акте.",
    ),
    "F16.wide_range": (
        "Пределы «{trigger}» различаются в {ratio} раз: размер выбирает тот, кто применяет норму.",
        "Сузить пределы и установить критерии выбора размера.",
    ),
    "F17.sole_operator": (
        "«{trigger}»: деятельность закреплена за одним оператором, которого определяет орган, без "
        "конкурентного отбора (рекомендательно: проверьте обоснование).",
        "Обосновать в пояснительной записке; установить открытые критерии и конкурентный отбор "
        "оператора.",
    ),
}

_EN: dict[str, tuple[str, str]] = {
    "F01.discretion_marker": (
        "'{trigger}' leaves {subject_or_body} free to choose when and on what conditions to "
        "act: the provision sets no deadline or criteria.",
        "Replace '{trigger}' with a fixed term (e.g. 'within 10 working days of receipt of the "
        "application') and an exhaustive list of conditions.",
    ),
    "F01.decision_without_term": (
        "{subject_cap} decides ('{trigger}'), but neither this provision nor its section sets a "
        "deadline for the decision.",
        "State the deadline ('{trigger} within … working days of receipt') and the grounds.",
    ),
    "F01.consent_without_criteria": (
        "A person's action depends on a body's consent ('{trigger}'), but no criteria for the "
        "consent and no grounds for refusing it are given.",
        "List the grounds for refusing consent, a time limit, and deem consent given when the "
        "body is silent.",
    ),
    "F01.refusal_without_grounds": (
        "{subject_cap} may refuse ('{trigger}'), but no grounds for refusal are given: any reason "
        "will do.",
        "List exhaustive grounds for refusal and require reasons to be given.",
    ),
    "F02.optional_power": (
        "A power of {subject} is drafted as an option ('{trigger}'): the body may act or not, "
        "and nothing limits the choice{closed_note}.",
        "Turn '{trigger}' into a duty ('must' / 'shall') that applies on exhaustively listed "
        "grounds.",
    ),
    "F02.optional_power_list": (
        "This paragraph continues '{lead}': a power of {subject} ('{trigger}') is optional, "
        "with no conditions for its use.",
        "Turn the power into a duty that applies on exhaustively listed grounds.",
    ),
    "F03.exception_marker": (
        "'{trigger}' lets the rule be set aside without naming the cases or criteria.",
        "List the exceptions in the instrument itself with criteria; publish each decision.",
    ),
    "F04.delegation": (
        "{essential_note} left to{delegate_note} without limits: '{trigger}'. The instrument "
        "sets no content, criteria or deadline for the delegated rules.",
        "Fix subjects, grounds, terms and amounts in the instrument; delegate only with scope, "
        "criteria and a deadline.",
    ),
    "F04.delegated_item": (
        "'{trigger}' is left to regulations ('{lead}') with no content or criteria in the "
        "instrument itself.",
        "Set this element in the instrument, or give the scope and criteria of the delegated "
        "rules.",
    ),
    "F05.bylaw_charge": (
        "The instrument itself imposes a charge or penalty ('{trigger}') without citing the "
        "enabling power. Check the body's competence (advisory).",
        "Cite the enabling provision; if there is none, drop the charge or move it to primary law.",
    ),
    "F06.bylaw_grounds": (
        "The instrument states its own grounds ('{trigger}') without citing the enabling Act; "
        "check that the Act provides for them (advisory).",
        "Align the grounds with the enabling Act and cite it, or amend the Act.",
    ),
    "F07.incomplete_procedure": (
        "The procedure '{trigger}' ({subject}) lacks in its section: {missing}.",
        "Complete the procedure: {missing}.",
    ),
    "F08.non_competitive": (
        "'{trigger}': a right or resource is allocated without a competitive procedure.",
        "Require a competitive procedure, or a closed list of objective exceptions with each "
        "decision published.",
    ),
    "F09.duplicate_definition": (
        "'{trigger}' is defined twice (first in {first_defined_in}): the definitions can be "
        "played against each other.",
        "Keep one definition in the interpretation provision.",
    ),
    "F10.open_requirement": (
        "The requirement '{trigger}' is open-ended: the applicant cannot know in advance what to "
        "supply, and the body may ask for anything.",
        "Replace it with a closed list; obtain information the state already holds itself "
        "(once-only principle).",
    ),
    "F11.return_without_grounds": (
        "'{trigger}': an application may be turned away without closed grounds, a term or a "
        "consequence for the body.",
        "State exhaustive grounds, a term and a duty to give reasons; define the consequence of "
        "the body's silence.",
    ),
    "F12.evaluative_term": (
        "The evaluative term '{trigger}' is not defined: whoever applies the provision decides "
        "what it means.",
        "Define the term in the interpretation provision or replace it with a measurable "
        "criterion.",
    ),
    "F12.open_enumeration": (
        "The list is left open ('{trigger}') and can be extended at will.",
        "Make the list exhaustive.",
    ),
    "F13.final_decision": (
        "'{trigger}': the decision is shielded from appeal and review.",
        "Provide an appeal route with time limits, to a higher body and to a court.",
    ),
    "F13.no_appeal_in_act": (
        "The instrument provides for refusal ('{trigger}') but nowhere says how to appeal.",
        "Add an appeal route with time limits.",
    ),
    "F14.commission_composition": (
        "The composition of the committee is left to one office-holder ('{trigger}'), with no "
        "recusal rule and no independent members.",
        "Set composition requirements (including independent members), recusal for conflicts of "
        "interest, and publication of the membership.",
    ),
    "F15.not_published": (
        "'{trigger}': decisions are withheld from the public.",
        "Require online publication, except for information protected by law.",
    ),
    "F16.sanction_range": (
        "The sanction or fee is not fixed ('{trigger}'): whoever applies it chooses the amount.",
        "Set fixed amounts or narrow ranges with criteria; set fees in primary law.",
    ),
    "F17.sole_operator": (
        "'{trigger}': the activity is reserved to one operator chosen by a body, without "
        "competition (advisory: check the justification).",
        "Justify it in the explanatory memorandum; set open criteria and a competitive selection.",
    ),
}

_MISSING = {
    "ru": {
        "term": "срок (в рабочих днях)",
        "result form": "форма результата и способ его доведения",
        "refusal grounds": "закрытый перечень оснований отказа",
        "notification": "уведомление заявителя",
        "appeal": "порядок обжалования",
    },
    "en": {
        "term": "a time limit",
        "result form": "the form of the result",
        "refusal grounds": "closed grounds for refusal",
        "notification": "notice to the applicant",
        "appeal": "an appeal route",
    },
}


def explain(rule: str, language: str, evidence: Mapping[str, object]) -> tuple[str, str]:
    """Explanation and recommended rewrite of a hit of `rule`, in the act's language.

    An English act whose rule has no English template (the Russian-only checks) cannot reach
    here, since those checks do not run on English; a missing template is a programming error.
    """
    lang = "en" if language == "en" else "ru"
    explanation, recommendation = (_EN if lang == "en" else _RU)[rule]
    values = _values(lang, evidence)
    return _fill(explanation, values), _fill(recommendation, values)


def _values(lang: str, evidence: Mapping[str, object]) -> dict[str, str]:
    values = {key: _text(value) for key, value in evidence.items()}
    subject = values.get("subject", "")
    body = "the body" if lang == "en" else "органа"
    values["subject"] = subject or ("the body" if lang == "en" else "орган")
    values["subject_or_body"] = subject or body
    values["subject_cap"] = values["subject"][:1].upper() + values["subject"][1:]
    missing = evidence.get("missing")
    if isinstance(missing, list):
        values["missing"] = ", ".join(_MISSING[lang].get(str(m), str(m)) for m in missing)
    closed = evidence.get("closed_grounds") is True
    values["closed_note"] = (
        (
            "; grounds are listed, but whether to act on them is still optional"
            if lang == "en"
            else "; основания названы, но действовать ли при их наличии — решает орган"
        )
        if closed
        else ""
    )
    essential = evidence.get("essential") is True
    if lang == "en":
        values["essential_note"] = "An essential element is" if essential else "Rule-making is"
        delegate = values.get("delegate", "")
        values["delegate_note"] = f" {delegate}" if delegate else " the executive"
    else:
        values["essential_note"] = (
            "Существенный элемент регулирования" if essential else ("Вопрос регулирования")
        )
        delegate = values.get("delegate", "")
        values["delegate_note"] = f" на усмотрение: {delegate}" if delegate else ""
    low, high = evidence.get("low"), evidence.get("high")
    if isinstance(low, int) and isinstance(high, int) and low:
        values["ratio"] = str(round(high / low))
    return values


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, values: dict[str, str]) -> str:
    return string.Formatter().vformat(template, (), _Blank(values))
