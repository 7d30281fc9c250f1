"""Kazakh and Russian names for synthetic registers, written as a Kazakh register writes them.

Pools are large enough that two different people of 10^6 rarely share surname, given name,
patronymic and birth date, as in a real population; Kazakh names keep their Kazakh letters
(Нұрлан, Серік, Әсел) so that folding and transliteration have something to do. Surnames of
Kazakh families are made the way they are made in life: a forefather's name with -ов/-ев,
-баев or -беков. Slavic surnames have a head and a long tail as in life: the common ones
(Иванов, Ким, Шевченко) for `COMMON_RUSSIAN_SHARE` of Russian-named people, the rest made from
old given names, trades and nicknames (Афанасьев, Гончаренко, Лазарчук); with only the common
ones every Russian-named person had about ten namesakes (surname and given name) in a register
of 10^5.
"""

# ruff: noqa: RUF001  (Kazakh Cyrillic letters are the subject)

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from adaldyq.synthetic.declaration_people import feminine

KAZAKH_MALE = (
    "Нұрлан", "Ерлан", "Асхат", "Бауыржан", "Дәурен", "Марат", "Серік", "Асқар", "Ержан", "Қайрат",
    "Ғалым", "Жандос", "Айдос", "Санжар", "Нұрсұлтан", "Әлібек", "Бекзат", "Дархан", "Ербол",
    "Мұхтар", "Қасым", "Талғат", "Арман", "Ілияс", "Темірлан", "Әділ", "Болат", "Ринат", "Данияр",
    "Азамат", "Елдос", "Алмас", "Берік", "Мақсат", "Нұржан", "Олжас", "Төлеген", "Жомарт", "Кемел",
    "Мейрам", "Ғабит", "Абай", "Ақан", "Бақыт", "Ғани", "Досжан", "Жұмабек", "Қуаныш", "Мұрат",
    "Нұрбол", "Рүстем", "Сәкен", "Тұрсын", "Өмір", "Шәкен", "Есен", "Дулат", "Самат",
)  # fmt: skip
KAZAKH_FEMALE = (
    "Айгүл", "Гүлнара", "Динара", "Жанар", "Әлия", "Сәуле", "Әсел", "Мадина", "Айжан", "Ақмарал",
    "Аяжан", "Гүлмира", "Жұлдыз", "Қарлығаш", "Меруерт", "Назерке", "Салтанат", "Толқын", "Шынар",
    "Ұлжан", "Бибігүл", "Ботагөз", "Дана", "Камила", "Іңкәр", "Айнұр", "Балжан", "Ләззат",
    "Раушан", "Сымбат", "Гүлжан", "Ақерке", "Дариға", "Жазира", "Мөлдір", "Перизат",
)  # fmt: skip
RUSSIAN_MALE: dict[str, tuple[str, str]] = {
    "Иван": ("Иванович", "Ивановна"), "Сергей": ("Сергеевич", "Сергеевна"),
    "Андрей": ("Андреевич", "Андреевна"), "Дмитрий": ("Дмитриевич", "Дмитриевна"),
    "Александр": ("Александрович", "Александровна"), "Алексей": ("Алексеевич", "Алексеевна"),
    "Николай": ("Николаевич", "Николаевна"), "Владимир": ("Владимирович", "Владимировна"),
    "Михаил": ("Михайлович", "Михайловна"), "Павел": ("Павлович", "Павловна"),
    "Виктор": ("Викторович", "Викторовна"), "Юрий": ("Юрьевич", "Юрьевна"),
    "Олег": ("Олегович", "Олеговна"), "Игорь": ("Игоревич", "Игоревна"),
    "Евгений": ("Евгеньевич", "Евгеньевна"), "Петр": ("Петрович", "Петровна"),
    "Константин": ("Константинович", "Константиновна"), "Борис": ("Борисович", "Борисовна"),
    "Геннадий": ("Геннадьевич", "Геннадьевна"), "Василий": ("Васильевич", "Васильевна"),
    "Анатолий": ("Анатольевич", "Анатольевна"), "Роман": ("Романович", "Романовна"),
    "Вадим": ("Вадимович", "Вадимовна"), "Артем": ("Артемович", "Артемовна"),
}  # fmt: skip
"""Russian given names with the patronymics they make (male, female): irregular, so written."""
RUSSIAN_FEMALE = (
    "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Мария", "Екатерина",
    "Юлия", "Людмила", "Галина", "Оксана", "Марина", "Валентина", "Лариса", "Вера", "Нина",
)  # fmt: skip
RUSSIAN_SURNAMES = (
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов",
    "Новиков", "Федоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семенов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьев", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьев",
    "Сергеев", "Ким", "Пак", "Цой", "Ли", "Тен", "Шевченко", "Бондаренко", "Ковальчук",
    "Виноградов", "Богданов", "Тихонов", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков",
    "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богомолов", "Сидоров",
    "Осипов", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников",
    "Денисов", "Гаврилов", "Тимофеев", "Фомин", "Кудрявцев", "Пономарев", "Калинин", "Щербаков",
    "Голубев", "Абрамов", "Широков", "Ткаченко", "Кравченко", "Мороз", "Литвиненко", "Полищук",
    "Хегай", "Югай", "Шин", "Юн", "Ан", "Шульц", "Вагнер", "Мюллер", "Гофман", "Шмидт",
)  # fmt: skip
COMMON_RUSSIAN_SHARE = 0.3
"""Share of Russian-named people with one of `RUSSIAN_SURNAMES`: the hundred commonest Russian
surnames are carried by a fifth to a third of Russians; the others by the long tail."""
_SURNAME_ROOTS = (
    # old and church given names, the commonest source of Russian surnames (Иван -> Иванов)
    "Аверьян", "Агафон", "Аким", "Алфер", "Анисим", "Антип", "Аристарх", "Артамон", "Афанасий",
    "Богдан", "Вавила", "Варлаам", "Викентий", "Влас", "Гаврила", "Гордей", "Гурий", "Демид",
    "Демьян", "Денис", "Дорофей", "Евдоким", "Евсей", "Елисей", "Емельян", "Ерема", "Ермолай",
    "Ефим", "Ефрем", "Зосима", "Игнатий", "Иларион", "Илья", "Исай", "Касьян", "Кирилл",
    "Кондрат", "Корней", "Кузьма", "Лаврентий", "Ларион", "Леонтий", "Лукьян", "Макар", "Максим",
    "Мартын", "Матвей", "Мирон", "Митрофан", "Наум", "Нестор", "Никандр", "Никифор", "Никон",
    "Онуфрий", "Пантелей", "Парамон", "Пимен", "Платон", "Прокоп", "Прохор", "Родион", "Савва",
    "Савелий", "Сафрон", "Севастьян", "Силантий", "Спиридон", "Терентий", "Тихон", "Трифон",
    "Трофим", "Устин", "Фадей", "Федот", "Фирс", "Фрол", "Харитон", "Фока", "Яким", "Ерофей",
    "Зиновий", "Авдей", "Мефодий", "Панкрат", "Евстафий", "Лазарь", "Захар", "Данила",
    # trades, animals, birds and nicknames
    "Бондарь", "Гончар", "Кожевник", "Плотник", "Рыбак", "Пекарь", "Мельник", "Ткач", "Коваль",
    "Шевец", "Кравец", "Бочар", "Пастух", "Овчар", "Столяр", "Токарь", "Маляр", "Писарь", "Дьяк",
    "Звонарь", "Сокол", "Ворон", "Грач", "Галка", "Сорока", "Синица", "Снегирь", "Чиж", "Щегол",
    "Дрозд", "Скворец", "Журавль", "Лебедь", "Гусь", "Утка", "Петух", "Кочет", "Ёрш", "Окунь",
    "Карась", "Щука", "Сом", "Лещ", "Налим", "Бобр", "Барсук", "Лиса", "Заяц", "Медведь", "Волк",
    "Кабан", "Баран", "Бык", "Козел", "Комар", "Жук", "Муха", "Пчела", "Шмель", "Белоус",
    "Черныш", "Рыжик", "Беляк", "Кудряш", "Лысак", "Горбун", "Толстой", "Сухарь", "Тихоня",
    "Смирной", "Бугай", "Шустрый", "Малыш", "Крепыш", "Молчан", "Ждан", "Неждан",
    "Добрыня", "Любим", "Милован", "Третьяк", "Шестак", "Дубина", "Береза", "Калина", "Рябина",
    "Малина", "Орех", "Гриб", "Репа", "Капуста", "Горох", "Калач", "Блин", "Пирог", "Квас",
    "Кисель", "Сало", "Мороз", "Ветер", "Гром", "Буря", "Камень", "Глина", "Песок", "Ручей",
)  # fmt: skip
"""Roots of the long tail: each gives a Russian (-ов/-ев/-ин) and Ukrainian (-енко, -чук)
surnames, as families of Kazakhstan's Slavic people carry them. (Belarusian -ович surnames are
left out: a name parser reads "Волкович Анна" as a patronymic and a given name.)"""


