"""Ownership checks: components against a reachability oracle on random graphs, cycles and
overfull shares on hand-made ties with dates."""

from __future__ import annotations

import random
from datetime import date

import pytest

from adaldyq.ingest.graph_checks import (
    Tie,
    overfull_shares,
    ownership_cycles,
    strongly_connected,
)


def _reachable(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Who each node reaches, by breadth-first search from every node (the slow, plain way)."""
    reach: dict[str, set[str]] = {}
    for start in nodes:
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for source, target in edges:
                if source == node and target not in seen:
                    seen.add(target)
                    todo.append(target)
        reach[start] = seen
    return reach


@pytest.mark.parametrize("seed", range(30))
def test_components_match_mutual_reachability(seed: int) -> None:
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randint(1, 25))]
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 40))]
    edges.append((nodes[0], nodes[0]))  # a self-loop: a component of one that is a cycle
    present = sorted({n for edge in edges for n in edge})  # the graph is given by its edges
    reach = _reachable(present, edges)
    found = {frozenset(c) for c in strongly_connected(edges)}
    expected = {frozenset(m for m in present if m in reach[n] and n in reach[m]) for n in present}
    assert found == expected


def test_a_long_chain_does_not_recurse() -> None:
    chain = [(f"c{i}", f"c{i + 1}") for i in range(50_000)]
    assert len(strongly_connected(chain)) == 50_001


def _tie(
    edge_id: str,
    owner: str,
    asset: str,
    share: float | None = 50.0,
    start: date | None = None,
    end: date | None = None,
    direct: bool = True,
    exclusive: bool = False,
) -> Tie:
    return Tie(edge_id, owner, asset, "shareholding", direct, share, exclusive, start, end)


def test_a_company_owning_itself_is_a_cycle() -> None:
    [cycle] = ownership_cycles([_tie("t", "a", "a")])
    assert (cycle.since, cycle.path) == (None, ("a", "a"))


def test_each_set_of_owners_in_a_cycle_reported_once_from_its_first_day() -> None:
    ties = [
        _tie("ab", "a", "b", start=date(2020, 1, 1)),
        _tie("ba", "b", "a", start=date(2022, 3, 1)),
        _tie("bc", "b", "c", start=date(2023, 1, 1)),
        _tie("ca", "c", "a", start=date(2023, 1, 1)),
    ]
    cycles = ownership_cycles(ties)
    assert [(c.since, c.path) for c in cycles] == [
        (date(2022, 3, 1), ("a", "b", "a")),
        (date(2023, 1, 1), ("a", "b", "a")),  # c joins: a larger set of owners owning each other
    ]
    assert {t.edge_id for t in cycles[1].ties} == {"ab", "ba", "bc", "ca"}


def test_ties_that_never_overlap_make_no_cycle() -> None:
    ties = [
        _tie("ab", "a", "b", start=date(2020, 1, 1), end=date(2020, 12, 31)),
        _tie("ba", "b", "a", start=date(2021, 1, 1)),
    ]
    assert ownership_cycles(ties) == []


def test_direct_shares_over_100_percent_on_the_first_day_they_overlap() -> None:
    ties = [
        _tie("x", "p", "co", 60.0, start=date(2019, 1, 1), end=date(2021, 6, 30)),
        _tie("y", "q", "co", 30.0, start=date(2020, 1, 1)),
        _tie("z", "r", "co", 20.0, start=date(2021, 1, 1)),
    ]
    [over] = overfull_shares(ties)
    assert (over.target, over.on, over.total) == ("co", date(2021, 1, 1), 110.0)
    assert {t.edge_id for t in over.ties} == {"x", "y", "z"}


def test_indirect_interests_and_sold_stakes_are_not_summed() -> None:
    ties = [
        _tie("x", "p", "co", 60.0, start=date(2019, 1, 1), end=date(2019, 12, 31)),
        _tie("y", "q", "co", 60.0, start=date(2020, 1, 1)),
        _tie("z", "r", "co", 60.0, start=date(2020, 1, 1), direct=False),
    ]
    assert overfull_shares(ties) == []


def test_a_range_counts_its_minimum_and_an_exclusive_one_tips_100() -> None:
    inclusive = [_tie("x", "p", "co", 50.0), _tie("y", "q", "co", 50.0)]
    assert overfull_shares(inclusive) == []
    exclusive = [_tie("x", "p", "co", 50.0), _tie("y", "q", "co", 50.0, exclusive=True)]
    [over] = overfull_shares(exclusive)
    assert (over.on, over.total) == (None, 100.0)
