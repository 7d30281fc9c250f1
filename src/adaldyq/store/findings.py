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


class FindingsWriter:
    """Findings appended batch by batch (a rule's at a time), so a national run's findings never
    sit in memory together; `finish` puts the file and its run metadata in place at once, and a
    run that fails leaves the previous findings untouched. The file is opened on first use, so a
    run that stops before any rule (no workspace yet) leaves nothing behind."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._partial = workspace.findings.with_name(workspace.findings.name + ".partial")
        self._writer: pq.ParquetWriter | None = None

    def add(self, findings: pa.Table) -> None:
        if findings.num_rows:
            self._open().write_table(findings.cast(FINDING_SCHEMA))

    def finish(self, run: dict[str, Any]) -> None:
        self._open().close()
        self._partial.replace(self._workspace.findings)
        _write_run(self._workspace, run)

    def abandon(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._partial.unlink(missing_ok=True)

    def _open(self) -> pq.ParquetWriter:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._partial, FINDING_SCHEMA, compression="zstd")
        return self._writer


def _write_run(workspace: Workspace, run: dict[str, Any]) -> None:
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
