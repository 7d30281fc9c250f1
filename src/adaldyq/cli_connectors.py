"""`adaldyq convert`: national procurement sources into OCDS (issue #8). The output is ordinary
OCDS, so `adaldyq analyze OUT.jsonl` runs every rule on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from adaldyq.cli_common import ConfigOpt, out, settings_from
from adaldyq.ingest.goszakup.ledger import ConvertReport
from adaldyq.jobs.connectors import convert_goszakup_job

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
    if report.issues:
        out.print(f"issues: {report.issues_file}")
    if report.random_iin_key:
        out.print(
            "IIN pseudonyms use a random key valid for this run only; set "
            "ADALDYQ_GOSZAKUP__IIN_KEY for pseudonyms stable across runs."
        )
