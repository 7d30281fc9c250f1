"""`adaldyq graph`: the integrity graph's commands (issue 5): import ownership and relation data
(BODS 0.4 statements, FollowTheMoney entities) into a workspace's graph, run the conflict-of-
interest, collusion and shell patterns over it and the procurement data, and export the graph
as FollowTheMoney so it opens in Aleph-style tools."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import typer

from adaldyq.cli_common import ConfigOpt, WorkspaceOpt, out, print_rejects, settings_from
from adaldyq.jobs.counterparty import counterparty_check_job
from adaldyq.jobs.graph import (
    DEFAULT_DATASET,
    GraphBuild,
    ResolutionSummary,
    build_graph,
    export_graph,
    resolve_graph,
)
from adaldyq.jobs.integrity import PROCUREMENT_DATASET, import_and_find
from adaldyq.store.catalog import Workspace

graph_app = typer.Typer(
    help="Integrity graph: import BODS and FtM data (build), find conflicts of interest, "
    "collusion and shells (findings), export as FtM.",
    no_args_is_help=True,
)

GraphInputs = Annotated[
    list[str],
    typer.Argument(help="BODS 0.4 JSON, FtM JSON Lines or graph CSV files, or folders of them."),
]
GraphFormatOpt = Annotated[
    Literal["bods", "ftm", "csv"] | None,
    typer.Option("--format", help="Read every input as this format (default: told by content)."),
]
GraphDataset = Annotated[str, typer.Option(help="Dataset the graph goes to.")]
ResolveOpt = Annotated[
    bool | None,
    typer.Option(
        "--resolve/--no-resolve",
        help="Link the people and companies that are one and the same (default: settings, on).",
    ),
]


@graph_app.command("build")
def graph_build(
    inputs: GraphInputs,
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    fmt: GraphFormatOpt = None,
    dataset: GraphDataset = DEFAULT_DATASET,
    resolve: ResolveOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Read BODS, FtM and CSV files into the graph's nodes and edges (replacing the dataset),
    then link the nodes that are one person or company; print read = loaded + rejected, the
    rows of each table, the links, and where rejects and issues went."""
    settings = settings_from(workspace, config)
    _print_build(build_graph(settings, inputs, dataset, fmt, resolve), settings.workspace)


@graph_app.command("resolve")
def graph_resolve(
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    dataset: GraphDataset = DEFAULT_DATASET,
    config: ConfigOpt = None,
) -> None:
    """Link again the people and companies of a built graph (after a change of
    `integrity.resolution_threshold`, say), replacing the dataset's links."""
    settings = settings_from(workspace, config)
    _print_resolution(resolve_graph(settings, dataset))


def _print_build(build: GraphBuild, workspace: Path) -> None:
    report = build.report
    out.print(
        f"read {report.read} = loaded {report.loaded} + rejected {report.rejected} records; "
        f"{report.issues} issues (ownership cycles and shares above 100 % among them)"
    )
    for table, rows in report.rows.items():
        out.print(f"  {rows:>8}  {table}")
    if report.issues:
        out.print(f"issues: {workspace / 'issues-graph.jsonl'}")
    print_rejects(report, workspace, "rejects-graph")
    if build.resolution is not None:
        _print_resolution(build.resolution)


def _print_resolution(summary: ResolutionSummary) -> None:
    compared = ", ".join(f"{count} {kind} nodes" for kind, count in summary.compared.items())
    links = ", ".join(f"{count} {method}" for method, count in summary.links.items()) or "none"
    out.print(
        f"resolved: {compared} compared; links (p >= {summary.threshold:g}): {links}; "
        f"{summary.merged} nodes merged into another"
    )


@graph_app.command("findings")
def graph_findings(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="OCDS, BODS 0.4 or FtM files or folders; none: what the workspace holds."
        ),
    ] = None,
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    fmt: Annotated[
        Literal["ocds", "bods", "ftm", "csv"] | None,
        typer.Option("--format", help="Read every input as this (default: told by content)."),
    ] = None,
    dataset: GraphDataset = DEFAULT_DATASET,
    procurement_dataset: Annotated[
        str, typer.Option(help="Dataset OCDS inputs go to, and the patterns read.")
    ] = PROCUREMENT_DATASET,
    declarations_dataset: Annotated[
        str | None, typer.Option(help="Declarations dataset for B02 (declared interests).")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Import the inputs, then run patterns B01-B11; findings (each with its path through the
    graph) into DIR/findings.parquet, replacing only the integrity engine's rows."""
    settings = settings_from(workspace, config)
    run = import_and_find(
        settings, inputs or [], fmt, dataset, procurement_dataset, declarations_dataset
    )
    if run.graph is not None:
        _print_build(run.graph, settings.workspace)
    if run.procurement is not None:
        found = run.procurement
        out.print(
            f"procurement: read {found.read} = loaded {found.loaded} + rejected "
            f"{found.rejected} records"
        )
    result = run.findings.result
    for code, count in sorted(result.counts.items()):
        out.print(f"  {count:>7}  {code}")
    for code, reason in sorted(result.not_run.items()):
        out.print(f"  not run  {code}: {reason}")
    for role, missing in sorted(result.unmatched.items()):
        out.print(f"  not in the graph: {role} {missing}")
    total = sum(result.counts.values())
    out.print(f"{total} findings -> {run.findings.findings_file}")


@graph_app.command("export")
def graph_export(
    output: Annotated[Path, typer.Argument(help="FtM JSON Lines file to write.")],
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    dataset: GraphDataset = DEFAULT_DATASET,
) -> None:
    """Write the dataset's graph as FollowTheMoney entities, one JSON object a line."""
    count = export_graph(Workspace(workspace), output, dataset)
    out.print(f"{count} entities written to {output}")


counterparty_app = typer.Typer(
    help="Counterparty checks: a trust score for a company before a contract is signed.",
    no_args_is_help=True,
)


@counterparty_app.command("check")
def counterparty_check(
    query: Annotated[str, typer.Argument(help="A BIN, a graph node id or a company name.")],
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    dataset: GraphDataset = DEFAULT_DATASET,
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Day of the check (default today)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Score every company the query names (0-100, 100: no risk signal) with each signal's
    points, reason and evidence, so the score adds up by hand; several matches for a name are
    all shown, best first."""
    settings = settings_from(workspace, config)
    day = as_of.date() if as_of else None
    report = counterparty_check_job(settings, query, dataset, day).to_json()
    if as_json:
        out.print_json(data=report)
        return
    for note in report["notes"]:
        out.print(f"note: {note}")
    if not report["matches"]:
        out.print(f"no company in the graph matches {query!r}")
    for match in report["matches"]:
        out.print(
            f"{match['name']} ({match['id']}, matched on {match['matched_on']}): "
            f"score {match['score']:g}, {match['band']}"
        )
        for signal in match["signals"]:
            out.print(f"  {signal['points']:>6g}  {signal['code']}: {signal['reason']}")
