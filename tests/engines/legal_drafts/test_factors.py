"""The factor checks F01-F17: each taxonomy example raises its factor, and the look-alikes that
the methodology says are not factors (a citizen's "вправе", a prohibition of non-competitive
allocation, "as the authority may require") raise nothing.

Examples are the taxonomy's own (LEGAL_FACTORS.md "example" column) or built from its marker and
definition columns; the done-when checks run on the real Water Code and Constitution.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adaldyq.engines import legal_drafts
from adaldyq.engines.legal_drafts import FACTORS, check_text
from adaldyq.engines.legal_drafts.explain import explain
from adaldyq.model.legal import FactorFinding
from tests.conftest import SHARED_DATA

LEGAL = SHARED_DATA / "legal"
WATER_CODE = LEGAL / "ru_water_code_2006_pravo_102107048.txt"
CONSTITUTION = LEGAL / "ru_constitution_pravo_102027595.txt"

POSITIVE = [
    ("F01", "Решение о выдаче разрешения принимается уполномоченным органом в разумный срок."),
    ("F02", "Уполномоченный орган вправе провести внеплановую проверку."),
    (
        "F01",
        "Водопользователь с согласия уполномоченного органа вправе передать права по договору.",
    ),
    (
        "F07",
        "Уполномоченный орган в течение 10 рабочих дней выдает разрешение либо отказывает в его "
        "выдаче.",
    ),
    ("F16", "Ставки платы за пользование участками устанавливаются уполномоченным органом."),
    ("F03", "В исключительных случаях по решению руководителя срок может быть продлён."),
    ("F04", "Размер платы определяется уполномоченным органом."),
    ("F05", "ПРИКАЗЫВАЮ:\n1. За выдачу согласования взимается плата в размере 5 МРП."),
    ("F06", "ПРИКАЗЫВАЮ:\n1. Основаниями для отказа в выдаче справки являются:\n1) неполнота."),
    ("F07", "Комиссия рассматривает заявку и принимает решение."),
    ("F08", "Договор водопользования заключается без проведения аукциона."),
    (
        "F09",
        "1. Уполномоченный орган рассматривает заявление в течение 10 рабочих дней.\n"
        "2. Уполномоченный орган рассматривает заявление в течение 30 рабочих дней.",
    ),
    (
        "F10",
        "К заявлению прилагаются паспорт и иные документы по требованию уполномоченного органа.",
    ),
    ("F11", "Заявление может быть возвращено заявителю."),
    ("F12", "Срок восстанавливается при наличии уважительных причин."),
    ("F13", "Решение комиссии является окончательным."),
    ("F14", "Состав комиссии определяется руководителем уполномоченного органа."),
    ("F15", "Решение комиссии не подлежит опубликованию."),
    ("F16", "Нарушение правил влечет штраф до 500 МРП."),
    ("F17", "Оператором является организация, определяемая уполномоченным органом."),
    ("F01", "The authority shall determine the application within a reasonable time."),
    ("F02", "The licensing authority may suspend the licence."),
    ("F04", "Applications shall be made in such manner as the Secretary of State may determine."),
    ("F08", "The contract may be awarded without a competitive tender."),
    (
        "F10",
        "The application must be accompanied by such other documents as the authority may require.",
    ),
    ("F12", "The authority may extend the period for good cause."),
    (
        "F01",
        "Notice must be published in any way that the Secretary of State considers appropriate.",
    ),
    ("F01", "The approval may be granted subject to certain conditions."),
    ("F16", "The application must be accompanied by any fee prescribed by regulations."),
    ("F04", "The application must be accompanied by any fee prescribed by regulations."),
    ("F16", "The owner is liable for all reasonable expenses incurred by the municipality."),
    ("F03", "The procedure must include a hearing, except in urgent cases."),
    ("F13", "The decision of the Board shall be final and conclusive."),
    ("F16", "The regulator may impose a penalty not exceeding £10,000."),
    ("F02", "Уәкілетті орган жоспардан тыс тексеру жүргізуге құқылы."),
    ("F13", "Комиссияның шешімі шағымдануға жатпайды."),
    ("F13", "Результаты конкурса являются окончательными и обжалованию не подлежат."),
    ("F02", "Where the applicant so requests, the authority may extend the period."),
    (
        "F04",
        "Плата взимается в порядке, установленном настоящим Законом и иными нормативными "
        "правовыми актами.",
    ),
    (
        "F14",
        "Состав комиссии и порядок ее работы определяются руководителем уполномоченного органа.",
    ),
    ("F17", "Оператор, определяемый уполномоченным органом, осуществляет сбор платы."),
    ("F08", "Шарт конкурс өткізбей жасалады."),
]

NEGATIVE = [
    "Комиссия может включать представителей общественности.",
    "The committee may include representatives of the public.",
    "Сотта шешімі шағымдануға жатпайды.",
    "Documents may be returned to the applicant at his request.",
    "Должностные лица органа контроля не вправе:\n1) требовать представления документов;\n"
    "2) превышать установленные сроки проверки.",
    "Уплаченная пошлина подлежит возврату заявителю по его заявлению.",
    "Нарушение правил влечет штраф от 10 до 50 МРП.",
    "Выплата в размере от 1 до 100 процентов.",
    "Суд назначает штраф до 500 МРП.",
    "Проверка может проводиться только тем должностным лицом, которое указано в акте.",
    "Should the risks that could reasonably be expected arise, the holder must report them.",
    "The notice must be in the prescribed form.",
    "Комиссия может состоять из пяти членов.",
    "The Board may consist of five members.",
    "Суд по своему усмотрению определяет размер компенсации.",
    "Решение суда является окончательным.",
    "Решение комиссии является окончательным и может быть обжаловано в суд.",
    "Сведения, составляющие государственную тайну, не подлежат опубликованию.",
    "Документы возвращаются заявителю после рассмотрения.",
    "Заявитель вправе представить иные документы по собственной инициативе.",
    "Земельный участок предоставляется по решению акимата на основании результатов аукциона.",
    "В исключительных случаях, установленных статьей 5, срок продлевается.",
    "Уполномоченный орган отказывает в выдаче разрешения при неполноте документов.",
    "The Secretary of State may by regulations make provision about—\n(a) the form of the "
    "register;\n(b) the colour of the certificate.",
    "Каждый гражданин вправе иметь доступ к водным объектам общего пользования.",
    "Предоставление земельных участков без проведения торгов не допускается.",
    "Уполномоченный орган не вправе требовать от заявителя иные документы.",
    "Заявитель при необходимости представляет копию договора.",
    "Решение об отказе может быть обжаловано заявителем в судебном порядке.",
    "Any person may appeal to the tribunal against the decision.",
    "A person who contravenes this regulation is liable on summary conviction to a fine not "
    "exceeding level 5 on the standard scale.",
    "It is a defence for a person charged with an offence to prove that they had a reasonable "
    "excuse.",
    "These Regulations may be cited as the Water Permits Regulations 2024.",
    "Права и свободы человека могут быть ограничены федеральным законом только в той мере, "
    "в какой это необходимо.",
]


@pytest.mark.parametrize(("factor", "text"), POSITIVE)
def test_taxonomy_example_raises_its_factor(factor: str, text: str) -> None:
    findings = check_text(text).findings
    raised = [f for f in findings if f.factor == factor]
    assert raised, [(f.factor, f.text) for f in findings]
    finding = raised[0]
    assert text[finding.start : finding.end] == finding.text
    assert finding.explanation and finding.recommendation
    assert finding.advisory is FACTORS[factor].advisory


@pytest.mark.parametrize("text", NEGATIVE)
def test_look_alike_raises_nothing(text: str) -> None:
    assert [(f.factor, f.text) for f in check_text(text).findings] == []


def test_a_unit_opening_with_za_isklyucheniem_is_not_taken_for_repealed() -> None:
    text = (
        "Статья 5. Проверки\n1. За исключением случаев, указанных в пункте 2, уполномоченный "
        "орган вправе провести внеплановую проверку."
    )
    assert [f.factor for f in check_text(text).findings] == ["F02"]


def test_yo_and_ye_spellings_are_judged_alike() -> None:
    with_ye = [f.factor for f in check_text("Срок может быть продлен.").findings]
    with_yo = check_text("Срок может быть продлён.").findings
    assert with_ye == [f.factor for f in with_yo] == ["F02"]
    assert with_yo[0].text == "может"


def test_an_incomplete_procedure_is_reported_once_per_article() -> None:
    text = (
        "Статья 7. Выдача разрешений\n1. Уполномоченный орган рассматривает заявление о выдаче "
        "разрешения.\n2. Уполномоченный орган выдает разрешение по заявлению.\n"
        "3. Уполномоченный орган регистрирует заявление."
    )
    assert [f.locator for f in check_text(text).findings if f.factor == "F07"] == ["ст. 7 п. 1"]


def test_consent_names_the_body_not_the_sentence() -> None:
    text = "С согласия уполномоченного органа водопользователь вправе передать право."
    (finding,) = [f for f in check_text(text).findings if f.factor == "F01"]
    assert finding.text == "С согласия уполномоченного органа"
    assert finding.evidence["subject"] == "уполномоченного органа"


def test_one_closure_is_one_f13_finding() -> None:
    text = "Заключение экспертизы является окончательным и обжалованию не подлежит."
    assert [f.rule for f in check_text(text).findings] == ["F13.final_decision"]


def test_recommendation_uses_the_provision_words() -> None:
    findings = check_text("Уполномоченный орган вправе отказать в выдаче лицензии.").findings
    assert {f.rule for f in findings} == {"F02.optional_power", "F01.refusal_without_grounds"}
    (finding,) = [f for f in findings if f.factor == "F02"]
    assert finding.evidence["subject"] == "Уполномоченный орган"
    assert "Уполномоченный орган" in finding.explanation
    assert "«вправе»" in finding.recommendation


def test_list_items_under_a_body_power_are_each_flagged() -> None:
    text = (
        "1. Уполномоченный орган вправе:\n1) приостановить действие разрешения;\n"
        "2) запросить сведения у заявителя."
    )
    by_locator = {f.locator: f for f in check_text(text).findings if f.factor == "F02"}
    assert set(by_locator) == {"п. 1 пп. 1)", "п. 1 пп. 2)"}  # the intro states no power itself
    assert by_locator["п. 1 пп. 1)"].text == "приостановить действие разрешения"


def test_incomplete_procedure_lists_what_is_missing() -> None:
    (finding,) = [
        f
        for f in check_text("Комиссия рассматривает заявку и принимает решение.").findings
        if f.factor == "F07"
    ]
    assert finding.evidence["missing"] == [
        "term",
        "result form",
        "refusal grounds",
        "notification",
        "appeal",
    ]
    complete = (
        "1. Комиссия рассматривает заявку в течение 10 рабочих дней и принимает решение в "
        "письменной форме.\n2. Основаниями для отказа являются: неполнота документов.\n"
        "3. Заявитель уведомляется о решении, которое может быть обжаловано в суд."
    )
    assert not [f for f in check_text(complete).findings if f.factor == "F07"]


def test_a_term_defined_in_passing_is_not_uncertain_but_its_neighbours_are() -> None:
    text = (
        "1. Проверка на значительном отдалении проводится без уведомления.\n"
        "Значительным отдалением считается расстояние свыше ста километров.\n"
        "2. Срок проверки может быть продлен в связи со значительным объемом проверки."
    )
    f12 = [f.locator for f in check_text(text).findings if f.factor == "F12"]
    assert f12 == ["п. 2"]


def test_defined_term_is_not_uncertain() -> None:
    text = (
        "Статья 1. Основные понятия\n1) существенное нарушение - нарушение, повлекшее вред.\n"
        "Статья 2. Отзыв\nЛицензия отзывается при существенном нарушении."
    )
    assert not [f for f in check_text(text).findings if f.factor == "F12"]
    undefined = "Лицензия отзывается при существенном нарушении."
    assert [f.text for f in check_text(undefined).findings] == ["существенном"]


def _water_code() -> tuple[str, tuple[FactorFinding, ...]]:
    text = WATER_CODE.read_text(encoding="utf-8")
    return text, check_text(text).findings


def test_water_code_auction_exemptions_are_f08() -> None:
    text, findings = _water_code()
    f08 = {f.locator for f in findings if f.factor == "F08"}
    assert {"ст. 16 п. 2", "ст. 47 п. 3", "ст. 49 п. 2", "ст. 50 п. 2"} <= f08
    assert text.count("без проведения аукциона") == len(f08) + 1  # + the heading of art. 16


def test_water_code_citizen_rights_are_not_f02() -> None:
    _, findings = _water_code()
    f02 = {f.locator for f in findings if f.factor == "F02"}
    assert "ст. 6 п. 2" not in f02  # "Каждый гражданин вправе иметь доступ к водным объектам"
    assert "ст. 6 п. 8" not in f02
    assert all(f.evidence.get("subject") != "гражданин" for f in findings)


def test_constitution_rights_raise_no_power_factor() -> None:
    findings = check_text(CONSTITUTION.read_text(encoding="utf-8")).findings
    assert not [f for f in findings if f.factor in ("F01", "F02", "F07")]


RUSSIAN_ONLY_RULES = frozenset(
    {
        "F04.consent_of_body",
        "F09.conflicting_terms",
        "F09.duplicate_definition",
        "F14.paid_services",
        "F14.rule_and_control",
        "F15.unpublished_allocation",
        "F16.fee_by_body",
        "F16.wide_range",
    }
)
"""Checks with patterns for Russian and Kazakh acts only: English text never needs their words."""


def test_every_rule_the_checks_can_raise_has_its_wording() -> None:
    package = Path(legal_drafts.__file__).parent
    rules = {
        rule
        for module in package.glob("factors_*.py")
        for rule in re.findall(r'"(F\d\d\.[a-z_]+)"', module.read_text(encoding="utf-8"))
    }
    assert len(rules) > len(FACTORS)
    for rule in sorted(rules):
        for language in ("ru", "kk") if rule in RUSSIAN_ONLY_RULES else ("ru", "kk", "en"):
            explanation, recommendation = explain(rule, language, {"trigger": "X"})
            assert explanation and recommendation, (rule, language)


def test_items_after_an_unnumbered_intro_read_the_intro() -> None:
    text = (
        "Статья 5. Проверки\n1. Проверки проводятся по графику.\nУполномоченный орган вправе:\n"
        "1) приостановить действие разрешения;\n2) запросить сведения."
    )
    f02 = [f.locator for f in check_text(text).findings if f.factor == "F02"]
    assert f02 == ["ст. 5 п. 1 пп. 1)", "ст. 5 п. 1 пп. 2)"]
