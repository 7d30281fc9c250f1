"""The act parser on the real acts in ../shared/data/legal and on small by-law snippets.

Expected counts were taken independently with grep on the files (78 "Статья N." lines, 295
"N." parts and 282 "N)" items in the Water Code; 142 "Статья N" lines in the Constitution).
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adaldyq.engines.legal_drafts import parse_act
from adaldyq.errors import InputError
from adaldyq.model.legal import Act, UnitKind
from tests.conftest import SHARED_DATA

LEGAL = SHARED_DATA / "legal"
WATER_CODE = LEGAL / "ru_water_code_2006_pravo_102107048.txt"
CONSTITUTION = LEGAL / "ru_constitution_pravo_102027595.txt"
UK_SI = LEGAL / "en_uksi_2023_115_elections_commencement7.txt"

KZ_BYLAW = """ПОСТАНОВЛЯЕТ:
1. Утвердить прилагаемые Правила выдачи разрешений.
2. Настоящее постановление вводится в действие по истечении десяти календарных дней.
Премьер-Министр Республики Казахстан А. Смаилов
Приложение 1 к постановлению Правительства Республики Казахстан
Правила выдачи разрешений
Глава 1. Общие положения
1. Настоящие Правила определяют порядок выдачи разрешений.
Сноска. Пункт 1 с изменением, внесенным постановлением Правительства РК от 01.02.2023 № 5.
2. В настоящих Правилах используются следующие основные понятия:
1) заявитель - физическое или юридическое лицо, обратившееся за разрешением;
1-1) «уполномоченный орган» - центральный исполнительный орган;
Глава 2. Порядок выдачи
15. Разрешение выдается в течение пяти рабочих дней.
15.1 Основания для отказа:
а) представление недостоверных сведений;
б) несоответствие требованиям.
Отказ может быть обжалован в суде.
"""

RU_LAW = """Федеральный закон О водоснабжении
Статья 6. Полномочия органов
1. Органы местного самоуправления (далее - ОМСУ) вправе:
1) утверждать схемы водоснабжения;
Статья 6-1. Полномочия субъектов
Полномочия осуществляются в порядке, установленном Правительством.
"""

KK_LAW = """Қазақстан Республикасының Заңы Су туралы
1-тарау. Жалпы ережелер
1-бап. Осы Заңда пайдаланылатын негізгі ұғымдар
1) су объектісі – судың тұрақты немесе уақытша шоғырлануы;
2) су пайдаланушы – су пайдалану құқығы бар жеке немесе заңды тұлға;
2-бап. Қазақстан Республикасының су заңнамасы
1. Қазақстан Республикасының су заңнамасы осы Кодекске негізделеді және өзге де актілерден тұрады.
"""


@pytest.fixture(scope="module")
def water_text() -> str:
    return WATER_CODE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def water(water_text: str) -> Act:
    return parse_act(water_text)


def _grep(path: Path, pattern: str) -> int:
    return sum(
        bool(re.match(pattern, line)) for line in path.read_text(encoding="utf-8").splitlines()
    )


def test_water_code_counts_match_grep(water: Act) -> None:
    assert water.language == "ru"
    assert water.title == "Водный кодекс Российской Федерации"
    assert len(water.of_kind(UnitKind.ARTICLE)) == _grep(WATER_CODE, r"Статья \d") == 78
    assert len(water.of_kind(UnitKind.POINT)) == _grep(WATER_CODE, r"\d+\.\s") == 295
    assert len(water.of_kind(UnitKind.SUBPOINT)) == _grep(WATER_CODE, r"\d+\)\s") == 282
    assert len(water.of_kind(UnitKind.CHAPTER)) == 7
    assert len(water.notes) == _grep(WATER_CODE, r"\(.*(редакци|утратил|Дополн|Наименовани)") == 30


def test_water_code_article_16_points_and_offsets(water: Act, water_text: str) -> None:
    article = water.unit("art_16")
    assert article.locator == "ст. 16"
    assert article.heading.startswith("Случаи и порядок заключения договора водопользования")
    assert water_text[article.start :].startswith("Статья 16. Случаи")
    points = water.children("art_16")
    assert [p.number for p in points] == ["1", "2", "3", "4", "5", "6", "7"]
    second = water.unit("art_16__para_2")
    assert second.locator == "ст. 16 п. 2"
    assert water_text[second.start : second.end] == second.text
    assert second.text.startswith("2. Договор водопользования заключается без проведения аукциона")
    assert "(Статья в редакции" not in water.unit("art_16__para_7").text


def test_water_code_subpoint_locator(water: Act, water_text: str) -> None:
    sub = water.unit("art_11__para_3__point_2")
    assert sub.locator == "ст. 11 п. 3 пп. 2)"
    assert water_text[sub.start : sub.end] == "2) сброса сточных вод;"
    assert sub.parent_id == "art_11__para_3"
    assert sub.depth == 3  # chapter, article, point, subpoint


def test_water_code_definitions_article(water: Act) -> None:
    assert "art_1" in water.definition_unit_ids
    assert water.is_defined("акватория")
    assert water.is_defined("водопользование")
    assert water.is_defined("использование водных объектов")
    term = next(t for t in water.defined_terms if t.term == "водный объект")
    assert term.unit_id == "art_1__point_4"
    assert water.unit("art_1__point_7").repealed
    assert not water.unit("art_1__point_8").repealed


def test_constitution_articles_without_dots_and_headings_on_next_line() -> None:
    act = parse_act(CONSTITUTION.read_text(encoding="utf-8"))
    assert act.title == "КОНСТИТУЦИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ"
    assert len(act.of_kind(UnitKind.ARTICLE)) == _grep(CONSTITUTION, r"Статья \d") == 142
    chapter = act.unit("sec_первый__chp_1")
    assert chapter.heading == "ОСНОВЫ КОНСТИТУЦИОННОГО СТРОЯ"
    assert [u.number for u in act.of_kind(UnitKind.SECTION)] == ["ПЕРВЫЙ", "ВТОРОЙ"]
    assert act.unit("art_2__abz_1").text.startswith("Человек, его права и свободы")
    assert act.unit("preamble").text.startswith("Мы, многонациональный народ")
    transitional = act.unit("para_1")
    assert transitional.locator == "п. 1"
    assert act.unit("para_1__abz_2").text.startswith("День всенародного голосования")
    assert not act.defined_terms


def test_uk_statutory_instrument() -> None:
    text = UK_SI.read_text(encoding="utf-8")
    act = parse_act(text)
    assert act.language == "en"
    assert act.title == "The Elections Act 2022 (Commencement No. 7) Regulations 2023"
    regulation = act.unit("art_2")
    assert regulation.locator == "regulation 2"
    assert regulation.heading == "Provisions coming into force on 6th February 2023"
    assert act.unit("art_1").heading == "Citation"
    item = act.unit("art_2__point_c__item_iii")
    assert item.locator == "regulation 2(c)(iii)"
    assert text[item.start :].startswith("(iii) paragraph 14")
    assert [u.number for u in act.children("art_2__point_c")] == ["i", "ii", "iii", "iv"]
    assert act.of_kind(UnitKind.SIGNATURE)[0].text.startswith("Signed by authority")
    assert "Department for Levelling Up" not in regulation.text
    assert act.is_defined("the Act")


def test_kazakhstan_bylaw_with_annex_and_inserted_units() -> None:
    act = parse_act(KZ_BYLAW)
    assert act.language == "ru"
    assert act.unit("para_1").locator == "п. 1"
    annex = act.unit("annex_1")
    assert annex.heading == "Правила выдачи разрешений"
    assert act.unit("annex_1__chp_1").locator == "прил. 1 гл. 1"
    inserted = act.unit("annex_1__para_2__point_1-1")
    assert inserted.locator == "прил. 1 п. 2 пп. 1-1)"
    assert act.unit("annex_1__para_15.1").text.startswith("15.1 Основания")
    letter = act.unit("annex_1__para_15.1__item_б")
    assert letter.locator == "прил. 1 п. 15.1 пп. б)"
    appeal = act.unit("annex_1__para_15.1__abz_2")
    assert appeal.text == "Отказ может быть обжалован в суде."
    assert [n.text[:7] for n in act.notes] == ["Сноска."]
    assert "Сноска." in act.unit("annex_1").text
    assert "Сноска." not in act.unit("annex_1__para_1").text
    assert act.is_defined("заявитель")
    assert act.is_defined("уполномоченный орган")
    assert len(act.of_kind(UnitKind.SIGNATURE)) == 1


def test_russian_inserted_article_and_passing_definition() -> None:
    act = parse_act(RU_LAW)
    inserted = act.unit("art_6-1")
    assert inserted.locator == "ст. 6-1"
    assert inserted.heading == "Полномочия субъектов"
    assert RU_LAW[inserted.start :].startswith("Статья 6-1.")
    assert act.unit("art_6__para_1__point_1").locator == "ст. 6 п. 1 пп. 1)"
    assert act.is_defined("ОМСУ")


def test_kazakh_language_act() -> None:
    act = parse_act(KK_LAW)
    assert act.language == "kk"
    assert act.unit("art_1").locator == "1-бап"
    assert act.unit("art_2__para_1").locator == "2-бап 1-тармақ"
    assert act.unit("art_1__point_2").locator == "1-бап 2) тармақша"
    assert act.unit("chp_1").heading == "Жалпы ережелер"
    assert "art_1" in act.definition_unit_ids
    assert act.is_defined("су объектісі")


def test_single_numbered_provision() -> None:
    text = "2. Договор водопользования заключается без проведения аукциона в случае ...\n"
    act = parse_act(text)
    assert [(u.kind, u.locator, u.start, u.end) for u in act.units] == [
        (UnitKind.POINT, "п. 2", 0, len(text) - 1)
    ]


def test_single_bare_provision_with_list() -> None:
    text = "  Разрешение выдается по решению комиссии:\n1) при наличии заключения;\n"
    act = parse_act(text)
    provision, sub = act.units
    assert (provision.kind, provision.locator, provision.start) == (
        UnitKind.PROVISION,
        "положение",
        2,
    )
    assert provision.end == len(text) - 1
    assert (sub.locator, sub.parent_id) == ("положение пп. 1)", "provision")
    assert act.title == ""


def test_single_english_sentence() -> None:
    act = parse_act("The Minister may grant an exemption where he considers it appropriate.")
    assert [(u.kind, u.locator) for u in act.units] == [(UnitKind.PROVISION, "provision")]
    assert act.language == "en"


def test_language_override_and_bad_input() -> None:
    assert parse_act(RU_LAW, language="KK").language == "kk"
    with pytest.raises(InputError, match="unsupported language 'de'"):
        parse_act(RU_LAW, language="de")
    with pytest.raises(InputError, match="empty"):
        parse_act(" \n\t")
    with pytest.raises(InputError, match="no Latin or Cyrillic"):
        parse_act("١٢٣ ٤٥٦")


def test_a_sentence_starting_with_prilozhenie_is_a_norm_not_an_annex() -> None:
    act = parse_act(
        "Статья 24. Разрешение\n1. Разрешение выдается заявителю.\n"
        "Приложение к разрешению является неотъемлемой частью разрешения.\n"
        "2. Срок действия не ограничен.\nПрезидент Республики Казахстан Н. НАЗАРБАЕВ"
    )
    assert [u.locator for u in act.units] == [
        "ст. 24",
        "ст. 24 п. 1",
        "ст. 24 п. 1 абз. 2",
        "ст. 24 п. 2",
        "подпись",
    ]
    assert act.units[-1].kind is UnitKind.SIGNATURE


def test_rcpi_note_is_set_aside_and_a_reglament_title_is_read() -> None:
    act = parse_act(
        "АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ предоставления государственной услуги\n"
        "Примечание РЦПИ!\nПорядок введения в действие см. п. 3.\n"
        "1. Настоящий регламент устанавливает порядок."
    )
    assert act.title.startswith("АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ")
    assert [n.text for n in act.notes] == [
        "Примечание РЦПИ!",
        "Порядок введения в действие см. п. 3.",
    ]
    assert [u.locator for u in act.units] == ["п. 1"]


def test_points_inserted_in_a_russian_government_act_keep_their_number() -> None:
    act = parse_act(
        "Правила регистрации\n7. Регистрация осуществляется органом.\n"
        "7(1). Заявление подается в электронной форме.\n8. Срок 10 дней."
    )
    assert [(u.id, u.locator) for u in act.units] == [
        ("para_7", "п. 7"),
        ("para_7-1", "п. 7(1)"),
        ("para_8", "п. 8"),
    ]
