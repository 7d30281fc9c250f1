"""Synthetic person names: Slavic surnames with a long tail, as a real register's are, so that
namesakes are as common as in life and not everyone Russian is an Ivanov."""

# ruff: noqa: RUF001, RUF003  (Cyrillic letters are the subject)

from __future__ import annotations

from collections import Counter
from random import Random

from adaldyq.synthetic.person_names import (
    COMMON_RUSSIAN_SHARE,
    RUSSIAN_SURNAMES,
    SLAVIC_SURNAME_TAIL,
    random_name,
)


def test_the_tail_is_made_of_real_surname_forms_apart_from_the_common_ones() -> None:
    assert {"Афанасьев", "Корнеев", "Кузьмин", "Бондарев", "Гончаренко", "Лазарчук"} <= set(
        SLAVIC_SURNAME_TAIL
    )
    assert not set(SLAVIC_SURNAME_TAIL) & set(RUSSIAN_SURNAMES)
    assert len(set(SLAVIC_SURNAME_TAIL)) == len(SLAVIC_SURNAME_TAIL) > 5 * len(RUSSIAN_SURNAMES)


def test_common_surnames_take_their_share_and_women_take_the_feminine_form() -> None:
    rng = Random(5)
    names = [random_name(rng, kazakh_share=0.0) for _ in range(4000)]
    common = {*RUSSIAN_SURNAMES, *(s + "а" for s in RUSSIAN_SURNAMES)}
    share = sum(n.surname in common for n in names) / len(names)
    assert abs(share - COMMON_RUSSIAN_SHARE) < 0.03
    women = [n for n in names if not n.male and n.surname.endswith(("ов", "ев", "ин"))]
    assert not women  # -ов/-ев/-ин take -а for a woman
    top = Counter(n.surname for n in names).most_common(1)[0][1]
    assert top < 0.02 * len(names)  # no surname as common as all Russian ones together


def test_names_repeat_by_seed() -> None:
    first, second = Random(9), Random(9)
    assert [random_name(first) for _ in range(50)] == [random_name(second) for _ in range(50)]
