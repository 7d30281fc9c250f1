"""NACP form labels (Ukrainian, as the 2016 e-declaration form writes them) to canonical codes.

Rules ask for `land` or `cash`, not for "Земельна ділянка" or "Готівкові кошти", so that a
declaration of any country can be screened by the same rule. The label itself is kept beside the
code (`*_raw`); a label not listed here maps to `other`, which a rule treats as unclassified.
Labels are compared after folding case, spaces and the three apostrophes NACP data mixes.
"""

# ruff: noqa: RUF001  (Ukrainian labels, as the NACP form writes them)

from __future__ import annotations

import re

OTHER = "other"

DECLARATION_TYPES = {
    "1": "annual",
    "2": "before_dismissal",
    "3": "after_dismissal",
    "4": "candidate",
}

EXTENDED_STATUSES = {"1": "unknown", "2": "not_applicable", "3": "refused"}
"""`<field>_extendedstatus`: why a field is empty (the form's "Не відомо", "Не застосовується",
"Член сім'ї не надав інформацію"); "0" or absent: the value was given."""

MASK = "конфіденційна інформація"
"""NACP publishes personal fields as "[Конфіденційна інформація]"."""

RELATIONS = {
    "дружина": "spouse",
    "чоловік": "spouse",
    "син": "child",
    "дочка": "child",
    "донька": "child",
    "мати": "parent",
    "батько": "parent",
    "особи, які спільно проживають, але не перебувають у шлюбі": "partner",
    "рідний брат": "sibling",
    "рідна сестра": "sibling",
    "брат": "sibling",
    "сестра": "sibling",
    "теща": "parent_in_law",
    "тесть": "parent_in_law",
    "свекор": "parent_in_law",
    "свекруха": "parent_in_law",
    "пасинок": "stepchild",
    "падчерка": "stepchild",
    "вітчим": "stepparent",
    "мачуха": "stepparent",
    "баба": "grandparent",
    "дід": "grandparent",
    "онук": "grandchild",
    "онука": "grandchild",
    "невістка": "child_in_law",
    "зять": "child_in_law",
    "опікун": "guardian",
    "під опікою": "ward",
}

REAL_ESTATE = {
    "земельна ділянка": "land",
    "квартира": "apartment",
    "житловий будинок": "house",
    "садовий (дачний) будинок": "summer_house",
    "гараж": "garage",
    "офіс": "office",
    "кімната": "room",
}

VALUABLES = {
    "ювелірні вироби": "jewellery",
    "твір мистецтва (картина тощо)": "art",
    "антикварний виріб": "antique",
    "одяг": "clothing",
    "персональні або домашні електронні пристрої": "electronics",
    "зброя": "weapon",
    "годинник": "watch",
}

VEHICLES = {
    "автомобіль легковий": "car",
    "автомобіль вантажний": "truck",
    "мотоцикл (мопед)": "motorcycle",
    "водний засіб": "watercraft",
    "повітряний засіб": "aircraft",
    "сільськогосподарська техніка": "agricultural",
}

SECURITIES = {
    "акції": "shares",
    "боргові цінні папери": "debt",
    "інвестиційні сертифікати": "investment_certificates",
    "іпотечні цінні папери": "mortgage",
    "похідні цінні папери (деривативи)": "derivatives",
    "приватизаційні цінні папери (ваучери тощо)": "privatisation",
    "товаророзпорядчі цінні папери": "commodity",
    "чеки": "cheques",
}
CORPORATE_RIGHT = "corporate_right"

INCOMES = {
    "заробітна плата отримана за основним місцем роботи": "salary",
    "заробітна плата отримана за сумісництвом": "salary_secondary",
    "проценти": "interest",
    "дивіденди": "dividends",
    "дохід від надання майна в оренду": "rent",
    "пенсія": "pension",
    "дохід від зайняття підприємницькою діяльністю": "business",
    "дохід від зайняття незалежною професійною діяльністю": "professional",
    "гонорари та інші виплати згідно з цивільно-правовим правочинами": "fees",
    "дохід від відчуження рухомого майна ( крім цінних паперів та корпоративних прав)": (
        "sale_movable"
    ),
    "дохід від відчуження нерухомого майна": "sale_real_estate",
    "дохід від відчуження цінних паперів та корпоративних прав": "sale_securities",
    "подарунок у грошовій формі": "gift_cash",
    "подарунок у негрошовій формі": "gift_in_kind",
    "спадщина": "inheritance",
    "приз": "prize",
    "благодійна допомога": "charity",
    "страхові виплати": "insurance",
    "роялті": "royalty",
}

MONETARY_ASSETS = {
    "готівкові кошти": "cash",
    "кошти, розміщені на банківських рахунках": "bank_account",
    "кошти, позичені третім особам": "lent_to_others",
    "активи у дорогоцінних (банківських) металах": "precious_metals",
    "внески до кредитних спілок та інших небанківських фінансових установ": "non_bank_deposit",
}

LIABILITIES = {
    "отримані кредити": "credit",
    "отримані позики": "loan",
    "кошти, позичені суб'єкту декларування або члену його сім'ї іншими особами": (
        "borrowed_from_persons"
    ),
    "зобов'язання за договорами лізингу": "leasing",
    "зобов'язання за договорами страхування": "insurance",
    "зобов'язання за договорами недержавного пенсійного забезпечення": "pension",
    "несплачені податкові зобов'язання": "unpaid_tax",
    "розмір сплачених коштів в рахунок основної суми позики (кредиту)": "principal_paid",
    "розмір сплачених коштів в рахунок процентів за позикою (кредитом)": "interest_paid",
}

EXPENDITURE_ACTIONS = {
    "придбання": "purchase",
    "оренда": "rent",
    "суб'єкт декларування набув право власності (у тому числі спільної власності), "
    "володіння чи користування": "rights_acquired",
    "право власності (у тому числі спільної власності), володіння чи користування "
    "суб'єкта декларування припинено": "rights_ended",
    "виникло фінансове зобов'язання суб'єкта декларування": "liability_arisen",
}
EXPENDITURE_KINDS = {"1": "expenditure", "2": "transaction"}

EXPENDITURE_SUBJECTS = {
    "нерухоме майно": "real_estate",
    "рухоме майно": "movable",
    "нематеріальні активи": "intangible",
}

OWNERSHIP = {
    "власність": "ownership",
    "спільна власність": "joint_ownership",
    "спільна сумісна власність": "joint_ownership",
    "спільна часткова власність": "joint_ownership",
    "інше право користування": "use",
    "оренда": "rent",
    "власником є третя особа": "third_party_owner",
}

COUNTERPARTS = {
    "юридична особа, зареєстрована в україні": "legal_entity_domestic",
    "юридична особа, зареєстрована за кордоном": "legal_entity_foreign",
    "громадянин україни": "citizen_domestic",
    "іноземний громадянин": "citizen_foreign",
}

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def fold(label: str) -> str:
    """A label as compared: lower case, one space between words, one kind of apostrophe."""
    return re.sub(r"\s+", " ", label.translate(_APOSTROPHES)).strip().lower()


def code(table: dict[str, str], label: object) -> str | None:
    """The canonical code of a label: None when empty, `other` when not listed."""
    if label is None or not str(label).strip():
        return None
    return table.get(fold(str(label)), OTHER)


def is_masked(value: object) -> bool:
    """True for a value the publisher withheld ("[Конфіденційна інформація]")."""
    return isinstance(value, str) and MASK in value.lower()
