"""What Splink compares for people and for companies, how it finds candidate pairs, and how it
trains: one `Blueprint` per entity kind.

Each comparison is a list of levels from the most to the least specific, each with a readable
label; the label is what a link's `decided_by` text shows, so it says what agreed ("surname and
given name exact") rather than a SQL condition. The first level is the null level: a field missing
on one side is neutral evidence (Bayes factor 1), which is how an *omitted* patronymic differs from
a *contradicting* one (INTEGRITY.md §3): the latter falls to the last level, whose weight EM
learns to be strongly negative.

Blocking rules are equality joins on keys (never a cross join): each catches matches the others
miss because of one kind of noise (a typo in the surname, a missing birth date, swapped order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Level:
    """One level of a comparison: a SQL condition over `<column>_l`/`<column>_r` and its label."""

    label: str
    sql: str
    frequency_column: str | None = None  # weigh agreement by how rare the value is


@dataclass(frozen=True)
class Comparison:
    """A named comparison; `levels[0]` is the null level, the ELSE level is added last.

    `otherwise_m` fixes the ELSE level's m probability (how often a true pair disagrees there)
    instead of learning it, for evidence a synthetic or clean sample never shows among true pairs:
    EM would drive it to 0 (an infinite veto; Splink refuses an m of 0 outright).
    """

    name: str
    levels: tuple[Level, ...]
    otherwise: str
    otherwise_m: float | None = None

    def labels_by_gamma(self) -> dict[int, str]:
        """Splink numbers the null level -1 and the others from the most specific down to 0."""
        ordered = [*self.levels[1:], Level(self.otherwise, "ELSE")]
        top = len(ordered) - 1
        return {-1: self.levels[0].label} | {top - i: lvl.label for i, lvl in enumerate(ordered)}

    def splink(self) -> dict[str, Any]:
        """This comparison as a Splink settings dictionary."""
        null, *others = self.levels
        levels: list[dict[str, Any]] = [
            {"sql_condition": null.sql, "label_for_charts": null.label, "is_null_level": True}
        ]
        levels += [_splink_level(lvl) for lvl in others]
        otherwise: dict[str, Any] = {"sql_condition": "ELSE", "label_for_charts": self.otherwise}
        if self.otherwise_m is not None:
            otherwise |= {"m_probability": self.otherwise_m, "fix_m_probability": True}
        levels.append(otherwise)
        return {"output_column_name": self.name, "comparison_levels": levels}


def _splink_level(level: Level) -> dict[str, Any]:
    found: dict[str, Any] = {"sql_condition": level.sql, "label_for_charts": level.label}
    if level.frequency_column:
        found |= {"tf_adjustment_column": level.frequency_column, "tf_adjustment_weight": 1.0}
    return found


@dataclass(frozen=True)
class Blueprint:
    """Everything Splink needs for one entity kind, plus the exact-identifier step's column."""

    kind: str
    identifier: str  # the column an exact link is made on (iin, bin)
    comparisons: tuple[Comparison, ...]
    blocking: tuple[str, ...]  # SQL over l. and r.; each an equality join on keys
    training: tuple[str, ...]  # EM blocking rules, each leaving other comparisons to learn
    deterministic: str  # a rule with few false positives, to estimate the prior
    deterministic_recall: float


def _null(*columns: str) -> str:
    return " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in columns)


def _jw(column: str, threshold: float) -> str:
    return f"jaro_winkler_similarity({column}_l, {column}_r) >= {threshold}"


def _eq(column: str) -> str:
    return f"{column}_l = {column}_r"


def _dates(column: str, what: str) -> Comparison:
    return Comparison(
        column,
        (
            Level(f"{what} missing on one side", _null(column)),
            Level(f"{what} exact", _eq(column)),
            Level(f"{what} one typo apart", f"damerau_levenshtein({column}_l, {column}_r) <= 1"),
            Level(f"{what} same month", f"substr({column}_l, 1, 7) = substr({column}_r, 1, 7)"),
            Level(f"{what} same year", f"substr({column}_l, 1, 4) = substr({column}_r, 1, 4)"),
        ),
        f"{what} differs",
    )


IDENTIFIER_ERROR = 1e-3
"""Share of true pairs whose valid identifiers differ (a typo that keeps the check digit, a
relative's number entered by mistake): about -10 bits, strong evidence but not a veto."""
PATRONYMIC_ERROR = 1e-2
"""Share of true pairs whose patronymics contradict (a father's name misheard or mistyped beyond
the similar level): about -6.5 bits, so another father counts against, as INTEGRITY.md §3 asks."""


def _identifier(column: str, what: str, error: float | None = None) -> Comparison:
    return Comparison(
        column,
        (Level(f"{what} missing on one side", _null(column)), Level(f"{what} exact", _eq(column))),
        f"{what} differs",
        error,
    )


def _address() -> Comparison:
    return Comparison(
        "address",
        (
            Level("address missing on one side", _null("address_key")),
            Level("address exact", _eq("address_key")),
            Level("address similar", _jw("address_key", 0.9)),
        ),
        "address differs",
    )


