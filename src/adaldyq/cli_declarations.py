"""`adaldyq declarations`: import declarations, screen them, write the report. Parse, call a job,
print its summary; no logic lives here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from adaldyq.cli_common import ConfigOpt, WorkspaceOpt, err, out, print_rejects, settings_from
from adaldyq.errors import ConfigError
from adaldyq.ingest.report import IngestReport
from adaldyq.jobs.declarations import import_declarations_job, screen_declarations_job
from adaldyq.jobs.declarations_report import (
    DEFAULT_PAGES,
    declarations_report_job,
    report_options,
)
from adaldyq.jobs.declarations_report import FORMATS as REPORT_FORMATS
from adaldyq.model.screening_inputs import SCREENING_INPUTS
from adaldyq.settings import Settings

declarations_app = typer.Typer(
    help="Asset declarations: import (NACP or canonical), screen, report.", no_args_is_help=True
)

DeclarationInputs = Annotated[
    list[str],
    typer.Argument(help="Declaration files or folders (.json, .jsonl, .gz, .bz2; CSV sets)."),
]
DeclarationFormat = Annotated[
    Literal["nacp", "canonical"],
    typer.Option("--format", help="nacp: NACP e-declarations; canonical: JSON or CSV set."),
]
DeclarationDataset = Annotated[
    str | None, typer.Option(help="Dataset the declarations go to (default: declarations).")
]


PricesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        help="Reference prices, CSV or Parquet (docs/inputs/reference-prices.md): A11.",
        metavar="FILE",
    ),
]
RegistersOpt = Annotated[
    list[Path] | None,
    typer.Option(
        help="Register extracts, CSV or Parquet (docs/inputs/registers.md), for A17.",
        metavar="FILE",
    ),
]
ChecksOpt = Annotated[
    list[Path] | None,
    typer.Option(
        help="Checks started on declarants, CSV or Parquet (docs/inputs/checks.md), A21.",
        metavar="FILE",
    ),
]


@contextmanager
def _declarations_progress(label: str = "declarations") -> Iterator[Callable[[str, int], None]]:
    """A bar counting declarations read (or pages written); yields the callback the job
    advances it with."""
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(label, total=None)
        yield lambda _file, n: bar.advance(task, n)


def _print_declarations_read(report: IngestReport) -> None:
    out.print(
        f"read {report.read} = loaded {report.loaded} + rejected {report.rejected} declarations; "
        f"{report.issues} field issues"
    )


@declarations_app.command("import")
def declarations_import(
    inputs: DeclarationInputs,
    fmt: DeclarationFormat = "nacp",
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    dataset: DeclarationDataset = None,
    config: ConfigOpt = None,
) -> None:
    """Read declarations into canonical Parquet tables; print read = loaded + rejected."""
    settings = settings_from(workspace, config)
    with _declarations_progress() as advance:
        report = import_declarations_job(settings, inputs, fmt, dataset, advance)
    _print_declarations_read(report)
    for table, rows in report.rows.items():
        out.print(f"  {rows:>8}  {table}")
    print_rejects(report, settings.workspace, "rejects-declarations")


ReportOutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Folder for the report (default: DIR/declarations/report)."),
]
ReportOutputsOpt = Annotated[
    str,
    typer.Option(
        "--outputs",
        help="Report files, comma-separated: csv, parquet, json (persons ranked and the "
        "year-by-year balance), html (a page per top person and index.html).",
    ),
]
ReportPagesOpt = Annotated[
    str, typer.Option("--pages", help="HTML pages for the top N persons, or 'all'.")
]
REPORT_OUTPUTS = ",".join(REPORT_FORMATS)
REPORT_PAGES = str(DEFAULT_PAGES)


@declarations_app.command("screen")
def declarations_screen(
    inputs: DeclarationInputs,
    fmt: DeclarationFormat = "nacp",
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    rates: Annotated[
        Path | None,
        typer.Option(help="Exchange rates CSV (date,currency,rate) to the base currency."),
    ] = None,
    dataset: DeclarationDataset = None,
    top: Annotated[int, typer.Option(help="Persons shown in the ranking.")] = 10,
    out_dir: ReportOutOpt = None,
    outputs: ReportOutputsOpt = REPORT_OUTPUTS,
    pages: ReportPagesOpt = REPORT_PAGES,
    config: ConfigOpt = None,
    prices: PricesOpt = None,
    registers: RegistersOpt = None,
    checks: ChecksOpt = None,
) -> None:
    """Import declarations and screen them; findings into DIR/findings.parquet, top persons,
    then the report (persons ranked, year-by-year balance, a page per top person)."""
    settings = settings_from(workspace, config)
    _report_options(outputs, pages)
    given = {"prices": prices, "registers": registers, "checks": checks}
    optional = {kind: paths for kind, paths in given.items() if paths}
    with _declarations_progress() as advance:
        summary = screen_declarations_job(settings, inputs, fmt, rates, dataset, advance, optional)
    report, result = summary.report, summary.result
    _print_declarations_read(report)
    print_rejects(report, settings.workspace, "rejects-declarations")
    for kind, counts in result.inputs.items():
        out.print(
            f"{kind}: read {counts.read} = loaded {counts.loaded} + rejected {counts.rejected} "
            f"lines"
        )
        print_rejects(counts, settings.workspace, f"rejects-{SCREENING_INPUTS[kind].table}")
    out.print(
        f"loaded {result.declarations} = screened {result.screened} + superseded "
        f"{result.superseded} (older filings of a screened year) + not annual {result.not_annual}"
        f"; amounts in {result.base_currency}"
    )
    if result.unconverted:
        listed = ", ".join(f"{c} in {n}" for c, n in result.unconverted.items())
        out.print(
            f"amounts without a rate to {result.base_currency}, left out of the sums (give "
            f"--rates): {listed} declaration(s)"
        )
    for code, count in sorted(result.counts.items()):
        out.print(f"  {count:>7}  {code}")
    for code, reason in sorted(result.not_run.items()):
        out.print(f"  {code} {reason}")
    table = Table("person", "score", "rules (weight, years)", title="top persons")
    for person in summary.ranking[:top]:
        parts = ", ".join(
            f"{code} {weight:g} ({', '.join(map(str, person.years.get(code, [])))})"
            for code, weight in sorted(person.contributions.items())
        )
        table.add_row(person.person_id, f"{person.total:g}", parts)
    out.print(table)
    out.print(f"findings stored in {summary.findings_file} (run {result.run_id})")
    _declarations_report(settings, out_dir, outputs, pages)


@declarations_app.command("report")
def declarations_report(
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    out_dir: ReportOutOpt = None,
    outputs: ReportOutputsOpt = REPORT_OUTPUTS,
    pages: ReportPagesOpt = REPORT_PAGES,
    config: ConfigOpt = None,
) -> None:
    """Write the report again from the workspace's last screening, without screening: persons
    ranked (one column per rule's contribution), the year-by-year balance, pages per person."""
    _declarations_report(settings_from(workspace, config), out_dir, outputs, pages)


def _report_options(outputs: str, pages: str) -> tuple[list[str], int | None]:
    """`--outputs` and `--pages` read and checked: the formats, and the pages (None: all)."""
    if pages.strip().lower() == "all":
        limit = None
    elif pages.strip().isdigit():
        limit = int(pages)
    else:
        raise ConfigError(f"--pages takes a number of persons or 'all', not {pages!r}")
    return report_options([f.strip() for f in outputs.split(",") if f.strip()], limit), limit


def _declarations_report(
    settings: Settings, out_dir: Path | None, outputs: str, pages: str
) -> None:
    formats, limit = _report_options(outputs, pages)
    with _declarations_progress("pages") as advance:
        summary = declarations_report_job(
            settings, out_dir, formats, limit, lambda n: advance("", n)
        )
    out.print(
        f"report: {summary.persons} persons ranked, {summary.pages} page(s), "
        f"{len(summary.files)} file(s) in {summary.out_dir}"
    )
    if "html" in formats:
        out.print(f"open {(summary.out_dir / 'index.html').resolve()} in a browser")
