"""Read one chunk of an input (a whole file, or a line-aligned byte range of a JSON Lines file).

A chunk may run in a worker process, so it cannot touch the run's shared state: it writes the
rows of the compiled releases it finds to its own Parquet part, and everything the accounting
needs to a journal, read back in order by the parent (`ocds_ledger.py`). The parent decides
what is loaded across chunks: an ocid loaded by an earlier chunk of the same dataset turns this
chunk's copy into a duplicate, as it would have in a single pass.

Journal entries (one JSON array per line; `file` is the chunk's):
- `["L", line, path, ocid]`            a compiled release loaded into the part
- `["I", line, ocid, path, reason]`    a field-level problem of the release loaded just before
- `["D", line, path, ocid]`            a second copy of an ocid this chunk already loaded
- `["R", line, path, ocid, field, reason]` a record rejected
- `["S", line, path, release]`         a release to merge once every input is read
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from adaldyq.ingest.json_stream import Document, read_documents, read_json_lines_range
from adaldyq.ingest.ocds_tables import release_rows
from adaldyq.ingest.ocds_units import units
from adaldyq.ingest.ocds_values import Problems
from adaldyq.ingest.parquet_sink import ParquetSink
from adaldyq.store.catalog import Workspace

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class ChunkTask:
    """What one chunk reads (`start`/`end` None: the whole file) and where it writes."""

    workspace: Path
    file: str
    dataset: str
    part: str
    journal: Path
    start: int | None = None
    end: int | None = None

    @property
    def size(self) -> int:
        return 0 if self.start is None or self.end is None else self.end - self.start


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What the parent needs besides the journal: records read, the first reason of rejection."""

    task: ChunkTask
    read: int
    first_reason: str


def split_file(file: str, parts: int) -> list[tuple[int, int]]:
    """Byte ranges [start, end) of about equal size, each ending just after a newline."""
    size = Path(file).stat().st_size
    bounds = [0]
    with Path(file).open("rb") as handle:
        for k in range(1, parts):
            handle.seek(max(size * k // parts, bounds[-1]))
            handle.readline()  # finish the line the cut fell in
            bounds.append(min(handle.tell(), size))
    bounds.append(size)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def read_chunk(task: ChunkTask, progress: Progress | None = None) -> ChunkResult:
    """Load the compiled releases of one chunk into its part and journal the rest.

    The cyclic garbage collector is paused meanwhile: parsed JSON and rows hold no cycles, and
    its passes over millions of young objects cost about a tenth of the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _read(task, progress)
    finally:
        if was_enabled:
            gc.enable()


def _read(task: ChunkTask, progress: Progress | None) -> ChunkResult:
    sink = ParquetSink(Workspace(task.workspace), part=task.part)
    loaded: set[str] = set()
    read, first_reason = 0, ""
    with task.journal.open("wb") as journal:
        write = _writer(journal)
        try:
            for document in _documents(task):
                if progress is not None:
                    progress(task.file, document.size)
                for unit in units(document):
                    read += 1
                    line, path = unit.position.line, unit.position.path
                    if unit.kind == "reject" or unit.value is None:
                        first_reason = first_reason or f"{unit.position.label()}: {unit.reason}"
                        write(["R", line, path, None, unit.path, unit.reason])
                    elif unit.kind == "release":
                        write(["S", line, path, unit.value])
                    elif unit.value["ocid"] in loaded:
                        write(["D", line, path, unit.value["ocid"]])
                    else:
                        loaded.add(unit.value["ocid"])
                        _load(unit.value, task, line, path, sink, write)
        finally:
            sink.close()
    return ChunkResult(task, read, first_reason)


def load_release(
    release: dict[str, Any], dataset: str, file: str, line: int | None, sink: ParquetSink
) -> list[tuple[str, str]]:
    """Rows of one compiled release into the sink; returns its field-level problems."""
    problems = Problems()
    rows = release_rows(release, dataset, file, line, problems)
    for table, table_rows in rows.tables.items():
        sink.add(table, dataset, table_rows)
    return problems.items


def _load(
    release: dict[str, Any],
    task: ChunkTask,
    line: int | None,
    path: str,
    sink: ParquetSink,
    write: Callable[[list[Any]], None],
) -> None:
    ocid = release["ocid"]
    write(["L", line, path, ocid])
    for field, reason in load_release(release, task.dataset, task.file, line, sink):
        write(["I", line, ocid, field, reason])


def _documents(task: ChunkTask) -> Iterator[Document]:
    if task.start is None or task.end is None:
        return read_documents(task.file)
    return read_json_lines_range(task.file, task.start, task.end, _line_at(task.file, task.start))


def _line_at(file: str, offset: int) -> int:
    """The number of the line starting at `offset`; counted by the chunk, in parallel."""
    newlines = 0
    with Path(file).open("rb") as handle:
        while offset > 0:
            block = handle.read(min(offset, 1 << 24))
            if not block:
                break
            newlines += block.count(b"\n")
            offset -= len(block)
    return newlines + 1


def _writer(journal: IO[bytes]) -> Callable[[list[Any]], None]:
    def write(entry: list[Any]) -> None:
        journal.write(orjson.dumps(entry))
        journal.write(b"\n")

    return write
