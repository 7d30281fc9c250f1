"""Company facts as the patterns read them: the `company_facts` table of a graph dataset
(`ingest/company_facts.py`), by company, found by node id or by BIN.

A fact names its company as the form did (`kz-bin-<BIN>` for a valid BIN); patterns look a
supplier up by its node id and by its BIN, so a fact still meets its company after entity
resolution merged the node under another id. Without the table (a graph built before the form
existed, or from BODS and FtM alone) there are no facts, and the signs that need them are silent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from adaldyq.ingest.company_facts import FACT_TABLES
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace

BIN_NODE = "kz-bin-"


@dataclass
class CompanyFacts:
    """Fact rows by company key (node id as written, and `kz-bin-<BIN>`), oldest first."""

    by_key: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of_rows(cls, rows: list[dict[str, Any]]) -> CompanyFacts:
        facts = cls()
        for row in sorted(rows, key=lambda r: (r["first_day"], r["source_line"] or 0)):
            facts.by_key[row["company"]].append(row)
        return facts

    def of(self, node: str, number: str | None) -> list[dict[str, Any]]:
        """The facts of the company known as graph node `node` with BIN `number` (if any)."""
        keys = {node} | ({f"{BIN_NODE}{number}"} if number else set())
        rows = [row for key in sorted(keys) for row in self.by_key.get(key, ())]
        return sorted(rows, key=lambda r: (r["first_day"], r["source_line"] or 0))

    def companies(self) -> list[str]:
        return sorted(self.by_key)


def load_company_facts(backend: Backend, workspace: Workspace, dataset: str) -> CompanyFacts:
    """The dataset's company facts; none when the dataset has no `company_facts` table."""
    (table,) = FACT_TABLES
    if not workspace.has_partition(table, dataset):
        return CompanyFacts()
    expr = backend.tables(workspace, dataset, FACT_TABLES)[table]
    return CompanyFacts.of_rows(backend.to_arrow(expr).to_pylist())
