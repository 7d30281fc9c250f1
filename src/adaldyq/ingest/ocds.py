"""Ingest OCDS: packages, records, releases and compiled releases into canonical tables.

What each document holds is told by `ocds_units.py`; every record read is loaded or rejected with
its reason (see `report.py`). A file of which no record could be loaded is an input error (not
JSON, or not OCDS), reported in one line.

Large plain JSON Lines files are cut into line-aligned byte ranges read by a pool of processes,
each writing its own Parquet part (`ocds_chunk.py`): parsing and building rows is CPU-bound and
Python runs it on one core per process. Each chunk's journal is then replayed in input order
(`ocds_ledger.py`), so the outcome is the same as one pass: same rows, rejects and issues.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import orjson
from ocdsmerge.exceptions import OCDSMergeError

from adaldyq.errors import InputError
from adaldyq.ingest.json_stream import dataset_name, expand_inputs, is_splittable_json_lines
from adaldyq.ingest.ocds_chunk import ChunkTask, load_release, read_chunk, split_file
from adaldyq.ingest.ocds_ledger import Ledger, journal_path
from adaldyq.ingest.parquet_sink import ParquetSink
from adaldyq.ingest.release_spool import ReleaseSpool, merger
from adaldyq.ingest.report import IngestReport, RejectLog
from adaldyq.model.tables import CANONICAL_TABLES, SIDE_TABLES
from adaldyq.store.catalog import Workspace, dataset_slug

Progress = Callable[[str, int], None]
OCDS_TABLES = tuple(t for t in CANONICAL_TABLES if t not in SIDE_TABLES)
SPLIT_BYTES = 16 << 20
"""Files below this size are read in one piece: a worker process costs more than it saves."""


class OcdsIngest:
    """One ingest run into a workspace; `run` returns the report with balanced counts.

    `workers` processes read large JSON Lines files (default: the CPUs, at most 2, which is what
    the shared machines have); `split_bytes` is the size from which a file is split.
    """

    def __init__(
        self,
        workspace: Workspace,
        dataset: str | None = None,
        progress: Progress | None = None,
        workers: int | None = None,
        split_bytes: int = SPLIT_BYTES,
    ) -> None:
        self.workspace = workspace.create()
        self.dataset = dataset_slug(dataset) if dataset else None
        self.progress = progress
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1)
        self.split_bytes = split_bytes
        self.report = IngestReport()
        self._parts = 0

    def run(self, inputs: list[str]) -> IngestReport:
        files = expand_inputs(inputs)
        sink = ParquetSink(self.workspace, tables=OCDS_TABLES, part="merged")
        spool = ReleaseSpool(self.workspace.root / ".release-spool.sqlite")
        pool: Executor | None = None
        with RejectLog(
            self.workspace.rejects_jsonl, self.workspace.rejects_csv, self.workspace.issues_jsonl
        ) as log:
            ledger = Ledger(self.workspace, self.report, log, spool)
            try:
                for file in files:
                    dataset = self.dataset or dataset_slug(dataset_name(file))
                    sink.start_dataset(dataset)
                    tasks = list(self._tasks(file, dataset))
                    if len(tasks) > 1 and pool is None:
                        pool = _pool(self.workers)
                    self._read_file(file, tasks, pool, ledger)
                self._merge(spool, sink, ledger)
            finally:
                if pool is not None:
                    pool.shutdown(cancel_futures=True)
                sink.close()
                spool.close()
                for leftover in self.workspace.root.glob(journal_path(self.workspace, "*").name):
                    leftover.unlink()
        _write_report(self.workspace, self.report)
        return self.report

    def _tasks(self, file: str, dataset: str) -> Iterator[ChunkTask]:
        ranges: list[tuple[int | None, int | None]] = [(None, None)]
        if (
            self.workers > 1
            and is_splittable_json_lines(file)
            and Path(file).stat().st_size >= self.split_bytes
        ):
            ranges = list(split_file(file, self.workers))
        for start, end in ranges:
            part = str(self._parts)
            self._parts += 1
            journal = journal_path(self.workspace, part)
            yield ChunkTask(self.workspace.root, file, dataset, part, journal, start, end)

    def _read_file(
        self, file: str, tasks: list[ChunkTask], pool: Executor | None, ledger: Ledger
    ) -> None:
        if pool is None or len(tasks) == 1:
            results = [read_chunk(task, self.progress) for task in tasks]
        else:
            results = list(pool.map(read_chunk, tasks))
        first_reason = ""
        for result in results:
            if self.progress is not None and result.task.size:
                self.progress(file, result.task.size)
            first_reason = first_reason or result.first_reason
            ledger.replay(result, OCDS_TABLES)
        counts = self.report.counts(file)
        if counts.read and counts.rejected == counts.read:
            raise InputError(f"no record could be loaded; first: {first_reason}", path=file)

    def _merge(self, spool: ReleaseSpool, sink: ParquetSink, ledger: Ledger) -> None:
        if not spool.count:
            return
        compile_releases = merger().create_compiled_release
        for dataset, ocid, group in spool.groups():
            seen = ledger.seen[dataset]
            if ocid in seen:
                reason = f"ocid already loaded from {seen[ocid].label()}"
                for position, _ in group:
                    ledger.reject(position, ocid, "ocid", reason)
                continue
            try:
                compiled = compile_releases([release for _, release in group])
            except (OCDSMergeError, TypeError, ValueError, KeyError) as exc:
                for position, _ in group:
                    ledger.reject(position, ocid, "", f"cannot merge releases: {exc!r}")
                continue
            first = group[0][0]
            ledger.loaded(dataset, first, ocid)
            for path, reason in load_release(compiled, dataset, first.file, first.line, sink):
                ledger.issue(first, ocid, path, reason)
            for position, _ in group:
                self.report.counts(position.file).loaded += 1


def _pool(workers: int) -> Executor:
    """Forked workers start at once with every module the parent has imported."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def _write_report(workspace: Workspace, report: IngestReport) -> None:
    workspace.ingest_report.write_bytes(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2))