_VOWELS = "аеёиоуыэюя"


def _stem(root: str) -> str:
    """The root without the ending a suffix replaces: Афанасий -> Афанас, Кузьма -> Кузьм,
    Корней -> Корне, Толстой -> Толст."""
    if root.endswith(("ий", "ой", "ый")):
        return root[:-2].removesuffix("ь")
    return root[:-1].removesuffix("ь") if root[-1] in "аяоьй" else root


def _russian(root: str) -> str:
    """Афанасий -> Афанасьев, Корней -> Корнеев, Кузьма -> Кузьмин, Бондарь -> Бондарев,
    Грач -> Грачев, Сокол -> Соколов."""
    if root.endswith("ий"):
        return root[:-2] + "ьев"
    if root[-1] in "йь":
        return root[:-1] + "ев"
    if root[-1] in "жшчщц":
        return root + "ев"
    if root[-1] in "ая":
        return _stem(root) + "ин"
    return _stem(root) + "ов"


def _ukrainian_western(stem: str) -> str | None:
    """Коваль -> Ковальчук, Волк -> Волчук, Рыбак -> Рыбачук; none after a vowel or two
    consonants, where the form is not made."""
    if stem[-1] in _VOWELS:
        return None
    if stem[-1] == "к":
        return stem[:-1] + "чук"
    return None if stem[-2] not in _VOWELS else stem + "чук"


