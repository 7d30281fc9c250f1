"""Findings on disk: one `findings.parquet` in the common schema for every engine, and a run file
per engine.

One file, because the interface automated checks use reads `DIR/findings.parquet`, and the
dashboard ranks across engines; an engine's run replaces only that engine's rows (or, for the
drafts engine, only the rows of the drafts checked again), so analysing procurement does not wipe
the legal drafts' findings. `runs/<engine>.json` keeps what makes a run reproducible and
checkable: the run id, the settings, and per dataset and rule the parameters actually used.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from adaldyq.errors import NotFound
from adaldyq.model.findings import FINDING_SCHEMA
from adaldyq.store.catalog import Workspace

_COMMANDS = {
    "procurement": "adaldyq analyze",
    "legal_drafts": "adaldyq draft check --workspace",
    "declarations": "adaldyq declarations screen",
}
"""The command that fills an engine's findings, named in the NotFound messages."""


class FindingsWriter:
    """Findings appended batch by batch (a rule's at a time), so a national run's findings never
    sit in memory together; `finish` puts the file and its run metadata in place at once, and a
    run that fails leaves the previous findings untouched. The file is opened on first use, so a
    run that stops before any rule (no workspace yet) leaves nothing behind.

    A run replaces its engine's rows and keeps every other engine's. With `replaces`, it replaces
    only its engine's rows of those datasets: the drafts engine checks a few acts at a time, and
    the store keeps the latest findings of every act checked so far. Kept rows are copied batch
    by batch, so a national store is never read into memory whole."""

    def __init__(
        self, workspace: Workspace, engine: str, replaces: Collection[str] | None = None
    ) -> None:
        self._workspace = workspace
        self._engine = engine
        self._target = workspace.findings
        self._partial = self._target.with_name(self._target.name + ".partial")
        self._replaces = replaces
        self._writer: pq.ParquetWriter | None = None

    def add(self, findings: pa.Table) -> None:
        if findings.num_rows:
            self._open().write_table(findings.cast(FINDING_SCHEMA))

    def finish(self, run: dict[str, Any]) -> None:
        if self._target.is_file():
            for batch in pq.ParquetFile(self._target).iter_batches():
                self.add(pa.Table.from_batches([batch]).filter(self._kept()))
        self._open().close()
        self._partial.replace(self._target)
        _write_run(self._workspace.run_file(self._engine), run)

    def _kept(self) -> pc.Expression:
        """Rows of the old store this run does not replace."""
        other_engine = pc.field("engine") != self._engine
        if self._replaces is None:
            return other_engine
        return other_engine | ~pc.field("dataset").isin(list(self._replaces))

    def abandon(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._partial.unlink(missing_ok=True)

    def _open(self) -> pq.ParquetWriter:
        if self._writer is None:
            self._partial.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self._partial, FINDING_SCHEMA, compression="zstd")
        return self._writer


def _write_run(path: Path, run: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        orjson.dumps(
            run,
            option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
            default=str,
        )
    )


def read_findings(workspace: Workspace, engine: str) -> pa.Table:
    """The engine's stored findings; NotFound if it never ran in this workspace."""
    path = workspace.findings
    missing = NotFound(f"{workspace.root}: no {engine} findings; run `{_command(engine)}` first")
    if not path.is_file():
        raise missing
    table = pq.read_table(path, schema=FINDING_SCHEMA, filters=pc.field("engine") == engine)
    if table.num_rows == 0 and not workspace.run_file(engine).is_file():
        raise missing
    return table


def read_run(workspace: Workspace, engine: str) -> dict[str, Any]:
    """The run metadata of the engine's last run."""
    path = workspace.run_file(engine)
    if not path.is_file():
        raise NotFound(f"{workspace.root}: no {path.name}; run `{_command(engine)}` first")
    loaded: dict[str, Any] = orjson.loads(path.read_bytes())
    return loaded


def _command(engine: str) -> str:
    return _COMMANDS.get(engine, f"the {engine} engine")
