"""Graph jobs: import BODS, FtM and CSV files into a workspace's graph tables, export them as FtM.

`adaldyq graph build` and `graph export` call these; they are the seam the CLI, the web app and
the tests share, so the CLI stays a thin parser.
"""

from __future__ import annotations

from pathlib import Path

from adaldyq.ingest.ftm_export import write_ftm
from adaldyq.ingest.graph import GraphFormat, GraphIngest
from adaldyq.ingest.report import IngestReport
from adaldyq.store.catalog import Workspace, dataset_slug

DEFAULT_DATASET = "graph"


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


def export_graph(workspace: Workspace, output: Path, dataset: str = DEFAULT_DATASET) -> int:
    """Write the dataset's graph as FtM JSON Lines; returns the number of entities written."""
    return write_ftm(workspace, dataset_slug(dataset), output)
