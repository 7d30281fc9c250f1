"""Declaration jobs: import declarations into a workspace, and screen them.

`screen` imports (through the same job as `adaldyq declarations import`), runs the rules on the
backend, writes the findings into the common `DIR/findings.parquet` (replacing only this
engine's rows) with `runs/declarations.json`, and returns what the CLI prints: the import's
counts, how the loaded declarations were screened, findings per rule and the person ranking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from adaldyq.engines.declarations.ranking import PersonRank, rank_persons
from adaldyq.engines.declarations.runner import ENGINE, ScreenResult, screen
from adaldyq.ingest.declarations import DEFAULT_DATASET, DeclarationsIngest, Format, Progress
from adaldyq.ingest.report import IngestReport
from adaldyq.jobs import new_run_id
from adaldyq.model.findings import findings_table
from adaldyq.settings import Settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace, dataset_slug
from adaldyq.store.findings import FindingsWriter, read_findings


def import_declarations_job(
    settings: Settings,
    inputs: list[str],
    fmt: Format,
    dataset: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read declarations into the workspace's declaration tables; the report balances
    read = loaded + rejected per file. `adaldyq declarations screen` imports through this too."""
    workspace = Workspace(settings.workspace)
    return DeclarationsIngest(workspace, fmt, dataset or DEFAULT_DATASET, progress).run(inputs)


@dataclass
class ScreenSummary:
    """An import and its screening: counts for people, the ranking, where findings went."""

    report: IngestReport
    result: ScreenResult
    ranking: list[PersonRank]
    findings_file: Path


def screen_declarations_job(
    settings: Settings,
    inputs: list[str],
    fmt: Format,
    rates_file: Path | None = None,
    dataset: str | None = None,
    progress: Progress | None = None,
    screening_inputs: Mapping[str, Sequence[Path]] | None = None,
) -> ScreenSummary:
    """Import `inputs`, screen the dataset, store the findings; the rates table (CSV) converts
    foreign-currency amounts, which without it stay unconverted and are listed as such.
    `screening_inputs` are the optional inputs' files by kind (`prices`, `registers`, `checks`)."""
    report = import_declarations_job(settings, inputs, fmt, dataset, progress)
    workspace = Workspace(settings.workspace)
    name = dataset_slug(dataset or DEFAULT_DATASET)
    run_id = new_run_id()
    writer = FindingsWriter(workspace, ENGINE)
    balances: list[pa.Table] = []
    try:
        with connect(settings) as backend:
            result = screen(
                backend,
                workspace,
                settings,
                run_id,
                name,
                rates_file,
                lambda found: writer.add(findings_table(found)),
                balances.append,
                screening_inputs,
            )
    except BaseException:
        writer.abandon()
        raise
    writer.finish(
        {
            "run_id": run_id,
            "engine": ENGINE,
            "dataset": name,
            "base_currency": result.base_currency,
            "rates_file": str(rates_file) if rates_file else None,
            "inputs": {kind: r.as_dict() for kind, r in result.inputs.items()},
            "not_run": result.not_run,
            "settings": settings.declarations.model_dump(),
            "params": result.meta,
        }
    )
    write_balance(workspace, balances[0])
    ranking = rank_persons(read_findings(workspace, ENGINE))
    return ScreenSummary(report, result, ranking, workspace.findings)


def write_balance(workspace: Workspace, balance: pa.Table) -> Path:
    """Store the screening's year-by-year balance beside its findings (written aside, then put
    in place), so `adaldyq declarations report` renders from the workspace alone."""
    path = workspace.declarations_balance
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(balance, partial, compression="zstd")
    partial.replace(path)
    return path
