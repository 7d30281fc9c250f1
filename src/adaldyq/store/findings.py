"""Findings on disk: `findings.parquet` in the common schema, and `run.json` beside it.

`run.json` keeps what makes a run reproducible and checkable: the run id, the settings, and per
dataset and rule the parameters actually used (quartiles, fences, thresholds).
"""

from __future__ import annotations

from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from adaldyq.errors import NotFound
from adaldyq.model.findings import FINDING_SCHEMA
from adaldyq.store.catalog import Workspace


def write_findings(workspace: Workspace, findings: pa.Table, run: dict[str, Any]) -> None:
    """Replace the workspace's findings and run metadata."""
    pq.write_table(findings.cast(FINDING_SCHEMA), workspace.findings, compression="zstd")
    workspace.run_file.write_bytes(
        orjson.dumps(
            run,
            option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
            default=str,
        )
    )


def read_findings(workspace: Workspace) -> pa.Table:
    """The findings of the last analysis; NotFound if there was none."""
    if not workspace.findings.is_file():
        raise NotFound(f"{workspace.root}: no findings; run `adaldyq analyze` first")
    return pq.read_table(workspace.findings, schema=FINDING_SCHEMA)


def read_run(workspace: Workspace) -> dict[str, Any]:
    """The run metadata of the last analysis."""
    if not workspace.run_file.is_file():
        raise NotFound(f"{workspace.root}: no run.json; run `adaldyq analyze` first")
    loaded: dict[str, Any] = orjson.loads(workspace.run_file.read_bytes())
    return loaded
