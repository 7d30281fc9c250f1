"""DuckDB and Spark give identical findings for every registered rule on real data.

The real samples of 17 publishers are ingested as one dataset, so that each rule runs once per
backend (a Spark query costs far more than a DuckDB one) while seeing all their messiness.
"""

from __future__ import annotations

from typing import Any

import pytest

from adaldyq.engines.procurement.runner import analyse
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.settings import load_settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from tests.conftest import REAL_OCDS


@pytest.fixture(scope="module")
def real_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace(tmp_path_factory.mktemp("parity"))
    OcdsIngest(workspace, dataset="real").run([str(REAL_OCDS)])
    return workspace


def _findings(backend_name: str, workspace: Workspace) -> set[tuple[Any, ...]]:
    settings = load_settings(workspace=workspace.root, backend=backend_name)
    with connect(settings) as backend:
        result = analyse(backend, workspace, settings, run_id="parity")
    return {
        (f.rule_code, f.subject_type, f.subject_id, f.ocid, f.value, f.score, repr(f.evidence))
        for f in result.findings
    }


@pytest.mark.spark
def test_duckdb_and_spark_agree_on_real_data(real_workspace: Workspace) -> None:
    duckdb = _findings("duckdb", real_workspace)
    spark = _findings("spark", real_workspace)
    assert duckdb, "no findings at all on the real samples: the comparison would prove nothing"
    only_duckdb = sorted(duckdb - spark)[:5]
    only_spark = sorted(spark - duckdb)[:5]
    assert duckdb == spark, f"only on duckdb: {only_duckdb}\nonly on spark: {only_spark}"
