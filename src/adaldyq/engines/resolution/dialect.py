"""The comparisons' SQL, written once in DuckDB's dialect, run on whichever database Splink uses.

Comparison levels and blocking rules are SQL conditions (`comparisons`), and Splink passes them
to its database as they are. Spark names the string-similarity functions of Splink's jar
differently (`jaro_winkler`, not DuckDB's `jaro_winkler_similarity`), and sqlglot's DuckDB-to-Spark
transpiler does not know them; so each condition is parsed as DuckDB SQL, the similarity calls are
renamed after Splink's own table of names per dialect, and the rest is left to sqlglot.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlglot
from splink.internals.dialects import SplinkDialect
from sqlglot import exp

from adaldyq.engines.resolution.comparisons import Blueprint, Comparison

WRITTEN_IN = "duckdb"
"""The dialect `comparisons` is written in."""
_SIMILARITY_FUNCTIONS = (
    "jaro_winkler_function_name",
    "jaro_function_name",
    "damerau_levenshtein_function_name",
    "levenshtein_function_name",
    "jaccard_function_name",
)


def translate(sql: str, source: str, target: SplinkDialect) -> str:
    """`sql` (a condition in Splink dialect `source`) as `target` runs it."""
    if source == target.sql_dialect_str or sql == "ELSE":
        return sql
    origin = SplinkDialect.from_string(source)
    renames = {
        _call_key(getattr(origin, name), origin): getattr(target, name)
        for name in _SIMILARITY_FUNCTIONS
    }

    def rename(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Func) and (name := renames.get(_node_key(node))):
            return exp.Anonymous(this=name, expressions=_arguments(node))
        return node

    tree = sqlglot.parse_one(sql, read=origin.sqlglot_dialect).transform(rename)
    translated: str = tree.sql(dialect=target.sqlglot_dialect)
    return translated


def _arguments(node: exp.Func) -> list[exp.Expression]:
    """A call's arguments in order: sqlglot keeps a known function's as named fields, an
    anonymous one's as a list."""
    found: list[exp.Expression] = []
    for value in node.args.values():
        if isinstance(value, list):
            found += value
        elif isinstance(value, exp.Expression):
            found.append(value)
    return found


def _call_key(function: str, dialect: SplinkDialect) -> tuple[str, str]:
    """How sqlglot reads a call of `function` in `dialect`: its node type, and its name when
    sqlglot does not know it (an anonymous function)."""
    return _node_key(sqlglot.parse_one(f"{function}(a, b)", read=dialect.sqlglot_dialect))


def _node_key(node: exp.Expression) -> tuple[str, str]:
    return type(node).__name__, node.name.lower() if isinstance(node, exp.Anonymous) else ""


def blueprint_for(blueprint: Blueprint, target: SplinkDialect) -> Blueprint:
    """`blueprint` with every condition (levels, blocking, training rules) in `target`."""

    def sql(condition: str) -> str:
        return translate(condition, WRITTEN_IN, target)

    def comparison(c: Comparison) -> Comparison:
        levels = tuple(dataclasses.replace(lvl, sql=sql(lvl.sql)) for lvl in c.levels)
        return dataclasses.replace(c, levels=levels)

    return dataclasses.replace(
        blueprint,
        comparisons=tuple(comparison(c) for c in blueprint.comparisons),
        blocking=tuple(sql(rule) for rule in blueprint.blocking),
        training=tuple(sql(rule) for rule in blueprint.training),
        deterministic=sql(blueprint.deterministic),
    )


def settings_for(settings: dict[str, Any], target: SplinkDialect) -> dict[str, Any]:
    """Saved Splink settings (a trained model, in the dialect it was trained on) for `target`:
    a model trained on DuckDB scores on Spark and the other way round."""
    source = settings.get("sql_dialect", WRITTEN_IN)

    def level(found: dict[str, Any]) -> dict[str, Any]:
        return found | {"sql_condition": translate(found["sql_condition"], source, target)}

    def rule(found: dict[str, Any] | str) -> dict[str, Any] | str:
        if isinstance(found, str):
            return translate(found, source, target)
        rule = translate(found["blocking_rule"], source, target)
        return found | {"blocking_rule": rule, "sql_dialect": target.sql_dialect_str}

    comparisons = [
        c | {"comparison_levels": [level(lvl) for lvl in c["comparison_levels"]]}
        for c in settings["comparisons"]
    ]
    rules = [rule(r) for r in settings.get("blocking_rules_to_generate_predictions", [])]
    return settings | {
        "comparisons": comparisons,
        "blocking_rules_to_generate_predictions": rules,
        "sql_dialect": target.sql_dialect_str,
    }
