"""The parts of resolution that need no trained model: features, the deciding-fields text, mutual
best links and the quality counts."""

# ruff: noqa: RUF001  (Kazakh Cyrillic names are the subject)

from __future__ import annotations

from datetime import date

import pyarrow as pa

from adaldyq.engines.resolution.comparisons import PERSON
from adaldyq.engines.resolution.explain import decided_by
from adaldyq.engines.resolution.features import company_features, person_features
from adaldyq.engines.resolution.one_to_one import mutual_best_links
from adaldyq.engines.resolution.quality import pair_quality


def test_person_features_use_identity_keys_and_the_iin() -> None:
    people = pa.table(
        {
            "record_id": ["a", "b", "c"],
            "surname": ["Тоқаев", None, None],
            "given_name": ["Қасым-Жомарт", None, None],
            "patronymic": ["Кемелұлы", None, None],
            "name": [None, "Иванов И.И.", "Kassym-Jomart Tokayev"],
            "birth_date": [None, date(1980, 1, 2), date(1953, 5, 17)],
            "iin": ["530517300129", "800101300125", "not an iin"],
        }
    )
    rows = person_features(people).to_pylist()
    tokayev, ivanov, latin = rows
    assert (tokayev["surname"], tokayev["given"], tokayev["patronymic_stem"]) == (
        "tokaev", "kasimjomart", "kemel",
    )  # fmt: skip
    assert (latin["surname"], latin["given"], latin["patronymic_stem"]) == (
        "tokaev", "kasimjomart", None,
    )  # fmt: skip
    # the IIN's date fills a missing birth date; a written date that differs is marked
    assert tokayev["birth_date"] == "1953-05-17" and not tokayev["iin_conflict"]
    assert ivanov["birth_date"] == "1980-01-01" and ivanov["iin_conflict"]
    assert (ivanov["given"], ivanov["given_initial"], ivanov["patronymic_initial"]) == (
        None,
        "i",
        "i",
    )
    assert latin["iin"] is None  # invalid numbers are never compared


def test_company_features_split_legal_form_and_normalise_contacts() -> None:
    companies = pa.table(
        {
            "record_id": ["a", "b"],
            "name": ['ТОО "Ромашка"', "Romashka LLP"],
            "phone": ["8 (727) 123-45-67", "+7 727 1234567"],
            "email": ["Info@Romashka.kz", "romashka@gmail.com"],
            "bin": ["150340001236", "150340001237"],
        }
    )
    first, second = company_features(companies).to_pylist()
    assert first["name_key"] == second["name_key"] == "romashka"
    assert first["legal_form"] == second["legal_form"] == "LLP"
    assert first["phone"] == second["phone"] == "+77271234567"
    assert first["email_domain"] == "romashka.kz" and second["email_domain"] is None  # free mail
    assert (first["bin"], second["bin"]) == ("150340001236", None)  # bad check digit


def test_deciding_fields_text_orders_by_weight_and_shows_neutral_omissions() -> None:
    levels = {
        "name": (6, 11.5, -1.25),  # surname and given name exact, a common name
        "patronymic": (-1, 0.0, None),
        "birth_date": (4, 11.9, None),
        "iin": (-1, 0.0, None),
        "address": (0, -2.5, None),
    }
    assert decided_by(PERSON.comparisons, levels) == (
        "birth date exact (+11.9), "
        "surname and given name exact, in either order (+10.2, of which -1.2 for how common it "
        "is), "
        "address differs (-2.5), patronymic omitted on one side (0.0), "
        "IIN missing on one side (0.0)"
    )


def test_patronymic_levels_tell_omitted_from_contradicting() -> None:
    patronymic = next(c for c in PERSON.comparisons if c.name == "patronymic")
    labels = patronymic.labels_by_gamma()
    assert labels[-1] == "patronymic omitted on one side"
    assert labels[0] == "patronymic contradicts"
    assert labels[max(labels)] == "patronymic stem exact"


def _links(rows: list[tuple[str, str, float]]) -> pa.Table:
    left, right, probability = zip(*rows, strict=True)
    return pa.table({"left_id": left, "right_id": right, "match_probability": probability})


def test_mutual_best_links_drop_the_weaker_namesake_and_keep_ties() -> None:
    links = _links([("a", "x", 0.99), ("a", "y", 0.6), ("b", "y", 0.9), ("c", "z", 0.7),
                    ("d", "z", 0.7)])  # fmt: skip
    kept = mutual_best_links(links).sort_by("left_id")
    assert list(zip(kept["left_id"].to_pylist(), kept["right_id"].to_pylist(), strict=True)) == [
        ("a", "x"), ("b", "y"), ("c", "z"), ("d", "z"),
    ]  # fmt: skip


def test_pair_quality_counts_right_wrong_and_missed_pairs() -> None:
    found = _links([("a", "x", 1.0), ("b", "y", 1.0), ("b", "y", 0.9), ("c", "w", 0.8)])
    truth = pa.table({"left_id": ["a", "b", "d"], "right_id": ["x", "y", "v"]})
    quality = pair_quality(found, truth)
    assert (quality.true_positives, quality.false_positives, quality.false_negatives) == (2, 1, 1)
    assert quality.precision == quality.recall == quality.f1 == 2 / 3
