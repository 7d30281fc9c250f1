"""The same world gives the same integrity findings on DuckDB and on Spark: the procurement side
(awards, bidders, parties, B08's aggregates) is Ibis and must not depend on the backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adaldyq.settings import load_settings
from adaldyq.store.backend import connect
from tests.engines.integrity.world import World, make_bin

BUYER, OTHER = make_bin("0501", 100), make_bin("0601", 100)
A, B, FRESH = make_bin("1001", 200), make_bin("1001", 300), make_bin("2301", 400)
EXPECTED = {"B01": 1, "B04": 1, "B05": 1, "B08": 1}


def _world() -> World:
    world = World()
    world.body("akimat", BUYER)
    world.company("alpha", A)
    world.company("beta", B, phone="+7 727 111 2233")
    world.person("official")
    world.tie("Employment", "official", "akimat", "2019-01-01")
    world.tie("Ownership", "official", "alpha", "2020-01-01")
    contacts = {A: {"contactPoint": {"telephone": "8 727 111 22 33"}}}
    world.tender("ocds-1", BUYER, [A, B], A, "2023-03-01", "2023-04-01", contacts=contacts)
    world.tender("ocds-2", OTHER, [FRESH], FRESH, "2023-02-10", "2023-03-15", amount=5.0)
    for n in range(3):
        world.tender(f"ocds-b{n}", OTHER, [B], B, "2022-01-01", "2022-02-01", amount=10.0)
    return world


def _rows(backend: str, root: Path) -> list[dict[str, Any]]:
    with connect(load_settings(backend=backend)) as connected:
        result = _world().run(root, connected, sorted(EXPECTED))
    rows = [f.as_row() for f in result.findings]
    return sorted(rows, key=lambda r: (r["rule_code"], r["subject_id"], r["evidence"]))


@pytest.mark.spark
def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    on_duckdb = _rows("duckdb", tmp_path)  # one folder: sources name the same files
    counts: dict[str, int] = {}
    for row in on_duckdb:
        counts[row["rule_code"]] = counts.get(row["rule_code"], 0) + 1
    assert counts == EXPECTED
    on_spark = _rows("spark", tmp_path)
    for spark_row, duckdb_row in zip(on_spark, on_duckdb, strict=True):
        assert spark_row == duckdb_row
