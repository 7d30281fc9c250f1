"""The factor taxonomy F01-F17 (LEGAL_FACTORS.md) as data: names, definitions and fixes.

Ids are stable: findings, tests, reports and the evaluation set use them. `advisory` marks the
factors the text of one act cannot settle (they need the competences of bodies or other acts);
they are still reported, flagged as advisory, so a drafter looks rather than rewrites.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FactorInfo:
    """One factor of the taxonomy, in the conclusion's two languages."""

    id: str
    name_ru: str
    name_en: str
    definition_ru: str
    definition_en: str
    advisory: bool

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ru

    def definition(self, language: str) -> str:
        return self.definition_en if language == "en" else self.definition_ru


FACTORS: dict[str, FactorInfo] = {
    f.id: f
    for f in (
        FactorInfo(
            "F01",
            "Широта дискреционных полномочий",
            "Broad discretion",
            "Отсутствие или неопределённость сроков, условий или оснований принятия решения.",
            "No or uncertain deadlines, conditions or grounds for a decision.",
            False,
        ),
        FactorInfo(
            "F02",
            "Определение компетенции по формуле «вправе»",
            "'May' competence formula",
            "Диспозитивное установление возможности действий органа в отношении граждан и "
            "организаций.",
            "Optional ('may') powers of a body towards citizens or organisations.",
            False,
        ),
        FactorInfo(
            "F03",
            "Выборочное изменение объёма прав",
            "Selective change of the scope of rights",
            "Возможность необоснованного установления исключений из общего порядка по "
            "усмотрению органа.",
            "Exceptions from the general rule at the body's discretion.",
            False,
        ),
        FactorInfo(
            "F04",
            "Чрезмерная свобода подзаконного нормотворчества",
            "Excessive freedom of by-law rulemaking",
            "Бланкетные и отсылочные нормы: существенные элементы регулирования переданы "
            "органу без пределов.",
            "Essential elements delegated to a lower act or body without limits.",
            False,
        ),
        FactorInfo(
            "F05",
            "Принятие акта за пределами компетенции",
            "Act adopted ultra vires",
            "Орган регулирует вопросы вне своей компетенции (плата, штрафы, обязанности "
            "граждан без нормы закона).",
            "A body regulates beyond its competence (fees, fines, duties without an enabling law).",
            True,
        ),
        FactorInfo(
            "F06",
            "Заполнение законодательных пробелов подзаконным актом",
            "Filling legislative gaps by by-laws",
            "Подзаконный акт устанавливает то, что закон ему не поручал.",
            "A by-law regulates what the law did not delegate.",
            True,
        ),
        FactorInfo(
            "F07",
            "Отсутствие или неполнота административных процедур",
            "Absent or incomplete administrative procedures",
            "Действие органа без порядка: нет срока, формы результата, оснований отказа, "
            "уведомления, обжалования.",
            "An action of a body without a procedure: no term, result form, refusal grounds, "
            "notification or appeal.",
            False,
        ),
        FactorInfo(
            "F08",
            "Отказ от конкурсных (аукционных) процедур",
            "Refusal of competitive procedures",
            "Административный (неконкурентный) порядок предоставления права, блага или ресурса.",
            "Administrative (non-competitive) allocation of a right, benefit or resource.",
            False,
        ),
        FactorInfo(
            "F09",
            "Нормативные коллизии",
            "Normative collisions",
            "Противоречия внутри акта или с другими актами, позволяющие выбирать норму.",
            "Internal or external contradictions that allow an arbitrary choice of norm.",
            False,
        ),
        FactorInfo(
            "F10",
            "Завышенные требования к лицу",
            "Excessive requirements on the person",
            "Неопределённые, трудновыполнимые и обременительные требования к гражданам и "
            "организациям.",
            "Vague, hard-to-meet, burdensome or open-ended requirements on persons.",
            False,
        ),
        FactorInfo(
            "F11",
            "Злоупотребление правом заявителя",
            "Abuse of the applicant's right",
            "Права граждан не обеспечены обязанностями, сроками и последствиями для органа.",
            "Rights of applicants lack correlated duties, terms or consequences for the body.",
            False,
        ),
        FactorInfo(
            "F12",
            "Юридико-лингвистическая неопределённость",
            "Legal-linguistic uncertainty",
            "Неустоявшиеся, двусмысленные, оценочные и неопределённые в акте термины.",
            "Unsettled, ambiguous or evaluative terms that the act does not define.",
            False,
        ),
        FactorInfo(
            "F13",
            "Отсутствие контроля, ответственности и обжалования",
            "No accountability, control or appeal",
            "Решения без ответственности, контроля или порядка обжалования.",
            "Decisions without liability, oversight or appeal.",
            False,
        ),
        FactorInfo(
            "F14",
            "Конфликт интересов и концентрация функций",
            "Conflict of interest, concentration of functions",
            "Один орган устанавливает правила, предоставляет и контролирует; комиссии без "
            "правил состава и отвода.",
            "One body sets rules, grants and controls; commissions without composition or "
            "recusal rules.",
            False,
        ),
        FactorInfo(
            "F15",
            "Отсутствие прозрачности",
            "Lack of transparency",
            "Решения, реестры и критерии не публикуются.",
            "Decisions, registers or criteria are not published.",
            False,
        ),
        FactorInfo(
            "F16",
            "Неопределённость санкций и платы",
            "Indeterminate sanctions or fees",
            "Широкие пределы санкций или размер платы, устанавливаемый органом.",
            "Wide ranges of sanctions or amounts set by the body.",
            False,
        ),
        FactorInfo(
            "F17",
            "Индивидуальная выгода, лоббирование",
            "Tailor-made benefit, lobbying",
            "Критерии под определённого получателя, монопольный оператор.",
            "Criteria that fit an identifiable beneficiary; a monopoly operator.",
            True,
        ),
    )
}
