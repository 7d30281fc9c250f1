"""The `adaldyq` command: parse options, call a job, render the result. No logic lives here.

Every command exits 0 on success; an `AdaldyqError` is printed as one line on stderr and exits with
its code (2 bad input, 3 bad settings, 4 backend failure, 5 not found).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from adaldyq.cli_cases import cases_app
from adaldyq.cli_common import (
    ConfigOpt,
    WorkspaceOpt,
    err,
    out,
    print_rejects,
    settings_from,
)
from adaldyq.cli_connectors import convert_app, fetch_app
from adaldyq.cli_declarations import declarations_app
from adaldyq.cli_graph import counterparty_app, graph_app
from adaldyq.errors import AdaldyqError, ConfigError, InputError
from adaldyq.ingest.report import IngestReport
from adaldyq.jobs.legal_drafts import DraftResult, DraftsRun, check_drafts_job
from adaldyq.jobs.procurement import AnalyzeSummary, analyze_job, ingest_job, outputs_job
from adaldyq.settings import Settings

app = typer.Typer(
    name="adaldyq",
    help="Corruption-risk findings from a state's own data, each with its rule and evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
draft_app = typer.Typer(
    help="Anti-corruption expertise of draft legal acts (.txt, .docx, .pdf).",
    no_args_is_help=True,
)
app.add_typer(draft_app, name="draft")
app.add_typer(declarations_app, name="declarations")
app.add_typer(graph_app, name="graph")
app.add_typer(counterparty_app, name="counterparty")
app.add_typer(cases_app, name="cases")
app.add_typer(convert_app, name="convert")
app.add_typer(fetch_app, name="fetch")
DatasetOpt = Annotated[
    str | None,
    typer.Option(help="Put every input into this dataset (default: one dataset per file)."),
]
Inputs = Annotated[
    list[str], typer.Argument(help="OCDS files or folders (.json, .jsonl, .gz); '-' for stdin.")
]


@contextmanager
def _bytes_progress(label: str) -> Iterator[Callable[[str, int], None]]:
    columns = (TextColumn(label), BarColumn(), TransferSpeedColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(label, total=None)

        def advance(_file: str, size: int) -> None:
            bar.advance(task, size)

        yield advance


@app.command()
def ingest(
    inputs: Inputs,
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    dataset: DatasetOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Read OCDS into canonical Parquet tables; print read = loaded + rejected."""
    settings = settings_from(workspace, config)
    with _bytes_progress("ingest") as progress:
        report = ingest_job(settings, inputs, dataset, progress)
    _print_ingest(report, settings.workspace)


@app.command()
def analyze(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="OCDS inputs; omit to analyse the workspace as is.")
    ] = None,
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    dataset: DatasetOpt = None,
    config: ConfigOpt = None,
    backend: Annotated[
        Literal["duckdb", "spark"] | None, typer.Option(help="Analytics engine (default duckdb).")
    ] = None,
    rules: Annotated[
        str | None, typer.Option(help="Comma-separated rule codes to run (default: all).")
    ] = None,
) -> None:
    """Ingest the inputs and run every rule; write the findings to WORKSPACE/findings.parquet."""
    overrides: dict[str, Any] = {"backend": backend}
    settings = settings_from(workspace, config, **overrides)
    if rules:
        chosen = [code.strip() for code in rules.split(",") if code.strip()]
        settings = settings.model_copy(
            update={"procurement": settings.procurement.model_copy(update={"rules": chosen})}
        )
    with _bytes_progress("ingest") as progress:
        summary = analyze_job(settings, inputs or [], dataset, progress)
    _print_analysis(summary, settings)


