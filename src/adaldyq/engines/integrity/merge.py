"""Resolved entities in the patterns' graph: linked nodes merged on load, unfolded in evidence.

Entity resolution (`node_resolution.py`) leaves links between nodes that are one person or one
company (`same_as`). The patterns must see the person: an official whose post is in one register
and whose shares are in another owns the supplier all the same. So when the graph is loaded, every
group of linked nodes (linked directly or through others) becomes one node, the group's smallest
id, with the others' names as aliases and their identifiers, contacts and topics added; each tie
keeps the ends it was read with (`Tie.read_source`, `read_target`).

A finding must still show what was read and why two records were taken for one person. So the
path in its evidence is unfolded: where the path enters a merged node through one record and
leaves it through another, the records and the `SameAs` links between them (probability and the
comparisons that decided) are put back into the path, and the finding's score is multiplied by
the links' probabilities: a conflict that rests on a 0.9 link counts as 0.9 of one that does not.
"""

from __future__ import annotations

import copy
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from adaldyq.engines.integrity.subgraph import evidence_paths
from adaldyq.engines.integrity.ties import Tie, TieGraph
from adaldyq.model.identity.identifiers import clean, is_valid_bin, is_valid_iin

SAME_AS = "SameAs"
_LISTS = ("aliases", "identifiers", "address", "phone", "email", "topics", "refs", "country",
          "jurisdiction", "nationality")  # fmt: skip
"""Node fields whose values the merged node takes from every record."""
_FIRST = ("incorporation_date", "dissolution_date")
"""Node fields the merged node takes from the first record that has one."""


@dataclass(frozen=True)
class Link:
    """One `same_as` row: two node ids and why they were taken for one."""

    left: str
    right: str
    probability: float
    method: str
    decided_by: str

    def other(self, node: str) -> str:
        return self.right if node == self.left else self.left

    def as_edge(self, source: str, target: str) -> dict[str, Any]:
        """The link as a path edge, in the direction the path walks it."""
        return {
            "id": f"same-as:{self.left}:{self.right}",
            "type": SAME_AS,
            "source": source,
            "target": target,
            "match_probability": self.probability,
            "method": self.method,
            "decided_by": self.decided_by,
        }


@dataclass
class Merged:
    """Which node each read record became, the links inside each merged node, and what the merge
    left out: links refused because they would join two different IINs/BINs, and ties whose two
    ends became one node."""

    canonical: dict[str, str]
    links: dict[str, list[Link]]  # merged node id -> the links between its records
    refused: int = 0
    self_ties: int = 0

    def node(self, record: str) -> str:
        return self.canonical.get(record, record)


def merge_graph(graph: TieGraph, links: Iterable[Link]) -> tuple[TieGraph, Merged]:
    """The graph with every group of linked nodes as one node (see the module docstring).

    Links are taken strongest first, and one that would put two different valid IINs (or BINs)
    in one group is refused: a chain of likely links through a record without a number must not
    make one person of two registered ones. A link naming a node the graph does not hold is
    ignored (the graph may have been imported again since the links were made). A tie whose two
    ends became one node (two records of one person related to each other) is left out.
    """
    ordered = sorted(
        (link for link in links if link.left in graph.nodes and link.right in graph.nodes),
        key=lambda link: (-link.probability, link.left, link.right),
    )
    groups = _Groups({node_id: _numbers(node) for node_id, node in graph.nodes.items()})
    used = [link for link in ordered if groups.join(link.left, link.right)]
    canonical = groups.canonical()
    within: dict[str, list[Link]] = defaultdict(list)
    for link in used:
        within[canonical[link.left]].append(link)
    members: dict[str, list[str]] = defaultdict(list)
    for record in sorted(graph.nodes):
        members[canonical.get(record, record)].append(record)
    nodes = [_merged_node([graph.nodes[r] for r in records], head, canonical)
             for head, records in members.items()]  # fmt: skip
    ties = [_rewired(tie, canonical) for ties in graph.out.values() for tie in ties]
    kept = [t for t in ties if t.source != t.target or not (t.read_source or t.read_target)]
    merged = Merged(canonical, dict(within), len(ordered) - len(used), len(ties) - len(kept))
    return TieGraph.build(nodes, kept), merged


def _numbers(node: dict[str, Any]) -> frozenset[str]:
    """The valid IINs and BINs a node carries: two records with different ones are two."""
    found = set()
    for identifier in node.get("identifiers") or ():
        value = identifier.get("id")
        if value and (is_valid_iin(value) or is_valid_bin(value)):
            found.add(clean(value))
    return frozenset(found)


class _Groups:
    """Union-find over node ids that refuses a union of groups with disjoint numbers."""

    def __init__(self, numbers: dict[str, frozenset[str]]) -> None:
        self._parent: dict[str, str] = {}
        self._numbers = numbers

    def _root(self, node: str) -> str:
        self._parent.setdefault(node, node)
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def join(self, a: str, b: str) -> bool:
        """Put `a` and `b` in one group; False when their groups hold different numbers."""
        ra, rb = self._root(a), self._root(b)
        if ra == rb:
            return True
        na, nb = self._numbers.get(ra, frozenset()), self._numbers.get(rb, frozenset())
        if na and nb and na.isdisjoint(nb):
            return False
        self._parent[rb] = ra
        self._numbers[ra] = na | nb
        return True

    def canonical(self) -> dict[str, str]:
        """Each node of a group of two or more -> the group's smallest id."""
        groups: dict[str, list[str]] = defaultdict(list)
        for node in self._parent:
            groups[self._root(node)].append(node)
        return {node: min(group) for group in groups.values() if len(group) > 1 for node in group}


