"""The graph in memory for path search: ties (edges) by their ends, each tested against a day.

Patterns ask "who controlled this supplier on the award date, through at most three ownership or
directorship ties?", so every hop is checked on the day: a tie that ended before the award or
began after it does not carry a path. The search walks backwards from the target over the ties
alive on the day and yields every simple path (no node twice) of at most `max_hops` ties; the
tests check it against networkx's `all_simple_edge_paths` on random graphs.

Why in memory, not a recursive CTE: a pattern needs each path itself (node and edge ids, dates,
sources) as evidence, and the dates are checked per hop against a different day per award; the
ties of the schemata a pattern reads fit in memory for registers of millions of ties. The load is
one scan of the `edges` table on the backend.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

CONTROL = frozenset({"Ownership", "Directorship"})
"""Ties by which a person or company controls a company (owner -> asset, director -> org)."""
KINSHIP = frozenset({"Family", "Associate"})
"""Ties between people that make one answer for the other's interests (either direction)."""
OFFICE = frozenset({"Employment", "Occupancy"})
"""Ties that place a person in a public body: Employment employee -> employer, Occupancy
holder -> post (the post's `organization` reference names the body)."""


@dataclass(frozen=True, slots=True)
class Tie:
    """One edge of the graph as patterns read it: its ends, its days and where it was read."""

    id: str
    schema: str
    source: str
    target: str
    start_day: date | None = None
    end_day: date | None = None
    source_file: str | None = None
    source_record: str | None = None
    relationship: str | None = None
    role: str | None = None
    direct_or_indirect: str | None = None
    """BODS: an `indirect` interest summarises a chain the source may not spell out."""
    read_source: str | None = None
    read_target: str | None = None
    """The ends as read, when entity resolution merged them into another node (`merge.py`)."""

    def alive(self, day: date) -> bool:
        """Whether the tie can have existed on `day` (an open end is no limit)."""
        return (self.start_day is None or self.start_day <= day) and (
            self.end_day is None or day <= self.end_day
        )

    def other(self, node: str) -> str:
        """The end that is not `node`."""
        return self.target if node == self.source else self.source

    def as_evidence(self) -> dict[str, Any]:
        """The tie as a finding shows it: ids, type, days and source, so a person can check it."""
        return {
            "id": self.id,
            "type": self.schema,
            "source": self.source,
            "target": self.target,
            "start_day": self.start_day.isoformat() if self.start_day else None,
            "end_day": self.end_day.isoformat() if self.end_day else None,
            "relationship": self.relationship,
            "role": self.role,
            "direct_or_indirect": self.direct_or_indirect,
            "source_file": self.source_file,
            "source_record": self.source_record,
        } | {
            f"read_{end}": read
            for end, read in (("source", self.read_source), ("target", self.read_target))
            if read is not None
        }


Path = tuple[Tie, ...]
"""Ties from the first node (a controller) to the last (the target), in that order."""


@dataclass
class TieGraph:
    """Nodes by id (their table rows) and ties indexed by each end."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    into: dict[str, list[Tie]] = field(default_factory=lambda: defaultdict(list))
    out: dict[str, list[Tie]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, nodes: Iterable[dict[str, Any]], ties: Iterable[Tie]) -> TieGraph:
        graph = cls()
        graph.nodes = {node["id"]: node for node in nodes}
        for tie in ties:
            graph.add(tie)
        return graph

    def add(self, tie: Tie) -> None:
        self.into[tie.target].append(tie)
        self.out[tie.source].append(tie)

    def schema(self, node: str) -> str | None:
        row = self.nodes.get(node)
        return row["schema"] if row else None

    def ties_into(self, node: str, schemata: Collection[str], day: date | None) -> list[Tie]:
        """Ties of these schemata ending at `node` (alive on `day`, when one is given)."""
        return [
            t
            for t in self.into.get(node, ())
            if t.schema in schemata and (day is None or t.alive(day))
        ]

    def ties_out(self, node: str, schemata: Collection[str], day: date | None) -> list[Tie]:
        """Ties of these schemata starting at `node` (alive on `day`, when one is given)."""
        return [
            t
            for t in self.out.get(node, ())
            if t.schema in schemata and (day is None or t.alive(day))
        ]

    def ties_at(self, node: str, schemata: Collection[str], day: date | None) -> list[Tie]:
        """Ties of these schemata at either end of `node`, for undirected kinds (Family)."""
        return self.ties_into(node, schemata, day) + self.ties_out(node, schemata, day)

    def paths_into(
        self, target: str, day: date | None, schemata: Collection[str] = CONTROL, max_hops: int = 3
    ) -> Iterator[Path]:
        """Every simple path of 1..`max_hops` ties of `schemata`, each alive on `day` (every tie
        when `day` is None), that ends at `target`; shortest first per first tie."""
        stack: list[tuple[str, Path, frozenset[str]]] = [(target, (), frozenset({target}))]
        while stack:
            node, path, seen = stack.pop()
            for tie in self.ties_into(node, schemata, day):
                if tie.source in seen:
                    continue
                longer = (tie, *path)
                yield longer
                if len(longer) < max_hops:
                    stack.append((tie.source, longer, seen | {tie.source}))

    def controllers(
        self, target: str, day: date | None, schemata: Collection[str] = CONTROL, max_hops: int = 3
    ) -> dict[str, Path]:
        """Each node with a path to `target` (see `paths_into`), with its shortest path (the
        first by tie ids among equals, so a rerun shows the same one)."""
        best: dict[str, Path] = {}
        for path in self.paths_into(target, day, schemata, max_hops):
            first = path[0].source
            if first not in best or _rank(path) < _rank(best[first]):
                best[first] = path
        return best


def _rank(path: Path) -> tuple[int, list[str]]:
    return len(path), [tie.id for tie in path]


def path_nodes(path: Path) -> list[str]:
    """The node ids a path visits, first node to last."""
    return [path[0].source, *(tie.target for tie in path)] if path else []


def components(pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected components of an undirected graph given by its links (union-find with path
    halving); only nodes named in a link appear. Sorted by size, then smallest member."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = defaultdict(set)
    for node in parent:
        groups[root(node)].add(node)
    return sorted(groups.values(), key=lambda g: (-len(g), min(g)))
