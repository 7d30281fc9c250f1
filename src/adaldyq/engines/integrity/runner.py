"""Run the integrity patterns over one graph dataset (and one procurement dataset) and turn their
flags into findings.

As in the other engines the runner adds what every finding shares (run, dataset, rule, weight,
explanation); the score is the rule's weight times the flag's own score (0..1), so paths through
stronger ties and closer relatives rank higher (INTEGRITY.md 4.3: rank by edge-type weight and
path length). A rule whose input is missing is not run, and the run says which input it lacked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pyarrow as pa

from adaldyq.engines.integrity.context import IntegrityContext, load_resolved_graph
from adaldyq.engines.integrity.facts import load_company_facts
from adaldyq.engines.integrity.merge import Merged, unfold_evidence
from adaldyq.engines.integrity.registry import (
    DECLARATIONS,
    DECLARATIONS_FINDINGS,
    INTEGRITY_RULES,
    PROCUREMENT,
)
from adaldyq.engines.integrity.rules import load_all
from adaldyq.engines.integrity.tenders import PROCUREMENT_TABLES
from adaldyq.engines.procurement.registry import Flag
from adaldyq.engines.procurement.runner import weighted_finding
from adaldyq.errors import NotFound
from adaldyq.model.findings import Finding, findings_table
from adaldyq.settings import Settings
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace

ENGINE = "integrity"
DECLARATION_SOURCES = ("declarations", "declaration_securities", "declaration_incomes")
"""The declaration tables B02 reads."""
DIGITS = 6
OnFindings = Callable[[list[Finding]], None]


@dataclass
class IntegrityResult:
    """Counts per rule, the parameters used, what was not run and which organisations of the
    procurement data the graph does not hold; findings unless handed to `on_findings`."""

    run_id: str
    dataset: str
    procurement_dataset: str | None
    counts: Counter[str] = field(default_factory=Counter)
    meta: dict[str, Any] = field(default_factory=dict)
    not_run: dict[str, str] = field(default_factory=dict)
    unmatched: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def run_patterns(
    backend: Backend,
    workspace: Workspace,
    settings: Settings,
    run_id: str,
    dataset: str,
    procurement_dataset: str | None = None,
    declarations_findings: pa.Table | None = None,
    on_findings: OnFindings | None = None,
    declarations_dataset: str | None = None,
) -> IntegrityResult:
    """Every selected pattern over the graph `dataset`, with the awards and bids of
    `procurement_dataset` when given, the declarations findings (B11) and the declaration
    tables of `declarations_dataset` (B02) when given."""
    load_all()
    require_dataset(workspace, "nodes", dataset, "graph", "adaldyq graph build")
    threshold = settings.integrity.resolution_threshold
    graph, merged = load_resolved_graph(backend, workspace, dataset, threshold)
    procurement = None
    if procurement_dataset is not None:
        command = "adaldyq ingest"
        require_dataset(workspace, "processes", procurement_dataset, "procurement", command)
        procurement = backend.tables(workspace, procurement_dataset, PROCUREMENT_TABLES)
    declarations = None
    if declarations_dataset is not None:
        command = "adaldyq declarations import"
        require_dataset(workspace, "declarations", declarations_dataset, "declarations", command)
        declarations = backend.tables(workspace, declarations_dataset, DECLARATION_SOURCES)
    ctx = IntegrityContext(
        dataset, backend, graph, procurement, declarations_findings, declarations, merged,
        load_company_facts(backend, workspace, dataset),
    )  # fmt: skip
    available = {
        PROCUREMENT: procurement is not None,
        DECLARATIONS_FINDINGS: declarations_findings is not None,
        DECLARATIONS: declarations is not None,
    }
    result = IntegrityResult(run_id, dataset, procurement_dataset)
    for meta, function in INTEGRITY_RULES.select(settings.integrity.rules):
        params = meta.parse_params(settings.integrity.params.get(meta.code, {}))
        missing = [need for need in meta.needs if not available[need]]
        if missing:
            result.not_run[meta.code] = f"not given: {', '.join(missing)}"
            result.meta[meta.code] = {**params.model_dump(), "not_run": result.not_run[meta.code]}
            continue
        output = function(ctx, params)
        result.meta[meta.code] = output.meta
        found = [
            weighted_finding(ENGINE, run_id, dataset, meta, _unfolded(flag, merged))
            for flag in output.flags
        ]
        result.counts[meta.code] += len(found)
        if on_findings is None:
            result.findings.extend(found)
        else:
            on_findings(found)
    result.meta["resolution"] = {
        "records_merged": len(merged.canonical),
        "merged_nodes": len(merged.links),
        "links_refused_different_numbers": merged.refused,
        "ties_within_one_node_left_out": merged.self_ties,
    }
    result.unmatched = ctx.matching_summary()
    result.meta["unreadable_contacts"] = dict(ctx.contacts.unreadable)
    return result


def _unfolded(flag: Flag, merged: Merged) -> Flag:
    """The flag with its paths through the records entity resolution merged, and its score
    times the probability of the links it rests on (`merge.py`)."""
    evidence, probability = unfold_evidence(flag.evidence, merged)
    return replace(flag, evidence=evidence, score=flag.score * probability)


def require_dataset(
    workspace: Workspace, table: str, dataset: str, kind: str, command: str
) -> None:
    """NotFound naming the dataset and the command that fills it, rather than a backend error."""
    if not workspace.has_partition(table, dataset):
        raise NotFound(f"{workspace.root}: no {kind} dataset {dataset!r}; run `{command}` first")


def find(
    backend: Backend,
    workspace: Workspace,
    settings: Settings,
    dataset: str,
    procurement_dataset: str | None = None,
    declarations_findings: pa.Table | None = None,
    declarations_dataset: str | None = None,
    run_id: str = "adhoc",
) -> pa.Table:
    """The findings of every selected pattern as an Arrow table in the common schema."""
    result = run_patterns(
        backend, workspace, settings, run_id, dataset, procurement_dataset,
        declarations_findings, declarations_dataset=declarations_dataset,
    )  # fmt: skip
    return findings_table(result.findings)
