"""Which companies of the graph a compliance officer's query names: a BIN, a node id or a name.

A BIN is validated first (`parse_bin`): a check digit that fails is said in the lookup's notes,
and the number is still looked for as written, since old registers hold invalid numbers. A name
is compared by `model/identity` company keys, so a Cyrillic name with its legal form finds
"Romashka LLP": the same script-free key ranks first (a legal form that agrees above one that
differs or is missing), then names close to it (difflib ratio of the keys). Every candidate is
returned, ranked: the officer picks; the first is never taken silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from adaldyq.engines.integrity.identities import BIN_SCHEME, bin_of, node_org_keys
from adaldyq.engines.integrity.rules.shell import COMPANIES
from adaldyq.engines.integrity.ties import TieGraph
from adaldyq.model.identity.companies import parse_company_name, same_company_name
from adaldyq.model.identity.identifiers import LENGTH, InvalidIdentifier, clean, parse_bin

SIMILAR = 0.85
"""Least difflib ratio of two name keys for a near match."""
SAME_KEY, OTHER_FORM = 1.0, 0.9
"""Ranks of a name with the same key and a compatible legal form, and with another form."""


@dataclass(frozen=True)
class Match:
    """A candidate company: its node, name, BIN, what matched, and how well (1.0 = exactly)."""

    node: str
    name: str
    bin: str | None
    matched_on: str
    rank: float


@dataclass
class Lookup:
    """The query, how it was read (`bin`, `node` or `name`), the candidates, and notes."""

    query: str
    kind: str
    matches: list[Match] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def lookup(graph: TieGraph, query: str) -> Lookup:
    """The companies of `graph` that `query` names, best first."""
    text = query.strip()
    digits = clean(text)
    if len(digits) == LENGTH and digits.isascii() and digits.isdigit():
        return _by_bin(graph, text, digits)
    node = graph.nodes.get(text)
    if node is not None:
        found = Lookup(query, "node")
        if node["schema"] in COMPANIES:
            found.matches.append(_match(node, "node id", 1.0))
        else:
            found.notes.append(f"node {text} is a {node['schema']}, not a company")
        return found
    return _by_name(graph, query)


def _companies(graph: TieGraph) -> list[dict[str, Any]]:
    return [node for node in graph.nodes.values() if node["schema"] in COMPANIES]


def _match(node: dict[str, Any], matched_on: str, rank: float) -> Match:
    return Match(node["id"], node.get("name") or node["id"], bin_of(None, node), matched_on, rank)


def _by_bin(graph: TieGraph, query: str, digits: str) -> Lookup:
    found = Lookup(query, "bin")
    try:
        parse_bin(digits)
    except InvalidIdentifier as exc:
        found.notes.append(
            f"{digits} is not a valid BIN: {'; '.join(exc.problems)}; looked for as written"
        )
        written = [
            n for n in _companies(graph)
            if any(clean(i["id"] or "") == digits for i in n.get("identifiers") or ())
        ]  # fmt: skip
        found.matches = [_match(n, "identifier as written", 1.0) for n in written]
        return found
    key = f"{BIN_SCHEME}-{digits}"
    found.matches = [_match(n, "BIN", 1.0) for n in _companies(graph) if key in node_org_keys(n)]
    if not found.matches:
        found.notes.append(f"no company with BIN {digits} in the graph")
    return found


def _by_name(graph: TieGraph, query: str) -> Lookup:
    found = Lookup(query, "name")
    wanted = parse_company_name(query)
    if not wanted.latin:
        found.notes.append(f"{query!r} holds no name once its legal form is removed")
        return found
    for node in _companies(graph):
        best = max((_name_rank(query, wanted.latin, name) for name in _names(node)), default=0.0)
        if best:
            found.matches.append(_match(node, "name", best))
    found.matches.sort(key=lambda m: (-m.rank, m.name, m.node))
    if not found.matches:
        found.notes.append(f"no company named like {query!r} in the graph")
    return found


def _names(node: dict[str, Any]) -> list[str]:
    return [name for name in (node.get("name"), *(node.get("aliases") or ())) if name]


def _name_rank(query: str, key: str, name: str) -> float:
    """SAME_KEY or OTHER_FORM for the same key; a near key's ratio, scaled below both; else 0."""
    other = parse_company_name(name).latin
    if other == key:
        return SAME_KEY if same_company_name(query, name) else OTHER_FORM
    ratio = SequenceMatcher(None, key, other).ratio() if other else 0.0
    return round(ratio * OTHER_FORM * 0.95, 3) if ratio >= SIMILAR else 0.0
