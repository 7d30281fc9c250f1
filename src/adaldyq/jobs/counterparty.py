"""The counterparty check job (`adaldyq counterparty check ID_OR_NAME --workspace DIR --json`):
find the companies a query names in a graph dataset and score each as of a day.

It reads the graph and, when the workspace has them, the integrity findings of that dataset
(`adaldyq graph findings`); without findings only the graph facts count, and the report says so
in its notes. `to_json` is the stable form the CLI prints and automated checks read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.integrity import load_resolved_graph
from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.counterparty import CompanyCheck, check
from adaldyq.engines.integrity.runner import ENGINE, require_dataset
from adaldyq.errors import NotFound
from adaldyq.jobs.graph import DEFAULT_DATASET
from adaldyq.settings import Settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace, dataset_slug
from adaldyq.store.findings import read_findings


@dataclass
class CounterpartyReport:
    """The query, the day, the dataset, every candidate company with its score, and notes (an
    invalid BIN, no stored findings)."""

    query: str
    query_kind: str
    as_of: date
    dataset: str
    checks: list[CompanyCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """`{query, query_kind, as_of, dataset, notes, matches: [{id, name, bin, matched_on,
        rank, score, band, signals: [{code, points, reason, evidence}]}]}`; matches best first."""
        return {
            "query": self.query,
            "query_kind": self.query_kind,
            "as_of": self.as_of.isoformat(),
            "dataset": self.dataset,
            "notes": self.notes,
            "matches": [
                {
                    "id": c.match.node,
                    "name": c.match.name,
                    "bin": c.match.bin,
                    "matched_on": c.match.matched_on,
                    "rank": c.match.rank,
                    "score": c.result.score,
                    "band": c.result.band,
                    "signals": [s.as_json() for s in c.result.signals],
                }
                for c in self.checks
            ],
        }


def counterparty_check_job(
    settings: Settings, query: str, dataset: str = DEFAULT_DATASET, as_of: date | None = None
) -> CounterpartyReport:
    """Score the companies `query` (BIN, node id or name) names in the graph `dataset` as of
    `as_of` (default today); NotFound when the workspace has no such graph dataset."""
    workspace = Workspace(settings.workspace)
    slug = dataset_slug(dataset)
    require_dataset(workspace, "nodes", slug, "graph", "adaldyq graph build")
    day = as_of or date.today()
    findings = _findings(workspace, slug)
    with connect(settings) as backend:
        threshold = settings.integrity.resolution_threshold
        graph, merged = load_resolved_graph(backend, workspace, slug, threshold)
        found, checks = check(
            IntegrityContext(slug, backend, graph, merged=merged), query, day, settings, findings
        )
    notes = list(found.notes)
    if findings is None:
        notes.append(
            "no integrity findings for this dataset: only graph facts were read; run "
            "`adaldyq graph findings` for the award-based signals"
        )
    return CounterpartyReport(query, found.kind, day, slug, checks, notes)


def _findings(workspace: Workspace, dataset: str) -> pa.Table | None:
    try:
        table = read_findings(workspace, ENGINE)
    except NotFound:
        return None
    return table.filter(pc.field("dataset") == dataset)
