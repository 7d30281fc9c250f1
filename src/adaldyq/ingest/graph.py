"""Import BODS statements, FtM entities and graph CSV forms into a workspace's `nodes`/`edges`.

Every record read (statement, entity) is loaded or rejected with its file, record and field, so
read = loaded + rejected per file. All inputs of one import go to one dataset, read whole before
anything is written, because a relationship may name a record that comes later or in another
file, and a later BODS statement replaces an earlier one about the same record (the earlier one
counts as loaded, with an issue naming what replaced it). Then, on the rows kept:
- every edge end and reference must name a node of the dataset, else an issue (the edge stays:
  its other end may come with another dataset once entities are resolved);
- ownership cycles and shares above 100 % are issues naming every record involved
  (`ingest/graph_checks.py`).

Beside the tables the import leaves `rejects-graph.jsonl`/`.csv`, `issues-graph.jsonl` (file,
line, record, field, reason) and `ingest-graph.json` (the counts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Literal

import orjson

from adaldyq.errors import InputError
from adaldyq.ingest.bods import PARTY_FIELD, SUBJECT_FIELD, read_bods
from adaldyq.ingest.company_facts import FACT_TABLES
from adaldyq.ingest.ftm import read_ftm
from adaldyq.ingest.graph_checks import Tie, overfull_shares, ownership_cycles
from adaldyq.ingest.graph_csv import CSV_SUFFIX, is_csv, read_graph_csv
from adaldyq.ingest.graph_values import (
    GraphRead,
    GraphRecord,
    Issue,
    Rejected,
    Row,
    json_records,
)
from adaldyq.ingest.json_stream import Position, expand_inputs
from adaldyq.ingest.parquet_sink import ParquetSink
from adaldyq.ingest.report import IngestReport, RejectLog
from adaldyq.model.ftm_vocabulary import EDGE_ENDS, KNOWN_TOPICS
from adaldyq.model.graph import GRAPH_TABLES
from adaldyq.store.catalog import Workspace, dataset_slug

GraphFormat = Literal["bods", "ftm", "csv"]
FORMATS: tuple[GraphFormat, ...] = ("bods", "ftm", "csv")
READERS: dict[GraphFormat, Callable[[str, str], Iterator[GraphRead]]] = {
    "bods": read_bods,
    "ftm": read_ftm,
    "csv": read_graph_csv,
}
NAME = "graph"
"""Suffix of the reject, issue and report files of this reader in the workspace."""


def detect_format(file: str) -> GraphFormat:
    """CSV forms (`ingest/graph_csv.py`) by the `.csv` extension; else BODS when the first
    value is a statement (or an array of them), FtM when it is an entity; the file's name only
    tells JSON Lines from JSON."""
    if is_csv(file):
        return "csv"
    for document in json_records(file):
        first = document.value
        if isinstance(first, dict) and ("statementId" in first or "recordType" in first):
            return "bods"
        if isinstance(first, dict) and "schema" in first and "properties" in first:
            return "ftm"
        break
    raise InputError("neither BODS 0.4 statements nor FtM entities", path=file)


InputKind = Literal["bods", "ftm", "csv", "ocds"]
INPUT_KINDS: tuple[InputKind, ...] = ("bods", "ftm", "csv", "ocds")


def input_kind(file: str) -> InputKind:
    """OCDS when the first record is a release or record (it has an `ocid`; a package's items
    are streamed, so this reads one release, not the package), else BODS or FtM as
    `detect_format` tells: what `adaldyq graph findings` needs to send each file to its
    importer."""
    if is_csv(file):
        return "csv"
    for document in json_records(file):
        first = document.value
        if isinstance(first, dict) and "ocid" in first:
            return "ocds"
        break
    try:
        return detect_format(file)
    except InputError:
        raise InputError(
            "neither OCDS releases, BODS 0.4 statements nor FtM entities", path=file
        ) from None


class GraphIngest:
    """One import into a workspace; `run` returns the report with balanced counts."""

    def __init__(self, workspace: Workspace, dataset: str, fmt: GraphFormat | None = None):
        if fmt is not None and fmt not in FORMATS:
            raise InputError(f"unknown graph format {fmt!r}; known: {', '.join(FORMATS)}")
        self.workspace = workspace.create()
        self.dataset = dataset_slug(dataset)
        self.fmt = fmt
        self.report = IngestReport()
        self._keyed: dict[str, GraphRecord] = {}
        self._single: list[GraphRecord] = []
        self._ids: dict[str, Position] = {}

    def run(self, inputs: list[str]) -> IngestReport:
        files = [
            (file, self.fmt or detect_format(file)) for file in expand_inputs(inputs, (CSV_SUFFIX,))
        ]
        with RejectLog(
            self.workspace.output(f"rejects-{NAME}.jsonl"),
            self.workspace.output(f"rejects-{NAME}.csv"),
            self.workspace.output(f"issues-{NAME}.jsonl"),
            id_column="record",
        ) as log:
            for file, fmt in files:
                for read in READERS[fmt](file, self.dataset):
                    self._account(file, read, log)
            records = [*self._single, *self._keyed.values()]
            for record in records:
                self._log_issues(record, record.issues, log)
            self._check(records, log)
            self._write(records)
        self.workspace.output(f"ingest-{NAME}.json").write_bytes(
            orjson.dumps(self.report.as_dict(), option=orjson.OPT_INDENT_2)
        )
        return self.report

    def _account(self, file: str, read: GraphRead, log: RejectLog) -> None:
        counts = self.report.counts(file)
        counts.read += 1
        if isinstance(read, GraphRecord) and read.key is None:
            read = self._unique(read)
        if isinstance(read, Rejected):
            counts.rejected += 1
            log.reject(read.position, read.record_id, read.path, read.reason)
            self.report.reasons[read.reason.split(":", maxsplit=1)[0]] += 1
            return
        counts.loaded += 1
        if read.key is None:
            self._single.append(read)
            return
        key = read.key
        earlier = self._keyed.get(key)
        if earlier is not None and earlier.order > read.order:
            read, earlier = earlier, read
        self._keyed[key] = read
        if earlier is not None:
            reason = (
                f"replaced by statement {read.record_id} ({read.position.label()}) "
                f"about the same record {read.key}"
            )
            self._log_issues(earlier, [Issue("", reason)], log)

    def _unique(self, record: GraphRecord) -> GraphRead:
        """A record whose row id was loaded before is rejected, naming where."""
        for row in (*record.nodes, *record.edges):
            first = self._ids.get(str(row["id"]))
            if first is not None:
                reason = f"id already loaded: {row['id']} first from {first.label()}"
                return Rejected(record.position, record.record_id, "id", reason)
        for row in (*record.nodes, *record.edges):
            self._ids[str(row["id"])] = record.position
        return record

    def _log_issues(self, record: GraphRecord, issues: list[Issue], log: RejectLog) -> None:
        for issue in issues:
            log.issue(record.position, record.record_id, issue.path, issue.reason)
        self.report.issues += len(issues)

    def _check(self, records: list[GraphRecord], log: RejectLog) -> None:
        """References to unknown nodes, topics outside FtM's vocabulary, ownership cycles,
        shares above 100 %."""
        nodes = {str(n["id"]) for r in records for n in r.nodes}
        edges = {str(e["id"]) for r in records for e in r.edges}
        owners: dict[str, tuple[GraphRecord, Row]] = {}
        for record in records:
            found = [*_dangling(record, nodes, edges), *_unknown_topics(record)]
            self._log_issues(record, found, log)
            for edge in record.edges:
                if edge["schema"] == "Ownership":
                    owners[str(edge["id"])] = (record, edge)
        ties = [_tie(edge) for _, edge in owners.values()]
        for cycle in ownership_cycles(ties):
            since = cycle.since.isoformat() if cycle.since else "undated ties"
            records_named = _records(owners, [t.edge_id for t in cycle.ties])
            reason = (
                f"ownership cycle from {since}: {' -> '.join(cycle.path)} "
                f"(records: {records_named})"
            )
            self._log_issues(owners[cycle.ties[0].edge_id][0], [Issue("", reason)], log)
        for over in overfull_shares(ties):
            on = over.on.isoformat() if over.on else "undated ties"
            shares = ", ".join(f"{t.source} {t.share_low:g} %" for t in over.ties)
            reason = (
                f"direct {over.interest_type or 'ownership'} shares in {over.target} add up to "
                f"{over.total:g} % on {on}: {shares} (records: "
                f"{_records(owners, [t.edge_id for t in over.ties])})"
            )
            first = owners[over.ties[0].edge_id][0]
            self._log_issues(first, [Issue("share", reason)], log)

    def _write(self, records: list[GraphRecord]) -> None:
        schemas = GRAPH_TABLES | FACT_TABLES
        sink = ParquetSink(self.workspace, tables=tuple(schemas), schemas=schemas, part="0")
        sink.start_dataset(self.dataset)
        try:
            for record in records:
                written = ("nodes", record.nodes), ("edges", record.edges)
                for table, rows in (*written, ("company_facts", record.facts)):
                    if rows:
                        sink.add(table, self.dataset, rows)
                        self.report.rows[table] += len(rows)
        finally:
            sink.close()


def _dangling(record: GraphRecord, nodes: set[str], edges: set[str]) -> Iterator[Issue]:
    """Issues for edge ends and references that name no node of the dataset."""
    bods, csv = record.key is not None, is_csv(record.position.file)
    for edge in record.edges:
        source_prop, target_prop = EDGE_ENDS[str(edge["schema"])]
        for column, prop, bods_field in (
            ("source", source_prop, PARTY_FIELD),
            ("target", target_prop, SUBJECT_FIELD),
        ):
            ref = str(edge[column])
            if ref not in nodes:
                where = bods_field if bods else f"{column}_id" if csv else f"properties.{prop}"
                yield Issue(where, _unknown(ref, edges))
    for row in (*record.nodes, *record.edges):
        for ref in row["refs"]:  # type: ignore[attr-defined]
            if ref["id"] not in nodes:
                yield Issue(f"properties.{ref['property']}", _unknown(ref["id"], edges))


def _unknown_topics(record: GraphRecord) -> Iterator[Issue]:
    """An issue per topic neither FtM nor Adaldyq defines: it is kept (a rule may be told to
    read it), but a pattern reading the usual topics will not see it, and FtM tools drop it."""
    where = "topics" if is_csv(record.position.file) else "properties.topics"
    for node in record.nodes:
        for topic in node["topics"] or ():  # type: ignore[attr-defined]
            if topic not in KNOWN_TOPICS:
                yield Issue(where, f"{topic!r} is not an FtM topic (nor crime.corruption)")


def _unknown(ref: str, edges: set[str]) -> str:
    if ref in edges:
        return f"{ref} is a relationship, not an entity or person"
    return f"{ref} names no entity or person of the dataset"


def _tie(edge: Row) -> Tie:
    low = edge["share_exact"] if edge["share_exact"] is not None else edge["share_min"]
    exclusive = edge["share_exact"] is None and bool(edge["share_min_exclusive"])
    start, end = edge["start_day"], edge["end_day"]
    return Tie(
        edge_id=str(edge["id"]),
        source=str(edge["source"]),
        target=str(edge["target"]),
        interest_type=edge["interest_type"],  # type: ignore[arg-type]
        direct=edge["direct_or_indirect"] in ("direct", None),
        share_low=low,  # type: ignore[arg-type]
        share_low_exclusive=exclusive,
        start=start if isinstance(start, date) else None,
        end=end if isinstance(end, date) else None,
    )


def _records(owners: dict[str, tuple[GraphRecord, Row]], edge_ids: list[str]) -> str:
    """The records behind edges, as `record (file)`, each once."""
    named = (f"{owners[e][0].record_id} ({owners[e][0].position.label()})" for e in edge_ids)
    return ", ".join(dict.fromkeys(named))
