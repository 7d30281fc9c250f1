"""Running a graph import in a temporary workspace and reading back what it left."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pyarrow.parquet as pq

from adaldyq.ingest.graph import GraphFormat
from adaldyq.ingest.report import IngestReport
from adaldyq.jobs.graph import import_graph
from adaldyq.store.catalog import Workspace
from tests.conftest import SHARED_DATA

BODS = SHARED_DATA / "bods"
DONATIONS = SHARED_DATA / "ftm" / "donations.ijson"


@dataclass
class GraphRun:
    """An import's report, its rows, and its issue and reject lines."""

    report: IngestReport
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    issues: list[dict[str, Any]]
    rejects: list[dict[str, Any]]

    def node(self, node_id: str) -> dict[str, Any]:
        return next(n for n in self.nodes if n["id"] == node_id)

    def edge(self, edge_id: str) -> dict[str, Any]:
        return next(e for e in self.edges if e["id"] == edge_id)

    def schemata(self, table: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.nodes if table == "nodes" else self.edges:
            counts[row["schema"]] = counts.get(row["schema"], 0) + 1
        return counts


def run_import(
    root: Path, inputs: list[Path], dataset: str = "test", fmt: GraphFormat | None = None
) -> GraphRun:
    workspace = Workspace(root / "workspace")
    report = import_graph(workspace, [str(p) for p in inputs], dataset, fmt)
    tables = {
        t: pq.read_table(workspace.partition_dir(t, dataset)).to_pylist()
        for t in ("nodes", "edges")
    }
    return GraphRun(
        report,
        tables["nodes"],
        tables["edges"],
        _lines(workspace.output("issues-graph.jsonl")),
        _lines(workspace.output("rejects-graph.jsonl")),
    )


def write_json_lines(path: Path, values: list[Any]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(v) + b"\n" for v in values))
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]
