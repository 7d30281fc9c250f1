"""Import declarations into a workspace: every declaration read is loaded or rejected.

Formats: `nacp` (raw NACP documents and the declarations.com.ua export) and `canonical` (JSON,
JSON Lines, or a CSV set). All inputs of one import go to one dataset (`declarations` unless
named), since screening compares a person's declarations across years and files. The dataset's
declaration tables are replaced; procurement tables are not touched.

Beside the tables the import leaves, like the other readers, `rejects-declarations.jsonl`/`.csv`
(file, line, declaration_id, JSON path, reason), `issues-declarations.jsonl` (fields that could
not be read in declarations that were loaded) and `ingest-declarations.json` (read = loaded +
rejected per file, rows per table). A declaration id met a second time is rejected, naming where
it was first loaded: the declarations.com.ua export repeats some raw NACP documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Literal

import orjson

from adaldyq.errors import InputError
from adaldyq.ingest.declaration_rows import DeclarationRows, Read, Rejected
from adaldyq.ingest.declarations_canonical import read_canonical_json
from adaldyq.ingest.declarations_csv import csv_folder, read_canonical_csv
from adaldyq.ingest.declarations_nacp import read_nacp
from adaldyq.ingest.json_stream import expand_inputs
from adaldyq.ingest.parquet_sink import ParquetSink
from adaldyq.ingest.report import IngestReport, RejectLog
from adaldyq.model.declarations import DECLARATION_TABLES
from adaldyq.store.catalog import Workspace, dataset_slug

Format = Literal["nacp", "canonical"]
FORMATS: tuple[Format, ...] = ("nacp", "canonical")
DEFAULT_DATASET = "declarations"
NAME = "declarations"
"""Suffix of the reject, issue and report files of this reader in the workspace."""

Progress = Callable[[str, int], None]
"""Called with the file and 1 for each declaration read."""


class DeclarationsIngest:
    """One import into a workspace; `run` returns the report with balanced counts."""

    def __init__(
        self,
        workspace: Workspace,
        fmt: Format,
        dataset: str = DEFAULT_DATASET,
        progress: Progress | None = None,
    ) -> None:
        if fmt not in FORMATS:
            raise InputError(f"unknown declaration format {fmt!r}; known: {', '.join(FORMATS)}")
        self.workspace = workspace.create()
        self.fmt = fmt
        self.dataset = dataset_slug(dataset)
        self.progress = progress
        self.report = IngestReport()
        self._seen: dict[str, str] = {}

    def run(self, inputs: list[str]) -> IngestReport:
        sources = list(self._sources(inputs))
        tables = tuple(DECLARATION_TABLES)
        sink = ParquetSink(self.workspace, tables=tables, schemas=DECLARATION_TABLES)
        sink.start_dataset(self.dataset)
        first_reason = ""
        with RejectLog(
            self.workspace.output(f"rejects-{NAME}.jsonl"),
            self.workspace.output(f"rejects-{NAME}.csv"),
            self.workspace.output(f"issues-{NAME}.jsonl"),
            id_column="declaration_id",
        ) as log:
            try:
                for name, records in sources:
                    for record in records():
                        first_reason = self._account(name, record, sink, log) or first_reason
            finally:
                sink.close()
        self.workspace.output(f"ingest-{NAME}.json").write_bytes(
            orjson.dumps(self.report.as_dict(), option=orjson.OPT_INDENT_2)
        )
        if self.report.read and not self.report.loaded:
            raise InputError(f"no declaration could be loaded; first: {first_reason}")
        return self.report

    def _sources(self, inputs: list[str]) -> Iterator[tuple[str, Callable[[], Iterator[Read]]]]:
        """Each input with the reader of its records (CSV sets are folders)."""
        for name in inputs:
            folder = csv_folder(Path(name)) if self.fmt == "canonical" else None
            if folder is not None:
                yield str(folder), partial(read_canonical_csv, folder, self.dataset)
                continue
            reader = read_nacp if self.fmt == "nacp" else read_canonical_json
            for file in expand_inputs([name]):
                yield file, partial(reader, file, self.dataset)

    def _account(self, name: str, record: Read, sink: ParquetSink, log: RejectLog) -> str:
        """Load or reject one record; returns the reason when it was rejected."""
        counts = self.report.counts(name)
        counts.read += 1
        if self.progress is not None:
            self.progress(name, 1)
        if isinstance(record, DeclarationRows) and record.declaration_id in self._seen:
            first = self._seen[record.declaration_id]
            record = Rejected(
                record.position, record.declaration_id, "", f"already loaded from {first}"
            )
        if isinstance(record, Rejected):
            counts.rejected += 1
            log.reject(record.position, record.declaration_id, record.path, record.reason)
            self.report.reasons[record.reason.split(":", maxsplit=1)[0]] += 1
            return record.reason
        self._seen[record.declaration_id] = record.position.label()
        for table, rows in record.tables.items():
            if rows:
                sink.add(table, self.dataset, rows)
                self.report.rows[table] += len(rows)
        for issue in record.issues:
            log.issue(record.position, record.declaration_id, issue.path, issue.reason)
        self.report.issues += len(record.issues)
        counts.loaded += 1
        return ""
