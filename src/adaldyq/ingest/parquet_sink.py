"""Buffered Parquet writers: a file per canonical table, dataset and part; memory bounded by batch.

Several processes may write the same dataset at once, each its own `part-<name>.parquet`; the
readers take every `*.parquet` of a partition folder.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from operator import itemgetter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from adaldyq.model.tables import CANONICAL_TABLES, SIDE_TABLES
from adaldyq.store.catalog import Workspace

Row = dict[str, object]


class ParquetSink:
    """Collects rows per (table, dataset) and writes them in batches of `batch_rows`.

    A sink owns `tables` (by default every table OCDS ingest fills): it drops and rewrites only
    those, so re-ingesting OCDS keeps the plan lines and bid scores read by their own readers.
    Rows are dicts keyed by column; every row of a table has every column of its schema.
    `schemas` are the tables a dataset has (the procurement tables unless given).
    """

    def __init__(
        self,
        workspace: Workspace,
        batch_rows: int = 20_000,
        tables: Collection[str] | None = None,
        part: str = "0",
        schemas: Mapping[str, pa.Schema] = CANONICAL_TABLES,
    ) -> None:
        self._workspace = workspace
        self._schemas = schemas
        self._tables = (
            tuple(tables)
            if tables is not None
            else tuple(t for t in schemas if t not in SIDE_TABLES)
        )
        self._batch_rows = batch_rows
        self._part = part
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
        """Flush every buffer and write an empty file for tables a started dataset left empty.

        Owned tables were dropped when their dataset started, so a table with no file yet is one
        that no part (of this sink or another process) has written; every canonical table of a
        dataset can then be read.
        """
        for table, dataset in list(self._buffers):
            self._flush(table, dataset)
        for dataset in self._started:
            for table in self._schemas:
                missing = not self._workspace.has_partition(table, dataset)
                if (table, dataset) not in self._writers and missing:
                    self._writer(table, dataset)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()

    def _flush(self, table: str, dataset: str) -> None:
        rows = self._buffers.get((table, dataset))
        if not rows:
            return
        schema = self._schemas[table]
        # Transposing with itemgetter runs in C; from_pylist would build the columns in Python.
        columns = zip(*map(itemgetter(*schema.names), rows), strict=True)
        arrays = [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)]
        self._writer(table, dataset).write_table(pa.Table.from_arrays(arrays, schema=schema))
        rows.clear()

    def _writer(self, table: str, dataset: str) -> pq.ParquetWriter:
        key = (table, dataset)
        if key not in self._writers:
            folder: Path = self._workspace.partition_dir(table, dataset)
            folder.mkdir(parents=True, exist_ok=True)
            self._writers[key] = pq.ParquetWriter(
                folder / f"part-{self._part}.parquet", self._schemas[table], compression="zstd"
            )
        return self._writers[key]


def drop_processes(
    workspace: Workspace, dataset: str, part: str, ocids: Iterable[str], tables: Iterable[str]
) -> None:
    """Rewrite one part of each table without the rows of `ocids` (a part holds each ocid once)."""
    unwanted = pa.array(sorted(ocids), type=pa.string())
    for table in tables:
        path = workspace.partition_dir(table, dataset) / f"part-{part}.parquet"
        if not path.exists():
            continue
        kept = pq.ParquetFile(path).read()
        kept = kept.filter(pc.invert(pc.is_in(kept["ocid"], value_set=unwanted)))
        pq.write_table(kept, path, compression="zstd")
