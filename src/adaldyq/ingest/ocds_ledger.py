"""The accounting of an OCDS ingest: which records are loaded, which rejected and why.

Chunks are replayed in input order, so the outcome is that of one pass over every input: the
first copy of an ocid in a dataset is loaded, later copies are rejected as duplicates (their rows
taken out of their chunk's part), and only the problems of loaded releases reach issues.jsonl.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from adaldyq.ingest.json_stream import Position
from adaldyq.ingest.ocds_chunk import ChunkResult
from adaldyq.ingest.parquet_sink import drop_processes
from adaldyq.ingest.release_spool import ReleaseSpool
from adaldyq.ingest.report import IngestReport, RejectLog
from adaldyq.store.catalog import Workspace


class Ledger:
    """Counts, rejects and issues of one run, and the first position each ocid was loaded at."""

    def __init__(
        self, workspace: Workspace, report: IngestReport, log: RejectLog, spool: ReleaseSpool
    ) -> None:
        self.workspace = workspace
        self.report = report
        self.log = log
        self.spool = spool
        self.seen: dict[str, dict[str, Position]] = defaultdict(dict)

    def replay(self, result: ChunkResult, tables: tuple[str, ...]) -> None:
        """Account for one chunk's journal, then take its duplicates out of its part."""
        task = result.task
        self.report.counts(task.file).read += result.read
        dropped: set[str] = set()
        with task.journal.open("rb") as journal:
            for raw in journal:
                self._entry(orjson.loads(raw), task.file, task.dataset, dropped)
        task.journal.unlink()
        if dropped:
            drop_processes(self.workspace, task.dataset, task.part, dropped, tables)

    def _entry(self, entry: list[Any], file: str, dataset: str, dropped: set[str]) -> None:
        kind, line = entry[0], entry[1]
        if kind == "L":
            position = Position(file, line, entry[2])
            if not self.loaded(dataset, position, entry[3]):
                dropped.add(entry[3])
            else:
                self.report.counts(file).loaded += 1
        elif kind == "I":
            if entry[2] not in dropped:
                self.issue(Position(file, line, ""), entry[2], entry[3], entry[4])
        elif kind == "D":
            self.loaded(dataset, Position(file, line, entry[2]), entry[3])
        elif kind == "R":
            self.reject(Position(file, line, entry[2]), entry[3], entry[4], entry[5])
        else:
            self.spool.add(dataset, Position(file, line, entry[2]), entry[3])

    def loaded(self, dataset: str, position: Position, ocid: str) -> bool:
        """Record a compiled release as loaded, or reject it when its ocid already was."""
        seen = self.seen[dataset]
        if ocid in seen:
            reason = f"duplicate ocid, first loaded at {seen[ocid].label()}"
            self.reject(position, ocid, "ocid", reason)
            return False
        seen[ocid] = position
        self.report.processes[dataset] += 1
        return True

    def issue(self, position: Position, ocid: str, path: str, reason: str) -> None:
        self.log.issue(position, ocid, path, reason)
        self.report.issues += 1

    def reject(self, position: Position, ocid: str | None, path: str, reason: str) -> None:
        self.log.reject(position, ocid, path, reason)
        self.report.counts(position.file).rejected += 1
        self.report.reasons[reason.split(":", maxsplit=1)[0]] += 1


def journal_path(workspace: Workspace, part: str) -> Path:
    """Where a chunk keeps its journal until the parent replays it."""
    return workspace.root / f".ingest-journal-{part}.jsonl"
