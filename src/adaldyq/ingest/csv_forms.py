"""Documented CSV forms (plan lines, bid scores, reference prices): read, validate, load.

A form is a list of columns, each with a parser that turns the cell text into a value or raises
`ValueError` with the reason. The header must name every mandatory column and no unknown one (a
misspelt column would otherwise be read as empty). Each data line is then loaded or rejected with
the file, the line (where the record starts) and the field, so read = loaded + rejected, as for
OCDS. UTF-8 (with or without BOM); comma or, as spreadsheets in Kazakh and Russian locales write
it, semicolon as delimiter; a decimal comma is read as a decimal point. A form given as a
Parquet file (`.parquet`, the same column names) is read as the CSV holding the same values.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from adaldyq.errors import InputError
from adaldyq.ingest.json_stream import Position
from adaldyq.ingest.parquet_sink import ParquetSink
from adaldyq.ingest.report import IngestReport, RejectLog
from adaldyq.model.tables import CANONICAL_TABLES
from adaldyq.store.catalog import Workspace, dataset_slug

Parser = Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a form: `required` values may not be empty; `optional` columns may be
    left out of the header altogether."""

    name: str
    parse: Parser
    required: bool = True
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """A valid data line: its position and its parsed values by column name."""

    position: Position
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that cannot be loaded, and why (the field is '' when the whole line is wrong)."""

    position: Position
    field: str
    reason: str


def text(cell: str) -> str:
    return cell


def optional(name: str, parse: Parser = text) -> Column:
    """A column whose value may be empty and which the header may leave out altogether."""
    return Column(name, parse, required=False, optional=True)


def number(cell: str) -> float:
    """A finite decimal number; spaces as thousands separators and a decimal comma accepted."""
    cleaned = cell.replace("\u00a0", "").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"not a number: {cell!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {cell!r}")
    return value


def positive(cell: str) -> float:
    value = number(cell)
    if value <= 0:
        raise ValueError(f"must be greater than 0, got {cell!r}")
    return value


def non_negative(cell: str) -> float:
    value = number(cell)
    if value < 0:
        raise ValueError(f"must not be negative, got {cell!r}")
    return value


def year(cell: str) -> int:
    if not (cell.isdigit() and len(cell) == 4):
        raise ValueError(f"not a four-digit year: {cell!r}")
    return int(cell)


def currency(cell: str) -> str:
    if not (len(cell) == 3 and cell.isascii() and cell.isalpha() and cell.isupper()):
        raise ValueError(f"not an ISO 4217 currency code (three capital letters): {cell!r}")
    return cell


def read_header(path: Path) -> list[str]:
    """The column names of a form's file, for a reader that tells the form by its columns."""
    return [name.strip() for name in next(_records(path))[1]]


def read_form(path: Path, columns: tuple[Column, ...]) -> Iterator[Line | BadLine]:
    """Every data line of one CSV file (or row of a Parquet file), parsed or rejected; header
    problems are an InputError."""
    records = _records(path)
    header = [name.strip() for name in next(records)[1]]
    _check_header(path, header, columns)
    wanted = [c for c in columns if c.name in header]
    index = {name: i for i, name in enumerate(header)}
    for line, cells in records:
        position = Position(str(path), line, "")
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield BadLine(
                position,
                "",
                f"wrong number of fields: expected {len(header)}, got {len(cells)}",
            )
            continue
        yield _parse(position, cells, index, wanted)


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    return _parquet_records(path) if path.suffix.lower() == ".parquet" else _csv_records(path)