def _merged_node(
    records: Sequence[dict[str, Any]], head: str, canonical: Mapping[str, str]
) -> dict[str, Any]:
    """One node for the records of a group; a reference to a merged record (a post's body)
    points to the merged node, so the posts of one body under two ids stay its posts."""
    if len(records) == 1:
        return _with_refs(records[0], canonical)
    first = next(r for r in records if r["id"] == head)
    node = dict(first)
    for field in _LISTS:
        if any(field in r for r in records):
            node[field] = _unique([v for r in records for v in (r.get(field) or ())])
    others = [r["name"] for r in records if r is not first and r.get("name")]
    node["aliases"] = _unique([*(node.get("aliases") or ()), *others])
    for field in _FIRST:
        if any(field in r for r in records):
            node[field] = next((r[field] for r in records if r.get(field)), None)
    node["referents"] = [r["id"] for r in records]
    return _with_refs(node, canonical)


def _with_refs(node: dict[str, Any], canonical: Mapping[str, str]) -> dict[str, Any]:
    refs = node.get("refs") or ()
    if not any(ref["id"] in canonical for ref in refs):
        return node
    return node | {"refs": [ref | {"id": canonical.get(ref["id"], ref["id"])} for ref in refs]}


def _unique(values: list[Any]) -> list[Any]:
    """The values in first-seen order without repeats (identifiers and refs are dicts)."""
    seen: dict[Any, Any] = {}
    for value in values:
        key = tuple(sorted(value.items())) if isinstance(value, dict) else value
        seen.setdefault(key, value)
    return list(seen.values())


def _rewired(tie: Tie, canonical: Mapping[str, str]) -> Tie:
    source = canonical.get(tie.source, tie.source)
    target = canonical.get(tie.target, tie.target)
    if (source, target) == (tie.source, tie.target):
        return tie
    return replace(
        tie,
        source=source,
        target=target,
        read_source=tie.source if source != tie.source else None,
        read_target=tie.target if target != tie.target else None,
    )


def unfold_evidence(evidence: Mapping[str, Any], merged: Merged) -> tuple[dict[str, Any], float]:
    """The evidence with every path unfolded through the records it really joins (each path that
    needed links gets its `same_as_probability`), and the probability of the links the finding
    rests on: those of its `path`. B04's other `links[]` are alternatives to it, not a chain."""
    if not merged.links:
        return dict(evidence), 1.0
    unfolded = copy.deepcopy(dict(evidence))
    done: set[int] = set()  # B04's `path` is one of its `links[].path`: unfold it once
    for path in evidence_paths(unfolded):
        if id(path) not in done:
            done.add(id(path))
            probability = _unfold(path, merged)
            if probability < 1.0:
                path["same_as_probability"] = round(probability, 6)
    main = unfolded.get("path") or {}
    probability = float(main.get("same_as_probability", 1.0))
    if probability < 1.0:
        unfolded["same_as_probability"] = probability
    return unfolded, probability


def _unfold(path: dict[str, Any], merged: Merged) -> float:
    """Rewrite one `{nodes, edge_types, edges}` path in place; its links' probability."""
    nodes: list[str] = path["nodes"]
    edges: list[dict[str, Any]] = path["edges"]
    if not any(n in merged.links for n in nodes):
        return 1.0
    out_nodes: list[str] = []
    out_edges: list[dict[str, Any]] = []
    probability = 1.0
    for i, node in enumerate(nodes):
        before = _read_end(edges[i - 1], node) if i > 0 else None
        after = _read_end(edges[i], node) if i < len(edges) else None
        enter, leave = before or after or node, after or before or node
        chain = _chain(merged.links.get(node, ()), enter, leave)
        out_nodes.append(enter)
        for link, (a, b) in chain:
            out_edges.append(link.as_edge(a, b))
            out_nodes.append(b)
            probability *= link.probability
        if i < len(edges):
            out_edges.append(_as_read(edges[i]))
    path["nodes"] = out_nodes
    path["edges"] = out_edges
    path["edge_types"] = [edge["type"] for edge in out_edges]
    return probability


def _read_end(edge: Mapping[str, Any], node: str) -> str | None:
    """The record through which `edge` touches the merged `node`."""
    if edge.get("source") == node:
        return edge.get("read_source") or node
    if edge.get("target") == node:
        return edge.get("read_target") or node
    return None


def _as_read(edge: Mapping[str, Any]) -> dict[str, Any]:
    """An edge with the ends it was read with (the merged ids kept under `merged_*`)."""
    shown = dict(edge)
    for end in ("source", "target"):
        read = shown.pop(f"read_{end}", None)
        if read is not None and read != shown[end]:
            shown[f"merged_{end}"] = shown[end]
            shown[end] = read
    return shown


def _chain(links: Iterable[Link], start: str, goal: str) -> list[tuple[Link, tuple[str, str]]]:
    """The fewest links from record `start` to record `goal` inside one merged node (breadth
    first, links in stored order), each with the direction walked."""
    if start == goal:
        return []
    by_node: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_node[link.left].append(link)
        by_node[link.right].append(link)
    came: dict[str, tuple[Link, str]] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for link in by_node[node]:
            nxt = link.other(node)
            if nxt != start and nxt not in came:
                came[nxt] = (link, node)
                queue.append(nxt)
    steps: list[tuple[Link, tuple[str, str]]] = []
    node = goal
    while node != start:
        link, previous = came[node]
        steps.append((link, (previous, node)))
        node = previous
    return steps[::-1]
