"""The integrity findings job: run patterns B01-B11 on a graph dataset (with a procurement dataset
when given) and store the findings in the common `DIR/findings.parquet`, replacing only the
`integrity` engine's rows, with `runs/integrity.json` beside them.

A declarations dataset's tables, when named, go to B02 (an interest declared by the official or
a relative wins); the declarations engine's findings, when the workspace has them, go to B11 (an
enrichment flag in the year a conflict of interest wins contracts). `adaldyq graph findings`
calls `import_and_find`, which first sends each input file to its importer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from adaldyq.engines.declarations.runner import ENGINE as DECLARATIONS
from adaldyq.engines.integrity.runner import ENGINE, IntegrityResult, run_patterns
from adaldyq.errors import NotFound
from adaldyq.ingest.graph import InputKind, input_kind
from adaldyq.ingest.graph_csv import CSV_SUFFIX
from adaldyq.ingest.json_stream import expand_inputs
from adaldyq.ingest.report import IngestReport
from adaldyq.jobs import new_run_id
from adaldyq.jobs.graph import DEFAULT_DATASET, GraphBuild, build_graph
from adaldyq.jobs.procurement import ingest_job
from adaldyq.model.findings import findings_table
from adaldyq.settings import Settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace, dataset_slug
from adaldyq.store.findings import FindingsWriter, read_findings


@dataclass
class GraphFindingsSummary:
    """What the run found per rule, what it could not run, and where the findings went."""

    result: IntegrityResult
    findings_file: Path


def graph_findings_job(
    settings: Settings,
    dataset: str = DEFAULT_DATASET,
    procurement_dataset: str | None = None,
    declarations_dataset: str | None = None,
) -> GraphFindingsSummary:
    """Run the selected integrity patterns and store their findings; the procurement and
    declaration datasets are those of the same workspace (imported by their own jobs)."""
    workspace = Workspace(settings.workspace)
    procurement = dataset_slug(procurement_dataset) if procurement_dataset else None
    declared = dataset_slug(declarations_dataset) if declarations_dataset else None
    run_id = new_run_id()
    writer = FindingsWriter(workspace, ENGINE)
    try:
        declarations = _declarations_findings(workspace)
        with connect(settings) as backend:
            result = run_patterns(
                backend, workspace, settings, run_id, dataset_slug(dataset), procurement,
                declarations, lambda found: writer.add(findings_table(found)), declared,
            )  # fmt: skip
    except BaseException:
        writer.abandon()
        raise
    writer.finish(
        {
            "run_id": run_id,
            "engine": ENGINE,
            "created": datetime.now(UTC).isoformat(),
            "dataset": result.dataset,
            "procurement_dataset": procurement,
            "declarations_dataset": declared,
            "declarations_findings": declarations is not None,
            "settings": settings.integrity.model_dump(),
            "params": result.meta,
            "counts": dict(result.counts),
            "not_run": result.not_run,
            "unmatched": result.unmatched,
        }
    )
    return GraphFindingsSummary(result, workspace.findings)


PROCUREMENT_DATASET = "procurement"


@dataclass
class ImportAndFind:
    """The imports a `graph findings` run made (None: no such input given) and its findings."""

    graph: GraphBuild | None
    procurement: IngestReport | None
    findings: GraphFindingsSummary


def import_and_find(
    settings: Settings,
    inputs: list[str],
    kind: InputKind | None = None,
    dataset: str = DEFAULT_DATASET,
    procurement_dataset: str = PROCUREMENT_DATASET,
    declarations_dataset: str | None = None,
) -> ImportAndFind:
    """Import `inputs` (OCDS into the procurement dataset, BODS, FtM and CSV forms into the
    graph, whose nodes are then resolved as `build_graph` does; each file's kind told by its
    content unless `kind` is given), then run the patterns. A kind not
    given keeps what the workspace already holds: the graph built before, the procurement
    dataset analysed before (the patterns on procurement are skipped when there is none)."""
    workspace = Workspace(settings.workspace)
    files = expand_inputs(inputs, (CSV_SUFFIX,))
    kinds = {file: kind or input_kind(file) for file in files}
    graph_files = [f for f, k in kinds.items() if k != "ocds"]
    ocds_files = [f for f, k in kinds.items() if k == "ocds"]
    graph = build_graph(settings, graph_files, dataset) if graph_files else None
    procurement = ingest_job(settings, ocds_files, procurement_dataset) if ocds_files else None
    held = dataset_slug(procurement_dataset) in workspace.datasets()
    summary = graph_findings_job(
        settings, dataset, procurement_dataset if held else None, declarations_dataset
    )
    return ImportAndFind(graph, procurement, summary)


def _declarations_findings(workspace: Workspace) -> pa.Table | None:
    try:
        return read_findings(workspace, DECLARATIONS)
    except NotFound:
        return None
