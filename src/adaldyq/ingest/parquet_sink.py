"""Buffered Parquet writers: one file per canonical table and dataset, memory bounded by batch."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from adaldyq.model.tables import CANONICAL_TABLES, SIDE_TABLES
from adaldyq.store.catalog import Workspace

Row = dict[str, object]


class ParquetSink:
    """Collects rows per (table, dataset) and writes them in batches of `batch_rows`.

    A sink owns `tables` (by default every table OCDS ingest fills): it drops and rewrites only
    those, so re-ingesting OCDS keeps the plan lines and bid scores read by their own readers.
    """

    def __init__(
        self, workspace: Workspace, batch_rows: int = 50_000, tables: Collection[str] | None = None
    ) -> None:
        self._workspace = workspace
        self._tables = (
            tuple(tables)
            if tables is not None
            else tuple(t for t in CANONICAL_TABLES if t not in SIDE_TABLES)
        )
        self._batch_rows = batch_rows
        self._buffers: dict[tuple[str, str], list[Row]] = {}
        self._writers: dict[tuple[str, str], pq.ParquetWriter] = {}
        self._started: set[str] = set()

    def start_dataset(self, dataset: str) -> None:
        """Drop what an earlier ingest left for this dataset, once per run."""
        if dataset not in self._started:
            self._workspace.drop_dataset(dataset, self._tables)
            self._started.add(dataset)

    def add(self, table: str, dataset: str, rows: list[Row]) -> None:
        buffer = self._buffers.setdefault((table, dataset), [])
        buffer.extend(rows)
        if len(buffer) >= self._batch_rows:
            self._flush(table, dataset)

    def close(self) -> None:
        """Flush every buffer and write an empty file for tables a dataset left empty.

        Tables of other readers get an empty file only where they have none yet, so every
        canonical table of a dataset can be read.
        """
        for table, dataset in list(self._buffers):
            self._flush(table, dataset)
        for dataset in self._started:
            for table in CANONICAL_TABLES:
                owned = table in self._tables
                missing = not any(self._workspace.partition_dir(table, dataset).glob("*.parquet"))
                if (table, dataset) not in self._writers and (owned or missing):
                    self._writer(table, dataset)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()

    def _flush(self, table: str, dataset: str) -> None:
        rows = self._buffers.get((table, dataset))
        if not rows:
            return
        batch = pa.Table.from_pylist(rows, schema=CANONICAL_TABLES[table])
        self._writer(table, dataset).write_table(batch)
        rows.clear()

    def _writer(self, table: str, dataset: str) -> pq.ParquetWriter:
        key = (table, dataset)
        if key not in self._writers:
            folder: Path = self._workspace.partition_dir(table, dataset)
            folder.mkdir(parents=True, exist_ok=True)
            self._writers[key] = pq.ParquetWriter(
                folder / "part-0.parquet", CANONICAL_TABLES[table], compression="zstd"
            )
        return self._writers[key]
