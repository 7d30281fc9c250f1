"""Ingest OCDS: packages, records, releases and compiled releases into canonical tables.

What each document is:
- an object with a `records` array: a record package; each record contributes its
  `compiledRelease`, or else its embedded `releases`, which are merged;
- an object with a `releases` array: a release package; its releases are merged per ocid, except
  those tagged `compiled`, taken as they are;
- any other object with an `ocid`: a compiled release, unless its `tag` is a list without
  `compiled` (then it is a release to merge). Cardinal's inputs are of this kind.

Every record read is loaded or rejected with its reason (see `report.py`). A file of which no
record could be loaded is an input error (not JSON, or not OCDS), reported in one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ocdsmerge.exceptions import OCDSMergeError

from adaldyq.errors import InputError
from adaldyq.ingest.json_stream import (
    Document,
    Position,
    dataset_name,
    expand_inputs,
    read_documents,
)
from adaldyq.ingest.ocds_tables import release_rows
from adaldyq.ingest.ocds_values import Problems
from adaldyq.ingest.parquet_sink import ParquetSink
from adaldyq.ingest.release_spool import ReleaseSpool, merger
from adaldyq.ingest.report import IngestReport, RejectLog
from adaldyq.store.catalog import Workspace, dataset_slug

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class _Unit:
    """One record of the input: a compiled release, a release to merge, or a reject."""

    kind: str  # compiled | release | reject
    position: Position
    value: dict[str, Any] | None
    reason: str = ""
    path: str = ""


class OcdsIngest:
    """One ingest run into a workspace; `run` returns the report with balanced counts."""

    def __init__(
        self, workspace: Workspace, dataset: str | None = None, progress: Progress | None = None
    ) -> None:
        self.workspace = workspace.create()
        self.dataset = dataset_slug(dataset) if dataset else None
        self.progress = progress
        self.report = IngestReport()
        self._seen: dict[str, dict[str, Position]] = {}

    def run(self, inputs: list[str]) -> IngestReport:
        files = expand_inputs(inputs)
        sink = ParquetSink(self.workspace)
        spool = ReleaseSpool(self.workspace.root / ".release-spool.sqlite")
        with RejectLog(
            self.workspace.rejects_jsonl, self.workspace.rejects_csv, self.workspace.issues_jsonl
        ) as log:
            try:
                for file in files:
                    dataset = self.dataset or dataset_slug(dataset_name(file))
                    sink.start_dataset(dataset)
                    self._read_file(file, dataset, sink, spool, log)
                self._merge(spool, sink, log)
            finally:
                sink.close()
                spool.close()
        _write_report(self.workspace, self.report)
        return self.report

    def _read_file(
        self, file: str, dataset: str, sink: ParquetSink, spool: ReleaseSpool, log: RejectLog
    ) -> None:
        counts = self.report.counts(file)
        first_reason = ""
        for document in read_documents(file):
            if self.progress is not None:
                self.progress(file, document.size)
            for unit in _units(document):
                counts.read += 1
                if unit.kind == "reject" or unit.value is None:
                    first_reason = first_reason or f"{unit.position.label()}: {unit.reason}"
                    self._reject(unit.position, None, unit.path, unit.reason, log)
                elif unit.kind == "release":
                    spool.add(dataset, unit.position, unit.value)
                else:
                    self._load(unit.value, dataset, unit.position, sink, log)
        if counts.read and counts.rejected == counts.read:
            raise InputError(f"no record could be loaded; first: {first_reason}", path=file)

    def _load(
        self,
        release: dict[str, Any],
        dataset: str,
        position: Position,
        sink: ParquetSink,
        log: RejectLog,
        count: bool = True,
    ) -> bool:
        ocid = release["ocid"]
        seen = self._seen.setdefault(dataset, {})
        if ocid in seen:
            self._reject(
                position, ocid, "ocid", f"duplicate ocid, first loaded at {seen[ocid].label()}", log
            )
            return False
        seen[ocid] = position
        problems = Problems()
        rows = release_rows(release, dataset, position.file, position.line, problems)
        for table, table_rows in rows.tables.items():
            sink.add(table, dataset, table_rows)
        for path, reason in problems.items:
            log.issue(position, ocid, path, reason)
        self.report.issues += len(problems.items)
        self.report.processes[dataset] += 1
        if count:
            self.report.counts(position.file).loaded += 1
        return True

    def _merge(self, spool: ReleaseSpool, sink: ParquetSink, log: RejectLog) -> None:
        if not spool.count:
            return
        compile_releases = merger().create_compiled_release
        for dataset, ocid, group in spool.groups():
            if ocid in self._seen.get(dataset, {}):
                reason = f"ocid already loaded from {self._seen[dataset][ocid].label()}"
                for position, _ in group:
                    self._reject(position, ocid, "ocid", reason, log)
                continue
            try:
                compiled = compile_releases([release for _, release in group])
            except (OCDSMergeError, TypeError, ValueError, KeyError) as exc:
                for position, _ in group:
                    self._reject(position, ocid, "", f"cannot merge releases: {exc!r}", log)
                continue
            first = group[0][0]
            self._load(compiled, dataset, first, sink, log, count=False)
            for position, _ in group:
                self.report.counts(position.file).loaded += 1

    def _reject(
        self, position: Position, ocid: str | None, path: str, reason: str, log: RejectLog
    ) -> None:
        log.reject(position, ocid, path, reason)
        self.report.counts(position.file).rejected += 1
        self.report.reasons[reason.split(":", maxsplit=1)[0]] += 1


def _units(document: Document) -> Iterator[_Unit]:
    """The records a document holds, classified."""
    position, value = document.position, document.value
    if document.error is not None:
        yield _Unit("reject", position, None, document.error)
        return
    if not isinstance(value, dict):
        yield _Unit("reject", position, None, f"not a JSON object but {type(value).__name__}")
        return
    if position.path.startswith("records["):
        yield from _record_units(position, value)
        return
    if position.path.startswith("releases["):
        yield _release_unit(position, value, default_kind="release")
        return
    if isinstance(value.get("records"), list) or isinstance(value.get("releases"), list):
        yield from _package_units(position, value)
        return
    if "ocid" not in value:
        keys = ", ".join(sorted(value)[:8]) or "none"
        yield _Unit(
            "reject",
            position,
            None,
            f"not an OCDS release, record or package (no ocid, releases or records; keys: {keys})",
        )
        return
    yield _release_unit(position, value, default_kind="compiled")


def _package_units(position: Position, package: dict[str, Any]) -> Iterator[_Unit]:
    """Items of a package given whole (a JSON Lines line); streamed packages arrive empty."""
    line = position.line
    for key in ("records", "releases"):
        entries = package.get(key)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            item = Position(position.file, line, f"{key}[{index}]")
            if not isinstance(entry, dict):
                yield _Unit("reject", item, None, f"not a JSON object but {type(entry).__name__}")
            elif key == "records":
                yield from _record_units(item, entry)
            else:
                yield _release_unit(item, entry, default_kind="release")


def _record_units(position: Position, record: dict[str, Any]) -> Iterator[_Unit]:
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        yield _release_unit(position, compiled, default_kind="compiled", path="compiledRelease")
        return
    releases = record.get("releases")
    embedded = (
        [r for r in releases if isinstance(r, dict) and "ocid" in r]
        if isinstance(releases, list)
        else []
    )
    if not embedded:
        yield _Unit(
            "reject",
            position,
            None,
            "record has neither a compiledRelease nor "
            "embedded releases (linked releases are not fetched)",
            "releases",
        )
        return
    for index, release in enumerate(embedded):
        inner = Position(position.file, position.line, f"{position.path}.releases[{index}]")
        yield _release_unit(inner, release, default_kind="release")


def _release_unit(
    position: Position, release: dict[str, Any], default_kind: str, path: str = ""
) -> _Unit:
    if not isinstance(release.get("ocid"), str) or not release["ocid"]:
        return _Unit("reject", position, None, "ocid missing or not a string", _join(path, "ocid"))
    tag = release.get("tag")
    if isinstance(tag, list):
        kind = "compiled" if "compiled" in tag else "release"
    else:
        kind = default_kind
    return _Unit(kind, position, release)


def _join(outer: str, inner: str) -> str:
    return f"{outer}.{inner}" if outer else inner


def _write_report(workspace: Workspace, report: IngestReport) -> None:
    import orjson

    workspace.ingest_report.write_bytes(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2))