def _slavic_surnames() -> tuple[str, ...]:
    names: dict[str, None] = {}  # ordered and without repeats
    for root in _SURNAME_ROOTS:
        stem = _stem(root)
        for name in (_russian(root), stem + "енко", _ukrainian_western(stem)):
            if name and name not in RUSSIAN_SURNAMES:
                names[name] = None
    return tuple(names)


SLAVIC_SURNAME_TAIL = _slavic_surnames()
_FOREFATHERS = (
    "Жақсылық", "Сейіт", "Тоқтар", "Оразбек", "Иса", "Мұса", "Омар", "Қожахмет", "Байжан",
    "Есім", "Тәжі", "Үмбет", "Сапар", "Әбдіраш", "Шалқар", "Жүніс", "Қалиакбар", "Смағұл", "Рахым",
    "Ыбырай",
    "Жанұзақ", "Бейсен", "Ақыл", "Қонай", "Түсіп", "Әуез", "Мәжит", "Нұрмағамбет", "Бердібек",
    "Сыздық", "Кенжебай", "Әміре", "Қалдыбай", "Ысқақ", "Төребай", "Есенжол", "Дүйсен", "Жолдас",
    "Жұмағали", "Байбол", "Қыдыр", "Әбіл", "Құрман", "Ізбасар", "Сүлей", "Нысан", "Оспан", "Тілеу",
)  # fmt: skip
"""Forefathers' names that families carry as surnames but that are rare as given names now."""
_NAME_HEADS = ("Нұр", "Ер", "Ай", "Жан", "Сер", "Қан", "Бақ", "Дос", "Ораз", "Сал", "Тұр", "Әлі",
               "Құл", "Ақ", "Бай", "Есен", "Қожа", "Төле", "Мұқа", "Тәңір")  # fmt: skip
_NAME_TAILS = ("бек", "бол", "жан", "ғали", "болат", "хан", "тай", "мұрат", "ғазы", "берді", "ел",
               "сейіт")  # fmt: skip
"""Kazakh male names are often compounds (Нұрбек, Ербол, Айжан): forefathers' names made of them
give the thousand-odd Kazakh surnames that keep namesakes as rare as in a real register."""
_KAZAKH_SURNAME_ENDINGS = ("ов", "баев", "беков")


def _kazakh_surnames() -> tuple[str, ...]:
    names: dict[str, None] = {}  # ordered and without repeats
    compounds = tuple(head + tail for head in _NAME_HEADS for tail in _NAME_TAILS)
    for stem in KAZAKH_MALE + _FOREFATHERS + compounds:
        for ending in _KAZAKH_SURNAME_ENDINGS:
            # a stem ending in a vowel or й takes -ев (Абаев), never -йов
            base = stem[:-1] if stem.endswith("й") else stem
            names[base + ("ев" if ending == "ов" and stem[-1] in "айеиоуыі" else ending)] = None
    return tuple(names)


KAZAKH_SURNAMES = _kazakh_surnames()


@dataclass(frozen=True, slots=True)
class FullName:
    """A person's name as the register of record writes it (Kazakh letters kept)."""

    surname: str
    given: str
    patronymic: str | None
    male: bool

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.surname, self.given, self.patronymic) if part)


def random_name(rng: Random, kazakh_share: float = 0.7) -> FullName:
    """A Kazakh (`kazakh_share`) or Russian name; Kazakh patronymics in the Russian form
    (-ович/-овна) or the Kazakh one (-ұлы/-қызы), as both are used."""
    male = rng.random() < 0.55
    if rng.random() < kazakh_share:
        surname = rng.choice(KAZAKH_SURNAMES)
        given = rng.choice(KAZAKH_MALE if male else KAZAKH_FEMALE)
        father = rng.choice(KAZAKH_MALE)
        if rng.random() < 0.5:
            patronymic = father + ("ұлы" if male else "қызы")
        else:
            patronymic = father + ("ович" if male else "овна")
    else:
        common = rng.random() < COMMON_RUSSIAN_SHARE
        surname = rng.choice(RUSSIAN_SURNAMES if common else SLAVIC_SURNAME_TAIL)
        given = rng.choice(tuple(RUSSIAN_MALE) if male else RUSSIAN_FEMALE)
        patronymic = RUSSIAN_MALE[rng.choice(tuple(RUSSIAN_MALE))][0 if male else 1]
    return FullName(surname if male else feminine(surname), given, patronymic, male)
