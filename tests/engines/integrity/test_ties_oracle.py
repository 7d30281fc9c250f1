"""The date-aware path search and the components against networkx on random graphs (issue #5).

Each random multigraph has ties with random first and last days; the oracle drops the ties not
alive on the day and asks networkx for every simple edge path of at most three ties into the
target (`all_simple_edge_paths`), or for the connected components."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

import networkx as nx
import pytest

from adaldyq.engines.integrity.ties import Tie, TieGraph, components

DAY = date(2023, 6, 1)


def _random_ties(rng: Random, nodes: int, ties: int) -> list[Tie]:
    found = []
    for n in range(ties):
        source, target = rng.randrange(nodes), rng.randrange(nodes)
        start = DAY + timedelta(days=rng.randint(-400, 100)) if rng.random() < 0.7 else None
        end = DAY + timedelta(days=rng.randint(-100, 400)) if rng.random() < 0.5 else None
        schema = rng.choice(["Ownership", "Directorship", "Family"])
        found.append(Tie(f"e{n}", schema, f"n{source}", f"n{target}", start, end))
    return found


@pytest.mark.parametrize("seed", range(30))
def test_paths_into_match_networkx_simple_edge_paths(seed: int) -> None:
    rng = Random(seed)
    nodes = rng.randint(5, 25)
    ties = _random_ties(rng, nodes, rng.randint(5, 60))
    graph = TieGraph.build([{"id": f"n{n}", "schema": "Company"} for n in range(nodes)], ties)
    oracle = nx.MultiDiGraph()
    oracle.add_nodes_from(f"n{n}" for n in range(nodes))
    for tie in ties:
        if tie.schema in ("Ownership", "Directorship") and tie.alive(DAY):
            oracle.add_edge(tie.source, tie.target, key=tie.id)
    for target in (f"n{n}" for n in range(nodes)):
        ours = {tuple(t.id for t in path) for path in graph.paths_into(target, DAY, max_hops=3)}
        expected = {
            tuple(key for _, _, key in path)
            for source in oracle.nodes
            if source != target
            for path in nx.all_simple_edge_paths(oracle, source, target, cutoff=3)
        }
        assert ours == expected, target
        reach = nx.single_source_shortest_path_length(oracle.reverse(), target, cutoff=3)
        shortest = graph.controllers(target, DAY, max_hops=3)
        assert {n: len(p) for n, p in shortest.items()} == {
            n: d for n, d in reach.items() if n != target
        }


@pytest.mark.parametrize("seed", range(30))
def test_components_match_networkx(seed: int) -> None:
    rng = Random(seed)
    nodes = rng.randint(2, 40)
    pairs = [
        (f"b{rng.randrange(nodes)}", f"b{rng.randrange(nodes)}") for _ in range(rng.randint(1, 50))
    ]
    oracle = nx.Graph(pairs)
    expected = sorted(map(set, nx.connected_components(oracle)), key=lambda g: (-len(g), min(g)))
    assert components(pairs) == expected


def test_components_of_a_long_chain_need_no_recursion() -> None:
    pairs = [(f"b{n:06d}", f"b{n + 1:06d}") for n in range(100_000)]
    [ring] = components(pairs)
    assert len(ring) == 100_001