def _similar_names(threshold: float) -> str:
    """Surname and given name each similar, in the same or the swapped order."""
    same = f"{_jw('surname', threshold)} AND {_jw('given', threshold)}"
    swapped = (
        f"jaro_winkler_similarity(surname_l, given_r) >= {threshold} "
        f"AND jaro_winkler_similarity(given_l, surname_r) >= {threshold}"
    )
    return f"({same}) OR ({swapped})"


_ONE_INITIAL = f"(given_l IS NULL OR given_r IS NULL) AND {_eq('given_initial')}"
"""One side writes the given name as an initial only ("Иванов И.И."), and the initials agree."""

PERSON = Blueprint(
    kind="person",
    identifier="iin",
    comparisons=(
        Comparison(
            "name",
            (
                Level("surname missing on one side", _null("surname")),
                Level(
                    # order-free key: a two-word name is read surname first or given name first
                    "surname and given name exact, in either order",
                    _eq("full_name_key"),
                    frequency_column="full_name_key",
                ),
                Level(
                    "surname exact, given name only as an initial that agrees",
                    f"{_eq('surname')} AND {_ONE_INITIAL}",
                    frequency_column="surname",
                ),
                Level("surname and given name similar", _similar_names(0.9)),
                Level(
                    "surname similar, given name only as an initial that agrees",
                    f"{_jw('surname', 0.9)} AND {_ONE_INITIAL}",
                ),
                Level(
                    "surname exact, given name differs", _eq("surname"), frequency_column="surname"
                ),
                Level("given name exact, surname differs", _eq("given")),
            ),
            "surname and given name differ",
        ),
        Comparison(
            "patronymic",
            (
                Level("patronymic omitted on one side", _null("patronymic_stem")),
                Level(
                    "patronymic stem exact",
                    _eq("patronymic_stem"),
                    frequency_column="patronymic_stem",  # Ivanovich says less than Ghabitovich
                ),
                Level("patronymic stem similar", _jw("patronymic_stem", 0.88)),
            ),
            "patronymic contradicts",
            PATRONYMIC_ERROR,
        ),
        _dates("birth_date", "birth date"),
        _identifier("iin", "IIN", IDENTIFIER_ERROR),
        _address(),
    ),
    blocking=(
        "l.full_name_key = r.full_name_key",
        "l.surname = r.surname AND l.birth_date = r.birth_date",
        "l.given = r.given AND l.birth_date = r.birth_date",
        # garbled names (a typo and an initial, a typo and the order swapped) with a birth date
        "l.initials_key = r.initials_key AND l.birth_date = r.birth_date",
        "l.given_initial = r.given_initial AND l.birth_date = r.birth_date",
        "l.birth_date = r.birth_date AND l.patronymic_stem = r.patronymic_stem",
        "l.surname = r.surname AND l.patronymic_stem = r.patronymic_stem",
        "l.address_key = r.address_key",
        "l.surname = r.surname AND l.given_initial = r.given_initial "
        "AND l.patronymic_initial = r.patronymic_initial",
    ),
    training=("l.full_name_key = r.full_name_key", "l.birth_date = r.birth_date"),
    deterministic="l.full_name_key = r.full_name_key AND l.birth_date = r.birth_date",
    deterministic_recall=0.7,
)
"""People: name (order, initials, typos), patronymic stem, birth date, IIN, address."""

COMPANY = Blueprint(
    kind="company",
    identifier="bin",
    comparisons=(
        Comparison(
            "name",
            (
                Level("name missing on one side", _null("name_key")),
                Level("name exact", _eq("name_key")),
                Level("name nearly the same", _jw("name_key", 0.95)),
                Level("name similar", _jw("name_key", 0.85)),
            ),
            "name differs",
        ),
        Comparison(
            "legal_form",
            (
                Level("legal form missing on one side", _null("legal_form")),
                Level("legal form same", _eq("legal_form")),
            ),
            "legal form differs",
        ),
        _identifier("bin", "BIN", IDENTIFIER_ERROR),
        _address(),
        _identifier("phone", "phone"),
        Comparison(
            "email",
            (
                Level("e-mail missing on one side", _null("email_key")),
                Level("e-mail exact", _eq("email_key")),
                Level("e-mail on the same own domain", _eq("email_domain")),
            ),
            "e-mail differs",
        ),
        _dates("registration_date", "registration date"),
    ),
    blocking=(
        "l.name_key = r.name_key",
        "l.phone = r.phone",
        "l.email_key = r.email_key",
        "l.address_key = r.address_key AND substr(l.name_key, 1, 2) = substr(r.name_key, 1, 2)",
        "l.registration_date = r.registration_date "
        "AND substr(l.name_key, 1, 3) = substr(r.name_key, 1, 3)",
    ),
    training=("l.name_key = r.name_key", "l.registration_date = r.registration_date"),
    deterministic="l.name_key = r.name_key AND l.registration_date = r.registration_date",
    deterministic_recall=0.6,
)
"""Companies: name key (legal form apart), legal form, BIN, address, phone, e-mail, registration
date."""
