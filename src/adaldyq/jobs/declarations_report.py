"""The declarations report: the persons ranked and the balance as files, and pages per person.

Rendered from the workspace alone (the declarations findings, `declarations/balance.parquet` and
the run file that `adaldyq declarations screen` writes), so the report can be rebuilt with other
formats or more pages without screening again. `screen` calls it after the screening.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from adaldyq.engines.declarations.ranking import rank_persons
from adaldyq.engines.declarations.registry import DECLARATION_RULES
from adaldyq.engines.declarations.rules import load_all
from adaldyq.engines.declarations.runner import ENGINE
from adaldyq.errors import ConfigError, NotFound
from adaldyq.reports.declarations_pages import write_person_pages
from adaldyq.reports.declarations_persons import persons_table, top_persons, write_tables
from adaldyq.reports.rendering import DATA_FORMATS, default_docs_dir
from adaldyq.settings import Settings
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import read_findings, read_run

HTML = "html"
FORMATS = (*DATA_FORMATS, HTML)
DEFAULT_PAGES = 100


@dataclass
class ReportSummary:
    """What the report wrote: the folder, the files by kind, persons listed and paged."""

    out_dir: Path
    persons: int
    pages: int
    files: list[Path] = field(default_factory=list)


def report_options(formats: Iterable[str], pages: int | None) -> list[str]:
    """The formats asked for, checked with the page count before any work (`screen` checks
    them before screening, not after)."""
    chosen = list(dict.fromkeys(formats))
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown:
        raise ConfigError(
            f"unknown report format(s) {', '.join(unknown)}; one of: {', '.join(FORMATS)}"
        )
    if pages is not None and pages < 0:
        raise ConfigError(f"--pages must be 0 or more, or 'all'; got {pages}")
    return chosen


def declarations_report_job(
    settings: Settings,
    out_dir: Path | None = None,
    formats: Iterable[str] = FORMATS,
    pages: int | None = DEFAULT_PAGES,
    advance: Callable[[int], None] | None = None,
) -> ReportSummary:
    """Write `persons.<fmt>` and `balance.<fmt>` for each data format, and with `html` the
    pages of the top `pages` persons (None: all) and `index.html`, into `out_dir` (default
    `DIR/declarations/report`); `advance` is called with 1 after each page (a progress bar)."""
    chosen = report_options(formats, pages)
    workspace = Workspace(settings.workspace)
    findings = read_findings(workspace, ENGINE)
    run = read_run(workspace, ENGINE)
    if not workspace.declarations_balance.is_file():
        raise NotFound(
            f"{workspace.declarations_balance}: no balance; run `adaldyq declarations screen` first"
        )
    balance = pq.read_table(workspace.declarations_balance)
    load_all()
    codes = sorted(run.get("params", {}))
    persons = persons_table(rank_persons(findings), balance, codes)
    target = out_dir or workspace.declarations_report
    data = [f for f in chosen if f != HTML]
    summary = ReportSummary(target, persons.num_rows, 0)
    summary.files = write_tables(target, {"persons": persons, "balance": balance}, data)
    if HTML in chosen:
        top = top_persons(persons, pages)
        names = {code: meta.name for code, (meta, _) in DECLARATION_RULES.rules.items()}
        context = {
            "currency": run.get("base_currency", ""),
            "run_id": run.get("run_id", ""),
            "total": persons.num_rows,
            "rule_names": names,
            "docs_dir": default_docs_dir("declarations"),
            "tables": data,
        }
        summary.files += write_person_pages(target, top, balance, findings, context, advance)
        summary.pages = top.num_rows
    return summary
