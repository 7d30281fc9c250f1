"""Checks run on the ownership edges of an import: cycles and shares above 100 %.

Both are facts to report, not reasons to refuse the data: circular ownership is a known way to
hide who controls a company, and shares that add up to more than 100 % mean two sources
disagree or one filing was not closed. A check counts a tie only on the days it existed, so an
owner that sold before the other bought is no overlap.

Cycles: the strongly connected components of all ownership ties are found first (Tarjan, in
linear time); only inside a component with a loop can a cycle exist, and there the ties alive at
each date one of them starts are checked again, so a national register is not scanned per day.
Shares: per company and interest type, the lower bounds of the direct shares alive at each start
date are summed (an exact share, or a range's minimum); indirect interests repeat a chain's
direct ones and are left out, so a person owning 60 % through two companies is no overfill.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

FULL = 100.0
_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Tie:
    """One ownership edge as the checks see it: owner (`source`) holds a share of `target`."""

    edge_id: str
    source: str
    target: str
    interest_type: str | None
    direct: bool
    share_low: float | None
    share_low_exclusive: bool
    start: date | None
    end: date | None

    def alive(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Cycle:
    """Owners that own each other from `since` (None: undated ties): one cycle as a path of
    nodes back to its start, and every tie alive in the cycle's component on that date."""

    since: date | None
    path: tuple[str, ...]
    ties: tuple[Tie, ...]


@dataclass(frozen=True, slots=True)
class Overfull:
    """Direct shares of one interest type in one company adding up to more than 100 %."""

    target: str
    interest_type: str | None
    on: date | None
    total: float
    ties: tuple[Tie, ...]


def strongly_connected(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components of a directed graph (iterative Tarjan, so a long
    ownership chain does not exhaust Python's recursion limit)."""
    graph: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        graph[source].append(target)
        graph.setdefault(target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, next_child = work.pop()
            if next_child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            children = graph[node]
            if next_child < len(children):
                work.append((node, next_child + 1))
                child = children[next_child]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def ownership_cycles(ties: Sequence[Tie]) -> list[Cycle]:
    """Each set of owners owning each other, once, with the first date it existed."""
    cycles: list[Cycle] = []
    for inside in _ties_by_component(ties, _cyclic_components(ties)):
        seen: set[frozenset[str]] = set()
        for day in _check_days(inside):
            alive = [t for t in inside if day is None or t.alive(day)]
            for live in _cyclic_components(alive):
                key = frozenset(live)
                if key in seen:
                    continue
                seen.add(key)
                live_ties = tuple(t for t in alive if t.source in key and t.target in key)
                cycles.append(Cycle(day, _one_cycle(live_ties), live_ties))
    return cycles


def overfull_shares(ties: Sequence[Tie]) -> list[Overfull]:
    """Per company and interest type, the first date its direct shares exceed 100 %."""
    groups: dict[tuple[str, str | None], list[Tie]] = defaultdict(list)
    for tie in ties:
        if tie.direct and tie.share_low is not None:
            groups[(tie.target, tie.interest_type)].append(tie)
    found: list[Overfull] = []
    for (target, interest_type), group in groups.items():
        if len(group) < 2:
            continue
        for day in _check_days(group):
            alive = tuple(t for t in group if day is None or t.alive(day))
            total = sum(t.share_low or 0.0 for t in alive)
            strict = any(t.share_low_exclusive for t in alive)
            if total > FULL + _TOLERANCE or (strict and total >= FULL - _TOLERANCE):
                found.append(Overfull(target, interest_type, day, total, alive))
                break
    return found


def _cyclic_components(ties: Sequence[Tie]) -> list[list[str]]:
    """Components holding a cycle: more than one node, or a node that owns itself."""
    loops = {t.source for t in ties if t.source == t.target}
    return [
        c
        for c in strongly_connected((t.source, t.target) for t in ties)
        if len(c) > 1 or c[0] in loops
    ]


def _ties_by_component(ties: Sequence[Tie], components: list[list[str]]) -> list[list[Tie]]:
    """The ties inside each component (both ends in it), in one pass over the ties."""
    member_of = {node: index for index, component in enumerate(components) for node in component}
    inside: list[list[Tie]] = [[] for _ in components]
    for tie in ties:
        index = member_of.get(tie.source)
        if index is not None and member_of.get(tie.target) == index:
            inside[index].append(tie)
    return inside


def _check_days(ties: Sequence[Tie]) -> list[date | None]:
    """The dates at which what is alive can grow: each start, in order; undated ties alone
    (None) when every tie is undated, else from the earliest date on, since an undated tie is
    alive on any day."""
    starts = sorted({t.start for t in ties if t.start is not None})
    if not starts:
        return [None]
    if any(t.start is None for t in ties):
        ends = [t.end for t in ties if t.start is None and t.end is not None]
        earliest = min([*ends, starts[0]])
        return [earliest, *(s for s in starts if s > earliest)]
    return list(starts)


def _one_cycle(ties: Sequence[Tie]) -> tuple[str, ...]:
    """A shortest cycle through the smallest node id, as node ids from it back to it."""
    graph: dict[str, list[str]] = defaultdict(list)
    for tie in ties:
        graph[tie.source].append(tie.target)
    start = min(graph)
    parents: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return (*reversed(path), start)
            if child not in parents:
                parents[child] = node
                queue.append(child)
    return (start,)
