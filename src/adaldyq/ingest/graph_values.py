"""Values and rows shared by the graph importers (BODS, FtM): dates, numbers, empty rows, and
what one record read turns into.

Dates in both standards may be partial (`1965-11`, `2017`): they are kept as published and
turned into the first and the last day they can mean, so an ownership that started in
"2017-11" counts from 1 November and one that ended in "2019" counts to 31 December.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
import pyarrow as pa

from adaldyq.ingest.json_stream import Document, Position, holds_json_lines, read_documents
from adaldyq.model.graph import EDGES, NODES

Row = dict[str, object]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.+\-Z]*)?$")


@dataclass(frozen=True, slots=True)
class Issue:
    """A field that could not be read, or a fact worth a look, in a record that was loaded."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class PartialDate:
    """An ISO date as precise as given (`text`), and the first and last day it covers."""

    text: str
    first_day: date
    last_day: date


def partial_date_text(cell: str) -> str:
    """A form's date cell as the ISO text it gives (`1978`, `1978-06`, `1978-06-02`)."""
    return parse_partial_date(cell).text


def parse_partial_date(value: object) -> PartialDate:
    """`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a timestamp (its date part); ValueError otherwise."""
    match = _PARTIAL_DATE.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not an ISO date: {value!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern requires it
    try:
        if month is None:
            return PartialDate(f"{year:04d}", date(year, 1, 1), date(year, 12, 31))
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        if day is None:
            return PartialDate(
                f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last)
            )
        exact = date(year, month, day)
    except ValueError:
        raise ValueError(f"not a calendar date: {value!r}") from None
    return PartialDate(exact.isoformat(), exact, exact)


def parse_number(value: object) -> float:
    """A finite number given as a JSON number or a decimal string (FtM keeps numbers as
    strings; a decimal comma and a trailing `%` are accepted)."""
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        cleaned = value.strip().removesuffix("%").replace("\u00a0", "").replace(" ", "")
        try:
            number = float(cleaned.replace(",", ".") if "." not in cleaned else cleaned)
        except ValueError:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise ValueError(f"not a number: {value!r}")
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def parse_share(value: object) -> float:
    """A percentage between 0 and 100."""
    share = parse_number(value)
    if not 0 <= share <= 100:
        raise ValueError(f"a share must lie between 0 and 100 %: {value!r}")
    return share


def encode_extra(properties: dict[str, list[str]]) -> str | None:
    """FtM properties without a column, as a JSON object with sorted keys (None when empty)."""
    kept = {name: values for name, values in sorted(properties.items()) if values}
    return orjson.dumps(kept).decode() if kept else None


def decode_extra(extra: str | None) -> dict[str, list[str]]:
    return orjson.loads(extra) if extra else {}


_NODE_LISTS = tuple(f.name for f in NODES if isinstance(f.type, pa.ListType))


def empty_node(dataset: str, node_id: str, schema: str, position: Position, record: str) -> Row:
    """A `nodes` row with its key and provenance, every other column empty."""
    row: Row = dict.fromkeys(NODES.names)
    for name in _NODE_LISTS:
        row[name] = []
    row.update(_key(dataset, node_id, schema, position, record))
    return row


def empty_edge(
    dataset: str,
    edge_id: str,
    schema: str,
    ends: tuple[str | None, str | None],
    position: Position,
    record: str,
) -> Row:
    """An `edges` row from `ends[0]` to `ends[1]` with its key and provenance."""
    row: Row = dict.fromkeys(EDGES.names)
    row["refs"] = []
    row.update(_key(dataset, edge_id, schema, position, record))
    row["source"], row["target"] = ends
    return row


def _key(dataset: str, row_id: str, schema: str, position: Position, record: str) -> Row:
    return {
        "dataset": dataset,
        "id": row_id,
        "schema": schema,
        "source_file": position.file,
        "source_line": position.line,
        "source_record": record,
    }


def set_interval(edge: Row, issues: list[Issue], end_path: str) -> None:
    """Fill `start_day`/`end_day` from the published dates: `startDate`/`endDate`, or the
    day(s) of `date` for a dated event such as a payment. A tie that ends before it starts is
    an issue at `end_path` (its days are kept: the dates may be swapped, not wrong)."""
    start = edge["start_date"] or edge["date"]
    end = edge["end_date"] or (edge["date"] if not edge["start_date"] else None)
    first = parse_partial_date(start).first_day if start else None
    last = parse_partial_date(end).last_day if end else None
    edge["start_day"], edge["end_day"] = first, last
    if first is not None and last is not None and last < first:
        issues.append(Issue(end_path, f"the tie ends ({end}) before it starts ({start})"))


@dataclass
class GraphRecord:
    """One record read (a BODS statement, an FtM entity): its rows and the issues met.

    `key` is what a later record replaces (a BODS `recordId`), `order` sorts the versions of a
    key (BODS `statementDate`); records without a key stand alone.
    """

    position: Position
    record_id: str
    nodes: list[Row] = field(default_factory=list)
    edges: list[Row] = field(default_factory=list)
    facts: list[Row] = field(default_factory=list)
    """`company_facts` rows (`ingest/company_facts.py`)."""
    issues: list[Issue] = field(default_factory=list)
    key: str | None = None
    order: str = ""


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record read that cannot be loaded: where, which record (if known), which field, why."""

    position: Position
    record_id: str | None
    path: str
    reason: str


GraphRead = GraphRecord | Rejected
"""What a graph importer yields for each record it reads."""


class NotARecord(ValueError):
    """Raised inside an importer for a record that cannot be loaded; `path` is the field."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path


def read_date(value: object, path: str, issues: list[Issue]) -> str | None:
    """The date's ISO text, or None with an issue naming the field when it is not a date."""
    if value is None or value == "":
        return None
    try:
        return parse_partial_date(value).text
    except ValueError as exc:
        issues.append(Issue(path, str(exc)))
        return None


def json_records(file: str) -> Iterator[Document]:
    """Each record of a file: a JSON Lines line, a top-level value, or an item of a top-level
    array (BODS publishes arrays of statements, FtM tools write lines), with its position."""
    for document in read_documents(file, json_lines=True if holds_json_lines(file) else None):
        if document.error is not None or not isinstance(document.value, list):
            yield document
            continue
        base = document.position
        for index, value in enumerate(document.value):
            yield Document(Position(base.file, base.line, f"{base.path}[{index}]"), value)


RecordReader = Callable[[Any, Position, str], "GraphRead"]


def read_records(file: str, dataset: str, record: RecordReader) -> Iterator[GraphRead]:
    """Every record of a file through `record` (a BODS statement's or an FtM entity's reader),
    a record that is not JSON rejected with its position."""
    for document in json_records(file):
        if document.error is not None:
            yield Rejected(document.position, None, "", document.error)
        else:
            yield record(document.value, document.position, dataset)
