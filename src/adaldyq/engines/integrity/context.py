"""What an integrity pattern sees: the graph of one dataset in memory, the awards, bidders and
parties of a procurement dataset, and which graph node each procurement organisation is.

The procurement side is optional: the graph alone supports the shell signs (B06); patterns that
need awards or bids say so in the run's metadata and are not run. Every organisation that could
not be matched to a graph node is counted per role, so a run tells how much of the procurement
data the graph covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import ibis.expr.types as ir
import pyarrow as pa

from adaldyq.engines.integrity.facts import CompanyFacts
from adaldyq.engines.integrity.identities import Contact, ContactKeys, node_org_keys
from adaldyq.engines.integrity.merge import Link, Merged, merge_graph
from adaldyq.engines.integrity.offices import posts_by_body
from adaldyq.engines.integrity.tenders import (
    Award,
    award_expr,
    bidder_expr,
    party_expr,
    to_award,
)
from adaldyq.engines.integrity.ties import Tie, TieGraph
from adaldyq.model.graph import GRAPH_TABLES, RESOLUTION_TABLES
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace

NODE_COLUMNS = (
    "id", "schema", "name", "aliases", "identifiers", "incorporation_date", "dissolution_date",
    "address", "phone", "email", "topics", "refs", "country", "jurisdiction", "nationality",
    "source_file", "source_record",
)  # fmt: skip
EDGE_COLUMNS = (
    "id", "schema", "source", "target", "start_day", "end_day", "relationship", "role",
    "direct_or_indirect", "source_file", "source_record",
)  # fmt: skip
ORGANISATIONS = frozenset({"Company", "Organization", "LegalEntity", "PublicBody"})
SAMPLE = 20
"""How many unmatched organisation ids a run lists (all are counted)."""


def load_graph(backend: Backend, graph_tables: dict[str, ir.Table]) -> TieGraph:
    """The graph tables of one dataset, read once from the backend."""
    nodes = backend.to_arrow(graph_tables["nodes"].select(*NODE_COLUMNS)).to_pylist()
    edges = backend.to_arrow(graph_tables["edges"].select(*EDGE_COLUMNS)).to_pylist()
    return TieGraph.build(nodes, (Tie(**row) for row in edges))


def load_resolved_graph(
    backend: Backend, workspace: Workspace, dataset: str, threshold: float = 0.0
) -> tuple[TieGraph, Merged]:
    """The graph of one dataset with the nodes entity resolution linked with at least
    `threshold` merged into one (`merge.py`); as read when the dataset has no links (`adaldyq
    graph resolve` makes them). The threshold is applied again on load, so a raised one takes
    effect without resolving again."""
    graph = load_graph(backend, backend.tables(workspace, dataset, GRAPH_TABLES))
    (table,) = RESOLUTION_TABLES
    if not workspace.has_partition(table, dataset):
        return graph, Merged({}, {})
    same_as = backend.tables(workspace, dataset, RESOLUTION_TABLES)[table]
    same_as = same_as.filter(same_as.match_probability >= threshold)
    columns = ("left_id", "right_id", "match_probability", "method", "decided_by")
    links = [Link(*row.values()) for row in backend.to_arrow(same_as.select(*columns)).to_pylist()]
    return merge_graph(graph, links)


@dataclass
class IntegrityContext:
    """One graph dataset, optionally one procurement dataset, on one backend."""

    dataset: str
    backend: Backend
    graph: TieGraph
    procurement: dict[str, ir.Table] | None = None
    declarations_findings: pa.Table | None = None
    declarations: dict[str, ir.Table] | None = None
    merged: Merged = field(default_factory=lambda: Merged({}, {}))
    company_facts: CompanyFacts = field(default_factory=CompanyFacts)
    """Dated capital, staff, turnover and tax of companies (`facts.py`; B05, B06)."""
    contacts: ContactKeys = field(default_factory=ContactKeys)
    unmatched: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _node_contacts: dict[str, frozenset[Contact]] = field(default_factory=dict)

    @cached_property
    def org_index(self) -> dict[str, list[str]]:
        """Procurement org id -> the graph organisations carrying it."""
        index: dict[str, list[str]] = defaultdict(list)
        for node in self.graph.nodes.values():
            if node["schema"] in ORGANISATIONS:
                for key in node_org_keys(node):
                    index[key].append(node["id"])
        return index

    def nodes_of(self, org: str | None, role: str) -> list[str]:
        """The graph nodes of a procurement organisation; an unmatched one is counted under
        `role` (supplier, buyer, bidder)."""
        found = self.org_index.get(org or "", [])
        if not found:
            self.unmatched[role].add(org or "(no id)")
        return found

    def matching_summary(self) -> dict[str, Any]:
        """Unmatched organisations per role: how many, and the first few ids."""
        return {
            role: {"organisations": len(orgs), "sample": sorted(orgs)[:SAMPLE]}
            for role, orgs in sorted(self.unmatched.items())
        }

    def node_contacts(self, node: str) -> frozenset[Contact]:
        """A graph node's contact keys, normalised once per run (an unreadable one is counted
        once, however many patterns read the node)."""
        found = self._node_contacts.get(node)
        if found is None:
            nodes = self.graph.nodes
            found = self._node_contacts[node] = frozenset(self.contacts.of_node(nodes[node], nodes))
        return found

    @cached_property
    def posts(self) -> dict[str, list[str]]:
        """Position nodes by the body they belong to (`offices.py`)."""
        return posts_by_body(self.graph)

    def awards_in_graph(self) -> Iterator[tuple[Award, list[str], list[str]]]:
        """Dated awards whose supplier is in the graph, with the supplier's and the buyer's
        nodes (the buyer's may be none); undated awards are left to `undated_awards`."""
        for award in self.awards:
            suppliers = self.nodes_of(award.supplier, "supplier")
            if award.day is not None and suppliers:
                yield award, suppliers, self.nodes_of(award.buyer, "buyer")

    @property
    def undated_awards(self) -> int:
        """Awards with no award, contract or tender date: no tie can be checked against them."""
        return sum(1 for award in self.awards if award.day is None)

    def rows(self, expr: ir.Table) -> list[dict[str, Any]]:
        return list(self.backend.to_arrow(expr).to_pylist())

    @cached_property
    def awards(self) -> list[Award]:
        """Every award to a supplier, dated (see `tenders.py`); empty without procurement."""
        if self.procurement is None:
            return []
        return [to_award(row) for row in self.rows(award_expr(self.procurement))]

    @cached_property
    def bidders(self) -> dict[str, list[dict[str, Any]]]:
        """Tenderers (org, name, and the process's day to compare them on) per process."""
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if self.procurement is not None:
            for row in self.rows(bidder_expr(self.procurement)):
                found[row["ocid"]].append(row)
        return found

    @cached_property
    def parties(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Party contact details per (process, org id), for parties that give any."""
        found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        if self.procurement is not None:
            for row in self.rows(party_expr(self.procurement)):
                found[(row["ocid"], row["org"])].append(row)
        return found
