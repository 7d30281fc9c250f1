"""`adaldyq graph`: the integrity graph's commands (issue 5): import ownership and relation data
(BODS 0.4 statements, FollowTheMoney entities) into a workspace's graph, and export it as
FollowTheMoney so it opens in Aleph-style tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from adaldyq.cli_common import ConfigOpt, WorkspaceOpt, out, print_rejects, settings_from
from adaldyq.jobs.graph import DEFAULT_DATASET, export_graph, import_graph
from adaldyq.store.catalog import Workspace

graph_app = typer.Typer(
    help="Integrity graph: import BODS and FollowTheMoney data (build), export as FtM.",
    no_args_is_help=True,
)

GraphInputs = Annotated[
    list[str],
    typer.Argument(help="BODS 0.4 JSON or FtM JSON Lines files, or folders of them."),
]
GraphFormatOpt = Annotated[
    Literal["bods", "ftm"] | None,
    typer.Option("--format", help="Read every input as this format (default: told by content)."),
]
GraphDataset = Annotated[str, typer.Option(help="Dataset the graph goes to.")]


@graph_app.command("build")
def graph_build(
    inputs: GraphInputs,
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    fmt: GraphFormatOpt = None,
    dataset: GraphDataset = DEFAULT_DATASET,
    config: ConfigOpt = None,
) -> None:
    """Read BODS and FtM files into the graph's nodes and edges (replacing the dataset); print
    read = loaded + rejected, the rows of each table and where rejects and issues went."""
    settings = settings_from(workspace, config)
    report = import_graph(Workspace(settings.workspace), inputs, dataset, fmt)
    out.print(
        f"read {report.read} = loaded {report.loaded} + rejected {report.rejected} records; "
        f"{report.issues} issues (ownership cycles and shares above 100 % among them)"
    )
    for table, rows in report.rows.items():
        out.print(f"  {rows:>8}  {table}")
    if report.issues:
        out.print(f"issues: {settings.workspace / 'issues-graph.jsonl'}")
    print_rejects(report, settings.workspace, "rejects-graph")


@graph_app.command("export")
def graph_export(
    output: Annotated[Path, typer.Argument(help="FtM JSON Lines file to write.")],
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    dataset: GraphDataset = DEFAULT_DATASET,
) -> None:
    """Write the dataset's graph as FollowTheMoney entities, one JSON object a line."""
    count = export_graph(Workspace(workspace), output, dataset)
    out.print(f"{count} entities written to {output}")
