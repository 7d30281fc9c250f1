"""Graph jobs: import BODS, FtM and CSV files into a workspace's graph tables, link the nodes that
are one person or company (entity resolution), export the graph as FtM.

`adaldyq graph build` and `graph export` call these; they are the seam the CLI, the web app and
the tests share, so the CLI stays a thin parser.
"""

from __future__ import annotations

import logging
import shutil
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from adaldyq.engines.integrity.node_resolution import NODE_COLUMNS, resolve_nodes
from adaldyq.engines.integrity.runner import require_dataset
from adaldyq.engines.integrity.ties import components
from adaldyq.ingest.ftm_export import write_ftm
from adaldyq.ingest.graph import GraphFormat, GraphIngest
from adaldyq.ingest.report import IngestReport
from adaldyq.model.graph import GRAPH_TABLES, RESOLUTION_TABLES
from adaldyq.settings import Settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace, dataset_slug
from adaldyq.store.linkage import LinkageDatabase, linkage_database, spark_linkage_database

DEFAULT_DATASET = "graph"
(RESOLUTION_TABLE,) = RESOLUTION_TABLES


def import_graph(
    workspace: Workspace,
    inputs: list[str],
    dataset: str = DEFAULT_DATASET,
    fmt: GraphFormat | None = None,
) -> IngestReport:
    """Read BODS 0.4 statements, FtM entities and graph CSV forms (each file's format told by
    its content, a CSV by its `.csv` name, unless `fmt` is given) into the dataset's `nodes`
    and `edges`, replacing what the dataset held; the report balances read = loaded + rejected
    per file."""
    return GraphIngest(workspace, dataset, fmt).run(inputs)


@dataclass(frozen=True)
class GraphBuild:
    """An import's report and, unless switched off, what entity resolution then linked."""

    report: IngestReport
    resolution: ResolutionSummary | None


def linkage_database_for(settings: Settings, workspace: Workspace) -> LinkageDatabase:
    """Splink's database on the configured engine: Spark for data beyond one machine, else
    DuckDB with the analytics backend's limits and spill folder."""
    if settings.backend == "spark":
        return spark_linkage_database(settings.spark_master, workspace.root / "spark-linkage")
    return linkage_database(
        settings.duckdb_threads, settings.duckdb_memory_limit, workspace.root / "duckdb-tmp"
    )


def build_graph(
    settings: Settings,
    inputs: list[str],
    dataset: str = DEFAULT_DATASET,
    fmt: GraphFormat | None = None,
    resolve: bool | None = None,
) -> GraphBuild:
    """Import the inputs (`import_graph`), then link the nodes that are one person or company
    (`resolve_graph`) unless `resolve` (default: `settings.integrity.resolve`) is false. Links
    of an earlier import are dropped either way."""
    workspace = Workspace(settings.workspace)
    # the earlier links go first: they may name nodes no longer read, and a failed resolution
    # must not leave them to merge the new nodes
    shutil.rmtree(workspace.partition_dir(RESOLUTION_TABLE, dataset), ignore_errors=True)
    report = import_graph(workspace, inputs, dataset, fmt)
    if resolve if resolve is not None else settings.integrity.resolve:
        return GraphBuild(report, resolve_graph(settings, dataset))
    return GraphBuild(report, None)


def export_graph(workspace: Workspace, output: Path, dataset: str = DEFAULT_DATASET) -> int:
    """Write the dataset's graph as FtM JSON Lines; returns the number of entities written."""
    return write_ftm(workspace, dataset_slug(dataset), output)


@dataclass(frozen=True)
class ResolutionSummary:
    """What entity resolution did to one graph dataset: nodes compared per kind, links kept per
    method, and how many nodes joined another (a group of n linked nodes counts n - 1)."""

    dataset: str
    compared: dict[str, int]
    links: dict[str, int]
    merged: int
    threshold: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def resolve_graph(settings: Settings, dataset: str = DEFAULT_DATASET) -> ResolutionSummary:
    """Link the people and the companies of the graph dataset that are one and the same, and keep
    the links (`same_as`) for the patterns to merge; replaces the dataset's earlier links. The
    summary also goes to `DIR/resolution-graph.json`."""
    workspace = Workspace(settings.workspace)
    slug = dataset_slug(dataset)
    require_dataset(workspace, "nodes", slug, "graph", "adaldyq graph build")
    with connect(settings) as backend:
        nodes = backend.tables(workspace, slug, GRAPH_TABLES)["nodes"]
        rows = backend.to_arrow(nodes.select(*NODE_COLUMNS)).to_pylist()
    database = linkage_database_for(settings, workspace)
    threshold = settings.integrity.resolution_threshold
    splink_log = logging.getLogger("splink")
    level = splink_log.level
    splink_log.setLevel(logging.ERROR)  # training chatter (untrained levels), not results
    try:
        found = resolve_nodes(slug, rows, threshold, database)
    finally:
        splink_log.setLevel(level)
    workspace.replace_partition(RESOLUTION_TABLE, slug, found.links)
    links = found.links
    pairs = zip(links["left_id"].to_pylist(), links["right_id"].to_pylist(), strict=True)
    summary = ResolutionSummary(
        dataset=slug,
        compared=found.compared,
        links=dict(sorted(Counter(links["method"].to_pylist()).items())),
        merged=sum(len(group) - 1 for group in components(pairs)),
        threshold=threshold,
    )
    workspace.output("resolution-graph.json").write_bytes(
        orjson.dumps(summary.as_dict(), option=orjson.OPT_INDENT_2)
    )
    return summary
