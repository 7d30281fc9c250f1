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
from tests.engines.declarations import (
    test_filing,
    test_item_rules,
    test_net_worth,
    test_prices,
    test_registers,
    test_rules,
)
from tests.engines.declarations.population import RATES, write_inputs

INPUTS = {
    "prices": test_prices.PRICES,
    "registers": test_registers.REGISTERS,
    "checks": test_filing.CHECKS,
}
"""The optional inputs of A11, A17/A17R and A21, so every rule runs on both backends."""


def _findings(
    backend: str, root: Path, rates: Path, inputs: dict[str, list[Path]]
) -> tuple[set[tuple[Any, ...]], list[dict[str, Any]]]:
    settings = load_settings(workspace=root, backend=backend)
    balances: list[pa.Table] = []
    with connect(settings) as connected:
        result = screen(
            connected, Workspace(root), settings, "parity", "declarations", rates,
            on_balance=balances.append, inputs=inputs,
        )  # fmt: skip
    assert not result.not_run.keys() & set(result.meta), result.not_run
    found = {
        (f.rule_code, f.subject_id, f.value, f.score, json.dumps(f.evidence, sort_keys=True))
        for f in result.findings
    }
    return found, sorted(balances[0].to_pylist(), key=lambda r: (r["person_id"], r["year"]))


@pytest.mark.spark
def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    people = [
        *test_rules.POPULATION, *test_item_rules.POPULATION, *test_net_worth.HISTORIES,
        *test_prices.POPULATION, *test_registers.POPULATION, *test_filing.POPULATION,
    ]  # fmt: skip
    source = tmp_path / "people.jsonl"
    source.write_text("\n".join(json.dumps(p) for p in people), encoding="utf-8")
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES, encoding="utf-8")
    import_declarations_job(load_settings(workspace=tmp_path / "ws"), [str(source)], "canonical")
    inputs = write_inputs(tmp_path, INPUTS)
    duckdb, duckdb_balance = _findings("duckdb", tmp_path / "ws", rates, inputs)
    spark, spark_balance = _findings("spark", tmp_path / "ws", rates, inputs)
    assert {f[0] for f in duckdb} >= {"A11", "A17", "A17R", "A21"}
    assert len(duckdb_balance) >= 20, "too few balance rows to compare"
    assert duckdb_balance == spark_balance
    assert len(duckdb) >= 15, "too few findings for the comparison to prove anything"
    assert duckdb == spark, (
        f"only duckdb: {sorted(duckdb - spark)[:3]}\nonly spark: {sorted(spark - duckdb)[:3]}"
    )
