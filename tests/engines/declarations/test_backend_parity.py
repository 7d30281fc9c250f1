"""DuckDB and Spark give identical declarations findings (the same Ibis rules on both), on the
planted populations of the rule tests screened together."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from adaldyq.engines.declarations import screen
from adaldyq.jobs.declarations import import_declarations_job
from adaldyq.settings import load_settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from tests.engines.declarations import test_item_rules, test_net_worth, test_rules
from tests.engines.declarations.population import RATES


def _findings(backend: str, root: Path, rates: Path) -> set[tuple[Any, ...]]:
    settings = load_settings(workspace=root, backend=backend)
    with connect(settings) as connected:
        result = screen(connected, Workspace(root), settings, "parity", "declarations", rates)
    return {
        (f.rule_code, f.subject_id, f.value, f.score, json.dumps(f.evidence, sort_keys=True))
        for f in result.findings
    }


@pytest.mark.spark
def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    people = [*test_rules.POPULATION, *test_item_rules.POPULATION, *test_net_worth.HISTORIES]
    source = tmp_path / "people.jsonl"
    source.write_text("\n".join(json.dumps(p) for p in people), encoding="utf-8")
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES, encoding="utf-8")
    import_declarations_job(load_settings(workspace=tmp_path / "ws"), [str(source)], "canonical")
    duckdb = _findings("duckdb", tmp_path / "ws", rates)
    spark = _findings("spark", tmp_path / "ws", rates)
    assert len(duckdb) >= 15, "too few findings for the comparison to prove anything"
    assert duckdb == spark, (
        f"only duckdb: {sorted(duckdb - spark)[:3]}\nonly spark: {sorted(spark - duckdb)[:3]}"
    )
