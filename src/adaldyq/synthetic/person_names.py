"""Kazakh and Russian names for synthetic registers, written as a Kazakh register writes them.

Pools are large enough that two different people of 10^6 rarely share surname, given name,
patronymic and birth date, as in a real population; Kazakh names keep their Kazakh letters
(Нұрлан, Серік, Әсел) so that folding and transliteration have something to do. Surnames of
Kazakh families are made the way they are made in life: a forefather's name with -ов/-ев,
-баев or -беков.
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
        surname = rng.choice(RUSSIAN_SURNAMES)
        given = rng.choice(tuple(RUSSIAN_MALE) if male else RUSSIAN_FEMALE)
        patronymic = RUSSIAN_MALE[rng.choice(tuple(RUSSIAN_MALE))][0 if male else 1]
    return FullName(surname if male else feminine(surname), given, patronymic, male)