def _print_analysis(summary: AnalyzeSummary, settings: Settings) -> None:
    if summary.ingest is not None:
        _print_ingest(summary.ingest, settings.workspace)
    table = Table("rule", "findings")
    for code, count in sorted(summary.result.counts.items()):
        table.add_row(code, str(count))
    out.print(table)
    in_scope = sum(summary.result.processes.values())
    excluded = sum(summary.result.excluded.values())
    out.print(
        f"run {summary.run_id}: {summary.result.counts.total()} findings on {in_scope} processes "
        f"in scope ({excluded} excluded: cancelled or excluded method) in "
        f"{len(summary.result.processes)} dataset(s): {summary.findings_file}"
    )
    for warning in summary.result.warnings:
        err.print(f"[yellow]warning:[/] {warning}")


@app.command("audit-list")
def audit_list(
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    top: Annotated[
        int | None,
        typer.Option(help="The N most risk-prone processes; default: SASU's top-risk queue."),
    ] = None,
    fmt: Annotated[
        Literal["csv", "json", "html", "parquet"], typer.Option("--format", help="Output format.")
    ] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default: standard output.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Rank the analysed processes for audit, with the reasons for each place."""
    from adaldyq.engines.audit import audit_workspace
    from adaldyq.reports.audit_list import render_audit_list
    from adaldyq.store.catalog import Workspace

    settings = settings_from(workspace, config)
    audit = audit_workspace(Workspace(settings.workspace), settings.scoring, top_n=top)
    content = render_audit_list(audit, fmt)
    if output is not None:
        output.write_bytes(content)
        err.print(f"{len(audit.rows)} processes ranked of {len(audit.queue)}: {output}")
    elif fmt in ("html", "parquet"):
        raise ConfigError(f"--format {fmt} writes a file: give --output")
    else:
        sys.stdout.buffer.write(content)


@app.command()
def demo(
    data: Annotated[Path, typer.Option(help="Folder of OCDS files, one dataset per file.")] = Path(
        "../shared/data/ocds/real-2018-sample-data"
    ),
    workspace: WorkspaceOpt = Path("adaldyq-workspace"),
    config: ConfigOpt = None,
) -> None:
    """Ingest the real OCDS samples, run every rule, write the audit list and the report."""
    settings = settings_from(workspace, config)
    with _bytes_progress("ingest") as progress:
        summary = analyze_job(settings, [str(data)], None, progress)
    _print_analysis(summary, settings)
    outputs = outputs_job(settings, warnings=summary.result.warnings)
    out.print(
        f"\naudit list: {len(outputs.audit.rows)} top-risk processes of {len(outputs.audit.queue)}"
    )
    for name, path in outputs.files.items():
        out.print(f"  {name:8} {path.resolve()}")
    out.print(f"open {outputs.files['report'].resolve()} in a browser to start.")


@app.command("coverage")
def coverage_command(
    file: Annotated[Path, typer.Argument(help="JSON Lines of compiled releases (.gz too).")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print only the path → count object, as Cardinal.")
    ] = False,
) -> None:
    """Count non-empty fields per path (Cardinal's semantics) and the red flags they support."""
    from adaldyq.engines.procurement.ocp_support import implemented_ocp_codes
    from adaldyq.ingest.coverage import coverage
    from adaldyq.ingest.flag_support import flag_support

    if not file.is_file():
        raise InputError("no such file", path=file)
    counts = coverage(file)
    if as_json:
        sys.stdout.write(json.dumps(counts, ensure_ascii=False) + "\n")
        return
    table = Table("path", "non-empty", title=f"coverage of {file}")
    for path, count in sorted(counts.items()):
        table.add_row(path or "(lines)", str(count))
    out.print(table)
    support = flag_support(counts, implemented_ocp_codes())
    flags = Table("code", "red flag", "supported", "computed by", "missing fields")
    for item in support:
        flags.add_row(
            item.code,
            item.name,
            "yes" if item.supported else "no",
            ", ".join(item.implemented_by),
            ", ".join(item.missing),
        )
    out.print(flags)
    usable = [s.code for s in support if s.supported and s.implemented]
    out.print(f"{len(usable)} red flags are both supported by this file and computed by Adaldyq.")


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, what it flags, and the OCP red flags it covers."""
    from adaldyq.engines.procurement.registry import PROCUREMENT_RULES
    from adaldyq.engines.procurement.rules import load_all

    load_all()
    table = Table("code", "name", "family", "subjects", "OCP codes")
    for meta, _ in PROCUREMENT_RULES.select(None):
        table.add_row(
            meta.code, meta.name, meta.family, ", ".join(meta.subjects), ", ".join(meta.ocp_codes)
        )
    out.print(table)


@draft_app.command("check")
def draft_check(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Drafts (.txt, .docx, .pdf; a single provision too) or folders."),
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print one JSON conclusion per file, one per line ({'file', 'error'} for a "
            "file that failed); write files only with --out, store only with --workspace.",
        ),
    ] = False,
    language: Annotated[
        Literal["ru", "kk", "en"] | None,
        typer.Option(help="The drafts' language; overrides detection."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Folder for the conclusions (default: WORKSPACE/conclusions)."
        ),
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", help="Conclusion formats, comma-separated: html,docx,json.")
    ] = "html,docx,json",
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace whose store keeps the findings (adaldyq-workspace).",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(help="Processes checking drafts side by side (default: every core)."),
    ] = 0,
) -> None:
    """Check drafts for corruption-risk factors; write a conclusion per draft and store the
    findings. Folders are searched recursively. Exits 2 only when no file could be checked."""
    from adaldyq.store.catalog import Workspace

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    processes = workers or os.cpu_count() or 1
    if as_json:
        store = Workspace(workspace) if workspace is not None else None

        def emit(result: DraftResult, _done: int, _total: int) -> None:
            sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()

        run = check_drafts_job(paths, language, out_dir, chosen, store, emit, processes)
    else:
        store = Workspace(workspace or Path("adaldyq-workspace"))
        out_dir = out_dir or store.output("conclusions")
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("checking drafts", total=None)

            def advance(result: DraftResult, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=result.path.name)

            run = check_drafts_job(paths, language, out_dir, chosen, store, advance, processes)
        if run.all_failed and len(run.results) == 1:
            raise InputError(str(run.results[0].error))
        _print_drafts(run, out_dir)
    if run.all_failed:
        raise InputError(f"none of the {len(run.results)} drafts could be checked")


def _print_drafts(run: DraftsRun, out_dir: Path) -> None:
    table = Table("file", "language", "provisions", "findings", "per factor", "advisory", "error")
    for r in run.results:
        s = r.summary
        table.add_row(
            str(r.path),
            str(r.record["language"]) if r.record else "",
            str(s.provisions) if s else "",
            str(s.findings) if s else "",
            " ".join(f"{code}:{n}" for code, n in sorted(s.per_factor.items())) if s else "",
            str(s.advisory) if s else "",
            (r.error or "").removeprefix(f"{r.path}: "),
        )
    out.print(table)
    checked = [r for r in run.results if r.error is None]
    out.print(f"{len(checked)} of {len(run.results)} drafts checked; conclusions in {out_dir}")
    if run.findings_file is not None and checked:
        out.print(f"findings stored in {run.findings_file} (run {run.run_id})")


def _print_ingest(report: IngestReport, workspace: Path) -> None:
    out.print(
        f"read {report.read} = loaded {report.loaded} + rejected {report.rejected} records; "
        f"{sum(report.processes.values())} processes in {len(report.processes)} dataset(s); "
        f"{report.issues} field issues"
    )
    print_rejects(report, workspace, "rejects")


def main() -> None:
    """Entry point: run the app, turning AdaldyqError into a one-line message and exit code."""
    try:
        app(standalone_mode=False)
    except AdaldyqError as exc:
        err.print(f"adaldyq: error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("adaldyq: interrupted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click's usage errors arrive here with standalone_mode=False
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, typer.TyperException):  # typer 0.2x raises its own copy of click's
            message = exc.format_message()
            err.print(f"adaldyq: error: {message}", markup=False, highlight=False)
            sys.exit(exc.exit_code)
        raise
