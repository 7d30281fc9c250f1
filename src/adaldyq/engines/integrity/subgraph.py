"""A finding's subgraph: the nodes and ties of its path(s), as a networkx graph for analysis and
as JSON `{nodes: [...], edges: [...]}` for a web page to draw.

The subgraph is read from the finding's own evidence (`path`, and each `links[].path` of B04), so
a stored finding can be drawn without running anything again. Given the graph's nodes, each node
gets its schema, name and topics; nodes that are not graph nodes get a schema from their form:
a contract (`ocid/award`), a shared contact (`phone:...`, `address:...`), a procurement org id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx  # type: ignore[import-untyped]

CONTACT_SCHEMATA = {
    "address": "Address",
    "phone": "Phone",
    "email": "Email",
    "email_domain": "EmailDomain",
    "identifier": "Identifier",
}
"""Pseudo-nodes of shared contacts by their prefix; `Address` is FtM's, the rest are ours."""
NODE_FIELDS = ("schema", "name", "topics")


def evidence_paths(evidence: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every path a finding's evidence holds: its `path` and each of B04's `links[].path`."""
    if "path" in evidence:
        yield evidence["path"]
    for link in evidence.get("links", ()):
        yield link["path"]


def _describe(node: str, nodes: Mapping[str, Mapping[str, Any]] | None) -> dict[str, Any]:
    row = (nodes or {}).get(node)
    if row is not None:
        return {"id": node, **{f: row.get(f) for f in NODE_FIELDS}}
    prefix = node.split(":", 1)[0]
    if prefix in CONTACT_SCHEMATA and ":" in node:
        schema = CONTACT_SCHEMATA[prefix]
    elif "/" in node:
        schema = "Contract"
    else:
        schema = "Organization"
    return {"id": node, "schema": schema, "name": node, "topics": []}


def finding_subgraph(
    evidence: str | Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]] | None = None
) -> nx.MultiDiGraph:
    """The finding's nodes and ties as a directed multigraph; edges keyed by tie id, with the
    tie's type, days and source as attributes."""
    found = json.loads(evidence) if isinstance(evidence, str) else evidence
    graph = nx.MultiDiGraph()
    for path in evidence_paths(found):
        for node in path["nodes"]:
            attributes = _describe(node, nodes)
            attributes.pop("id")
            graph.add_node(node, **attributes)
        for edge in path["edges"]:
            attributes = {k: v for k, v in edge.items() if k not in ("id", "source", "target")}
            graph.add_edge(edge["source"], edge["target"], key=edge["id"], **attributes)
    return graph


def subgraph_json(
    evidence: str | Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """`{nodes: [{id, schema, name, topics}], edges: [{id, type, source, target, start_day,
    end_day, ...}]}`, each once, in path order: what a web page draws."""
    graph = finding_subgraph(evidence, nodes)
    return {
        "nodes": [{"id": node, **data} for node, data in graph.nodes(data=True)],
        "edges": [
            {"id": key, "source": source, "target": target, **data}
            for source, target, key, data in graph.edges(keys=True, data=True)
        ],
    }
