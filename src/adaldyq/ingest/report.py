"""Accounting of an ingest: every record read is loaded or rejected, and the counts add up.

Rejects go to `rejects.jsonl` (and the same rows to `rejects.csv` for spreadsheets) with the file,
line, the record's id (`ocid` for OCDS, `declaration_id` for declarations), JSON path and reason.
Field-level problems in records that were still loaded go to `issues.jsonl`, so a value read as
missing is never silently missing.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import orjson

from adaldyq.ingest.json_stream import Position


@dataclass
class FileCounts:
    """Counts for one input file."""

    read: int = 0
    loaded: int = 0
    rejected: int = 0
    bytes: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"read": self.read, "loaded": self.loaded, "rejected": self.rejected}


@dataclass
class IngestReport:
    """Counts per file and dataset, reasons of rejection, processes written per dataset, rows
    written per table (readers that fill several tables, such as declarations)."""

    files: dict[str, FileCounts] = field(default_factory=dict)
    processes: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    issues: int = 0

    def counts(self, file: str) -> FileCounts:
        return self.files.setdefault(file, FileCounts())

    @property
    def read(self) -> int:
        return sum(c.read for c in self.files.values())

    @property
    def loaded(self) -> int:
        return sum(c.loaded for c in self.files.values())

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.files.values())

    @property
    def balanced(self) -> bool:
        """True when read = loaded + rejected for every file."""
        return all(c.read == c.loaded + c.rejected for c in self.files.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "loaded": self.loaded,
            "rejected": self.rejected,
            "issues": self.issues,
            "processes": dict(self.processes),
            "rows": dict(self.rows),
            "files": {name: c.as_dict() for name, c in self.files.items()},
            "reject_reasons": dict(self.reasons.most_common()),
        }


class RejectLog:
    """Writes rejects and issues as they happen; a context manager that closes its files."""

    def __init__(
        self, rejects_jsonl: Path, rejects_csv: Path, issues_jsonl: Path, id_column: str = "ocid"
    ) -> None:
        self._columns = ("file", "line", id_column, "path", "reason")
        self._jsonl: IO[bytes] = rejects_jsonl.open("wb")
        self._csv_file: IO[str] = rejects_csv.open("w", newline="", encoding="utf-8")
        self._csv = csv.writer(self._csv_file)
        self._csv.writerow(self._columns)
        self._issues: IO[bytes] = issues_jsonl.open("wb")

    def reject(self, position: Position, ocid: str | None, path: str, reason: str) -> None:
        row = (position.file, position.line, ocid, _join(position.path, path), reason)
        self._jsonl.write(orjson.dumps(dict(zip(self._columns, row, strict=True))) + b"\n")
        self._csv.writerow(row)

    def issue(self, position: Position, ocid: str, path: str, reason: str) -> None:
        row = (position.file, position.line, ocid, path, reason)
        self._issues.write(orjson.dumps(dict(zip(self._columns, row, strict=True))) + b"\n")

    def __enter__(self) -> RejectLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._jsonl.close()
        self._csv_file.close()
        self._issues.close()


def _join(outer: str, inner: str) -> str:
    if outer and inner:
        return f"{outer}.{inner}"
    return outer or inner
