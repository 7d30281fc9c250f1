"""Procurement jobs: ingest OCDS, analyse it with every rule, and write the outputs for people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from adaldyq.engines.audit import AuditList, audit_workspace
from adaldyq.engines.procurement.runner import ENGINE, AnalysisResult, OnRule, analyse
from adaldyq.ingest.ocds import OcdsIngest, Progress
from adaldyq.ingest.report import IngestReport
from adaldyq.jobs import new_run_id
from adaldyq.model.findings import findings_table
from adaldyq.reports.audit_list import write_audit_list
from adaldyq.reports.summary import write_report
from adaldyq.settings import Settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import FindingsWriter, read_findings, read_run


def ingest_job(
    settings: Settings,
    inputs: list[str],
    dataset: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read OCDS inputs into the workspace's canonical tables."""
    return OcdsIngest(Workspace(settings.workspace), dataset, progress).run(inputs)


@dataclass
class AnalyzeSummary:
    """What an analysis did: the ingest counts (if it ingested) and the findings per rule."""

    run_id: str
    ingest: IngestReport | None
    result: AnalysisResult
    findings_file: Path


def analyze_job(
    settings: Settings,
    inputs: list[str],
    dataset: str | None = None,
    progress: Progress | None = None,
    on_rule: OnRule | None = None,
) -> AnalyzeSummary:
    """Ingest the inputs (if any), run every selected rule, write findings and run metadata."""
    workspace = Workspace(settings.workspace)
    report = ingest_job(settings, inputs, dataset, progress) if inputs else None
    run_id = new_run_id()
    datasets = sorted(report.processes) if report is not None else None
    writer = FindingsWriter(workspace, ENGINE)
    try:
        with connect(settings) as backend:
            result = analyse(
                backend, workspace, settings, run_id, datasets, on_rule,
                lambda found: writer.add(findings_table(found)),
            )  # fmt: skip
    except BaseException:
        writer.abandon()
        raise
    writer.finish(_run_record(settings, result))
    return AnalyzeSummary(run_id, report, result, workspace.findings)


@dataclass
class Outputs:
    """The files written for people after an analysis."""

    audit: AuditList
    files: dict[str, Path]


def outputs_job(
    settings: Settings, top_n: int | None = None, warnings: Sequence[str] | None = None
) -> Outputs:
    """Write the audit list in every format and the summary report into the workspace."""
    workspace = Workspace(settings.workspace)
    audit = audit_workspace(workspace, settings.scoring, top_n=top_n)
    files = write_audit_list(audit, workspace.root)
    if warnings is None:
        warnings = read_run(workspace, ENGINE).get("warnings", [])
    files["report"] = write_report(
        workspace.output("report.html"),
        audit,
        read_findings(workspace, ENGINE),
        warnings,
        links={"audit list": "audit-list.html"},
        share_warning=settings.procurement.flag_share_warning,
    )
    return Outputs(audit, files)


def _run_record(settings: Settings, result: AnalysisResult) -> dict[str, Any]:
    return {
        "run_id": result.run_id,
        "created": datetime.now(UTC).isoformat(),
        "backend": settings.backend,
        "settings": settings.model_dump(mode="json"),
        "datasets": {
            name: {
                "processes": count + result.excluded.get(name, 0),
                "in_scope": count,
                "rules": result.meta.get(name, {}),
            }
            for name, count in result.processes.items()
        },
        "warnings": result.warnings,
    }