def _csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """The header, then each record with the line it starts on."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        if not first.strip():
            raise InputError("empty file: expected a header line", path=path, record=1)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1


def _parquet_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """A Parquet file's column names, then each row's values as the text a CSV cell would hold
    (days as YYYY-MM-DD, numbers as Python writes them, null as empty), numbered as a CSV's
    lines are (the first row is line 2), so one parser and one error format serve both."""
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"not a readable Parquet file: {exc}", path=path) from None
    yield 1, list(parquet.schema_arrow.names)
    line = 2
    for batch in parquet.iter_batches():
        for row in batch.to_pylist():
            yield line, [_cell(value) for value in row.values()]
            line += 1


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_header(path: Path, header: list[str], columns: tuple[Column, ...]) -> None:
    known = {c.name for c in columns}
    unknown = [name for name in header if name not in known]
    if unknown:
        expected = ", ".join(c.name for c in columns)
        raise InputError(f"unknown column (expected: {expected})", path, 1, unknown[0])
    missing = [c.name for c in columns if not c.optional and c.name not in header]
    if missing:
        raise InputError("mandatory column missing from the header", path, 1, missing[0])
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError("column named twice in the header", path, 1, name)
        seen.add(name)


def _parse(
    position: Position, cells: list[str], index: dict[str, int], columns: list[Column]
) -> Line | BadLine:
    values: dict[str, Any] = {}
    for column in columns:
        cell = cells[index[column.name]].strip()
        if not cell:
            if column.required:
                return BadLine(position, column.name, "required value is missing")
            values[column.name] = None
            continue
        try:
            values[column.name] = column.parse(cell)
        except ValueError as exc:
            return BadLine(position, column.name, str(exc))
    return Line(position, values)


def read_all(path: Path, columns: tuple[Column, ...]) -> list[Line]:
    """Every line of a small form used as configuration data: the first bad line is an error."""
    lines = []
    for line in read_form(path, columns):
        if isinstance(line, BadLine):
            raise InputError(line.reason, path, line.position.line, line.field or None)
        lines.append(line)
    return lines


Check = Callable[[Line], BadLine | None]
"""A cross-line check (duplicates, consistency with earlier lines) run on each parsed line."""


def form_row(
    line: Line, dataset: str, table: str, schemas: Mapping[str, pa.Schema] = CANONICAL_TABLES
) -> dict[str, object]:
    """A parsed line as a row of its canonical table: its columns, where it came from, and null
    for the table's other columns (a plan line has no ocid yet)."""
    row: dict[str, object] = dict.fromkeys(schemas[table].names)
    row.update(line.values)
    row.update(dataset=dataset, source_file=line.position.file, source_line=line.position.line)
    return row


def ingest_form(
    workspace: Workspace,
    paths: list[Path],
    dataset: str,
    table: str,
    columns: tuple[Column, ...],
    check: Check,
    schemas: Mapping[str, pa.Schema] = CANONICAL_TABLES,
) -> IngestReport:
    """Load the CSV files of one form into `table` of `dataset`, replacing what was there.

    Rejects go to `rejects-<table>.jsonl`/`.csv` and the counts to `ingest-<table>.json` in the
    workspace, beside (not over) those of the OCDS ingest. A file with lines of which none could
    be loaded is an InputError naming the first bad line. `schemas` holds the table's schema
    (procurement's tables unless given: the declarations screening has its own inputs).
    """
    workspace = workspace.create()
    dataset = dataset_slug(dataset)
    report = IngestReport()
    sink = ParquetSink(workspace, tables=(table,), schemas={table: schemas[table]})
    sink.start_dataset(dataset)
    rejects = workspace.output(f"rejects-{table}")
    with RejectLog(
        rejects.with_suffix(".jsonl"),
        rejects.with_suffix(".csv"),
        workspace.output(f"issues-{table}.jsonl"),
    ) as log:
        try:
            for path in paths:
                form = _Form(table, columns, check, schemas)
                _load_file(Path(path), dataset, form, sink, log, report)
        finally:
            sink.close()
    workspace.output(f"ingest-{table}.json").write_bytes(
        orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2)
    )
    return report


@dataclass(frozen=True, slots=True)
class _Form:
    """What one form's lines are checked with and where they go."""

    table: str
    columns: tuple[Column, ...]
    check: Check
    schemas: Mapping[str, pa.Schema]


def _load_file(
    path: Path,
    dataset: str,
    form: _Form,
    sink: ParquetSink,
    log: RejectLog,
    report: IngestReport,
) -> None:
    if not path.is_file():
        raise InputError("file not found", path=path)
    counts = report.counts(str(path))
    first: BadLine | None = None
    for line in read_form(path, form.columns):
        counts.read += 1
        bad = line if isinstance(line, BadLine) else form.check(line)
        if bad is None and isinstance(line, Line):
            sink.add(form.table, dataset, [form_row(line, dataset, form.table, form.schemas)])
            counts.loaded += 1
            continue
        if bad is not None:
            first = first or bad
            log.reject(bad.position, None, bad.field, bad.reason)
            counts.rejected += 1
            report.reasons[bad.reason.split(":", maxsplit=1)[0]] += 1
    if first is not None and counts.loaded == 0:
        raise InputError(
            f"no line could be loaded; first: {first.reason}",
            path,
            first.position.line,
            first.field or None,
        )
