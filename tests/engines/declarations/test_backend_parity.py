"""DuckDB and Spark give identical declarations findings and year-by-year balances (the same Ibis
expressions on both), on the planted populations of the rule tests screened together."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from adaldyq.engines.declarations import screen
from adaldyq.jobs.declarations import import_declarations_job
from adaldyq.settings import load_settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from tests.engines.declarations import test_item_rules, test_net_worth, test_rules
from tests.engines.declarations.population import RATES


def _findings(
    backend: str, root: Path, rates: Path
) -> tuple[set[tuple[Any, ...]], list[dict[str, Any]]]:
    settings = load_settings(workspace=root, backend=backend)
    balances: list[pa.Table] = []
    with connect(settings) as connected:
        result = screen(
            connected, Workspace(root), settings, "parity", "declarations", rates,
            on_balance=balances.append,
        )  # fmt: skip
    found = {
        (f.rule_code, f.subject_id, f.value, f.score, json.dumps(f.evidence, sort_keys=True))
        for f in result.findings
    }
    return found, sorted(balances[0].to_pylist(), key=lambda r: (r["person_id"], r["year"]))


@pytest.mark.spark
def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    people = [*test_rules.POPULATION, *test_item_rules.POPULATION, *test_net_worth.HISTORIES]
    source = tmp_path / "people.jsonl"
    source.write_text("\n".join(json.dumps(p) for p in people), encoding="utf-8")
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES, encoding="utf-8")
    import_declarations_job(load_settings(workspace=tmp_path / "ws"), [str(source)], "canonical")
    duckdb, duckdb_balance = _findings("duckdb", tmp_path / "ws", rates)
    spark, spark_balance = _findings("spark", tmp_path / "ws", rates)
    assert len(duckdb_balance) >= 20, "too few balance rows to compare"
    assert duckdb_balance == spark_balance
    assert len(duckdb) >= 15, "too few findings for the comparison to prove anything"
    assert duckdb == spark, (
        f"only duckdb: {sorted(duckdb - spark)[:3]}\nonly spark: {sorted(spark - duckdb)[:3]}"
    )
