"""The comparisons, written in DuckDB SQL, as Spark runs them: Splink's jar names the similarity
functions differently, and a saved model carries the dialect it was trained in."""

from __future__ import annotations

import pytest
import sqlglot
from splink.internals.dialects import DuckDBDialect, SparkDialect

from adaldyq.engines.resolution.comparisons import COMPANY, PERSON, Blueprint
from adaldyq.engines.resolution.dialect import blueprint_for, settings_for, translate

SPARK, DUCKDB = SparkDialect(), DuckDBDialect()


def _conditions(blueprint: Blueprint) -> list[str]:
    levels = [lvl.sql for c in blueprint.comparisons for lvl in c.levels]
    return [*levels, *blueprint.blocking, *blueprint.training, blueprint.deterministic]


def test_similarity_calls_take_the_names_of_splinks_spark_jar() -> None:
    sql = (
        "jaro_winkler_similarity(surname_l, given_r) >= 0.9 AND damerau_levenshtein(a_l, a_r) <= 1"
    )
    on_spark = translate(sql, "duckdb", SPARK)
    assert (
        on_spark == "JARO_WINKLER(surname_l, given_r) >= 0.9 AND DAMERAU_LEVENSHTEIN(a_l, a_r) <= 1"
    )
    assert translate(on_spark, "spark", DUCKDB) == (
        "JARO_WINKLER_SIMILARITY(surname_l, given_r) >= 0.9 AND DAMERAU_LEVENSHTEIN(a_l, a_r) <= 1"
    )


@pytest.mark.parametrize("blueprint", [PERSON, COMPANY], ids=lambda b: b.kind)
def test_every_condition_reads_as_spark_sql(blueprint: Blueprint) -> None:
    translated = _conditions(blueprint_for(blueprint, SPARK))
    assert len(translated) == len(_conditions(blueprint))
    for sql in translated:
        sqlglot.parse_one(sql, read="spark")
        assert "SIMILARITY" not in sql.upper(), sql  # DuckDB's jaro(_winkler)_similarity


def test_duckdb_keeps_the_conditions_as_written() -> None:
    assert blueprint_for(PERSON, DUCKDB) == PERSON


def test_a_model_saved_on_duckdb_reads_on_spark() -> None:
    name = PERSON.comparisons[0]
    saved = {
        "sql_dialect": "duckdb",
        "comparisons": [name.splink()],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": "l.surname = r.surname", "sql_dialect": "duckdb"}
        ],
    }
    on_spark = settings_for(saved, SPARK)
    assert on_spark["sql_dialect"] == "spark"
    assert on_spark["blocking_rules_to_generate_predictions"] == [
        {"blocking_rule": "l.surname = r.surname", "sql_dialect": "spark"}
    ]
    levels = on_spark["comparisons"][0]["comparison_levels"]
    written = name.splink()["comparison_levels"]
    assert [lvl["label_for_charts"] for lvl in levels] == [w["label_for_charts"] for w in written]
    similar = [lvl["sql_condition"] for lvl in levels if "JARO" in lvl["sql_condition"].upper()]
    assert similar and all("JARO_WINKLER(" in sql for sql in similar)
    assert levels[-1]["sql_condition"] == "ELSE"
