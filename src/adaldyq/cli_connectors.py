"""`adaldyq fetch` and `adaldyq convert`: national procurement sources into OCDS (issue #8).
`fetch` keeps the raw records in the workspace; `convert` writes ordinary OCDS, so
`adaldyq analyze OUT.jsonl` runs every rule on it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.progress import Progress, TextColumn, TimeElapsedColumn

from adaldyq.cli_common import ConfigOpt, WorkspaceOpt, err, out, settings_from
from adaldyq.ingest.goszakup.fetch import FetchReport
from adaldyq.ingest.goszakup.ledger import ConvertReport
from adaldyq.ingest.goszakup.sources import SOURCES
from adaldyq.jobs.connectors import convert_goszakup_job, fetch_goszakup_job

fetch_app = typer.Typer(
    help="Fetch a national source's raw records into the workspace (token from the environment).",
    no_args_is_help=True,
)
convert_app = typer.Typer(
    help="Convert a national source's raw records into OCDS 1.1 compiled releases.",
    no_args_is_help=True,
)


@convert_app.command("goszakup")
def convert_goszakup(
    raw_dir: Annotated[
        Path, typer.Argument(help="Folder of raw goszakup entity files (trd_buy.jsonl, ...).")
    ],
    output: Annotated[Path, typer.Argument(help="OCDS JSON Lines file to write.")],
    config: ConfigOpt = None,
) -> None:
    """Write one compiled release per contracting process of goszakup.gov.kz; print
    read = converted + rejected (+ unused) per entity and where the rejects went."""
    settings = settings_from(Path("adaldyq-workspace"), config)
    _print_conversion(convert_goszakup_job(settings, raw_dir, output))


def _print_conversion(report: ConvertReport) -> None:
    for entity, counts in report.entities.items():
        if not counts.read:
            continue
        unused = f" + unused {counts.unused}" if counts.unused else ""
        out.print(
            f"  {entity:<15} read {counts.read} = converted {counts.converted} "
            f"+ rejected {counts.rejected}{unused}"
        )
    out.print(f"{report.releases} compiled releases: {report.output}")
    if report.rejected:
        out.print(f"rejects: {report.rejects} (also .csv)")
        for reason, count in report.reasons.most_common(5):
            out.print(f"  {count:>7}  {reason}")
    if report.bid_score_lines:
        out.print(
            f"rating-point discounts: {report.bid_scores} ({report.bid_score_lines} lines, "
            "the bid-score form of docs/inputs/bid-scores.md, for rule RP01)"
        )
    if report.issues:
        out.print(f"issues: {report.issues_file}")
    if report.random_iin_key:
        out.print(
            "IIN pseudonyms use a random key valid for this run only; set "
            "ADALDYQ_GOSZAKUP__IIN_KEY for pseudonyms stable across runs."
        )


@fetch_app.command("goszakup")
def fetch_goszakup(
    since: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"], help="First day, YYYY-MM-DD.")],
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Last day, YYYY-MM-DD (default: today)."),
    ] = None,
    entities: Annotated[
        str, typer.Option(help=f"Comma-separated, of: {','.join(SOURCES)}.")
    ] = ",".join(SOURCES),
    api: Annotated[
        Literal["rest", "graphql"],
        typer.Option(
            help="graphql: filter plans, announcements, lots, contracts and participants by "
            "date on the server (fast; field names not yet tried live). rest: read whole lists."
        ),
    ] = "rest",
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    config: ConfigOpt = None,
) -> None:
    """Read goszakup.gov.kz (OWS v3) records changed in the window into WORKSPACE/goszakup/raw,
    one JSON Lines file per entity; an interrupted run resumes from its checkpoints. The token is
    read from the environment variable GOSZAKUP_TOKEN only."""
    settings = settings_from(workspace, config)
    names = [name.strip() for name in entities.split(",") if name.strip()]
    columns = (TextColumn("fetch {task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("", total=None)

        def advance(entity: str, records: int) -> None:
            bar.update(task, description=f"{entity}: {records} records")

        report = fetch_goszakup_job(
            settings, since.date(), until.date() if until else None, names, advance, api
        )
    _print_fetch(report)


def _print_fetch(report: FetchReport) -> None:
    for entity, records in report.records.items():
        resumed = " (resumed)" if entity in report.resumed else ""
        out.print(f"  {entity:<17} {records:>8} records in {report.pages[entity]} pages{resumed}")
    out.print(f"raw records: {report.raw_dir}")
