"""Signals read from the graph itself, as of one day: what a register would tell an officer
before signing, whether or not the company ever won a tender.

Each fact is tested on the day (`as_of`): a tie counts only while alive, a company is young or
dissolved by that day. Thresholds shared with the rules come from their parameters (B06's mass
address and director, B09's and B10's topics), so the check and a findings run agree; the
points come from `CounterpartySettings`. Controllers are found as B09/B10 find them: Ownership
and Directorship ties into the company, up to `control_hops`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.counterparty.signals import Signal, evidence, hop_points
from adaldyq.engines.integrity.paths import contact_node, contact_tie
from adaldyq.engines.integrity.rules.exposure import HOP_DISCOUNT
from adaldyq.engines.integrity.rules.fresh import registration_of
from adaldyq.engines.integrity.rules.shell import COMPANIES
from adaldyq.engines.integrity.ties import Path, path_nodes
from adaldyq.ingest.graph_values import parse_partial_date
from adaldyq.settings import CounterpartySettings

OWNERSHIP = frozenset({"Ownership"})
KNOWN_OWNERS = frozenset({"Person", "PublicBody"})
"""Where an ownership chain may end and its owner be known: a person or the state."""


@dataclass(frozen=True)
class FactRules:
    """What the facts compare against: the shared rule thresholds and the points."""

    points: CounterpartySettings
    mass_address: int
    mass_director: int
    pep_topics: frozenset[str]
    listed_topics: frozenset[str]
    country: str


def fact_signals(ctx: IntegrityContext, company: str, day: date, rules: FactRules) -> list[Signal]:
    """Every graph fact about `company` on `day` that lowers its trust."""
    return [
        *_lifetime(ctx, company, day, rules.points),
        *_topics(ctx, company, day, rules, rules.pep_topics, "PEP", rules.points.pep),
        *_topics(ctx, company, day, rules, rules.listed_topics, "LISTED", rules.points.listed),
        *_mass_address(ctx, company, day, rules),
        *_mass_directors(ctx, company, day, rules),
        *_ownership(ctx, company, day, rules),
    ]


def _dissolved_by(node: dict[str, object], day: date) -> bool:
    text = node.get("dissolution_date")
    return bool(text) and parse_partial_date(text).first_day <= day


def _lifetime(
    ctx: IntegrityContext, company: str, day: date, points: CounterpartySettings
) -> list[Signal]:
    """Dissolved by the day; young on it (or not registered yet: a contract dated before the
    company existed is as suspect as one with a newborn firm)."""
    node = ctx.graph.nodes[company]
    found = []
    if _dissolved_by(node, day):
        reason = f"dissolved on {node['dissolution_date']}"
        found.append(Signal("DISSOLVED", points.dissolved, reason, f"dissolved:{company}",
                            evidence(nodes=[company])))  # fmt: skip
    registered = registration_of([node], None)
    if registered is not None and (day - registered[0]).days < points.young_days:
        age = (day - registered[0]).days
        when = f"{age} days old" if age >= 0 else f"not registered yet ({-age} days to go)"
        reason = f"{when} on {day.isoformat()}: registered {registered[0]} ({registered[1]})"
        found.append(Signal("YOUNG", points.young, reason, f"fresh:{company}",
                            evidence(nodes=[company])))  # fmt: skip
    return found


def _topics(
    ctx: IntegrityContext, company: str, day: date, rules: FactRules, wanted: Collection[str],
    code: str, points: float,
) -> list[Signal]:  # fmt: skip
    """The company, or a controller within `control_hops` on the day, carrying a topic."""
    paths: dict[str, Path] = {company: ()}
    paths.update(ctx.graph.controllers(company, day, max_hops=rules.points.control_hops))
    found = []
    for node, path in sorted(paths.items()):
        row = ctx.graph.nodes.get(node, {})
        topics = sorted(set(wanted) & set(row.get("topics") or ()))
        if not topics:
            continue
        who = "the company itself" if not path else f"controls it through {len(path)} tie(s)"
        reason = f"{row.get('name') or node} ({', '.join(topics)}): {who}"
        fact = f"{'pep' if code == 'PEP' else 'listed'}:{node}"
        signal_points = hop_points(points, len(path), HOP_DISCOUNT)
        found.append(Signal(code, signal_points, reason, fact, evidence(path, [node])))
    return found


def _mass_address(ctx: IntegrityContext, company: str, day: date, rules: FactRules) -> list[Signal]:
    """Companies registered and not dissolved on the day at the company's address key."""
    mine = {c for c in ctx.node_contacts(company) if c[0] == "address"}
    if not mine:
        return []
    members: dict[tuple[str, str], list[str]] = {contact: [] for contact in mine}
    for node in ctx.graph.nodes.values():
        if node["schema"] not in COMPANIES or _dissolved_by(node, day):
            continue
        registered = registration_of([node], None)
        if registered is not None and registered[0] > day:
            continue
        for contact in mine & ctx.node_contacts(node["id"]):
            members[contact].append(node["id"])
    found = []
    for contact, companies in sorted(members.items()):
        if len(companies) >= rules.mass_address:
            reason = f"one of {len(companies)} companies at address {contact[1]!r}"
            tie = contact_tie(company, contact, "graph nodes")
            found.append(Signal("MASS_ADDRESS", rules.points.mass_address, reason,
                                contact_node(contact), evidence([tie])))  # fmt: skip
    return found


def _mass_directors(
    ctx: IntegrityContext, company: str, day: date, rules: FactRules
) -> list[Signal]:
    """Directors of the company on the day who direct `mass_director` organisations then."""
    found = []
    for tie in sorted(ctx.graph.ties_into(company, {"Directorship"}, day), key=lambda t: t.id):
        seats = ctx.graph.ties_out(tie.source, {"Directorship"}, day)
        if len(seats) >= rules.mass_director:
            name = ctx.graph.nodes.get(tie.source, {}).get("name") or tie.source
            reason = f"director {name} directs {len(seats)} organisations on {day.isoformat()}"
            found.append(Signal("MASS_DIRECTOR", rules.points.mass_director, reason,
                                f"director:{tie.source}", evidence(seats)))  # fmt: skip
    return found


def _ownership(ctx: IntegrityContext, company: str, day: date, rules: FactRules) -> list[Signal]:
    """Long chains, cycles, owners abroad and owners nobody knows, on the day."""
    points = rules.points
    graph = ctx.graph
    if not graph.ties_into(company, OWNERSHIP, day):
        return [Signal("UNKNOWN_OWNER", points.unknown_owner, f"no owner on {day.isoformat()}",
                       f"unknown_owner:{company}", evidence(nodes=[company]))]  # fmt: skip
    hops = max(points.control_hops, points.long_chain_ties)
    paths = list(graph.paths_into(company, day, OWNERSHIP, max_hops=hops))
    found = []
    longest = max(paths, key=lambda p: (len(p), [t.id for t in p]))
    if len(longest) >= points.long_chain_ties:
        reason = f"an ownership chain of {len(longest)} ties: {' -> '.join(path_nodes(longest))}"
        found.append(Signal("LONG_CHAIN", points.long_chain, reason, f"chain:{company}",
                            evidence(longest)))  # fmt: skip
    cycles = [
        (back, path) for path in paths for back in graph.ties_into(path[0].source, OWNERSHIP, day)
        if back.source == company
    ]  # fmt: skip
    if cycles:
        back, path = min(cycles, key=lambda c: (len(c[1]), c[0].id))
        reason = (
            f"owns itself through {len(path) + 1} ties: {' -> '.join(path_nodes((back, *path)))}"
        )
        found.append(Signal("OWNERSHIP_CYCLE", points.ownership_cycle, reason,
                            f"cycle:{company}", evidence((back, *path))))  # fmt: skip
    return found + _owners(ctx, company, day, rules, paths)


def _owners(
    ctx: IntegrityContext, company: str, day: date, rules: FactRules, paths: list[Path]
) -> list[Signal]:
    """Owners registered abroad, and chains ending at an organisation without known owners."""
    nodes = ctx.graph.nodes
    foreign: dict[str, tuple[Path, list[str]]] = {}
    unknown: dict[str, Path] = {}
    for path in paths:
        owner = path[0].source
        row = nodes.get(owner, {})
        places = {p.lower() for k in ("country", "jurisdiction", "nationality")
                  for p in row.get(k) or ()}  # fmt: skip
        if places and rules.country.lower() not in places:
            foreign.setdefault(owner, (path, sorted(places)))
        ends = not ctx.graph.ties_into(owner, OWNERSHIP, day)
        if ends and row.get("schema") not in KNOWN_OWNERS:
            unknown.setdefault(owner, path)
    found = []
    if foreign:
        where = ", ".join(f"{nodes.get(o, {}).get('name') or o} ({'/'.join(p)})"
                          for o, (_, p) in sorted(foreign.items()))  # fmt: skip
        ties = [tie for path, _ in foreign.values() for tie in path]
        found.append(Signal("FOREIGN_OWNER", rules.points.foreign_owner,
                            f"owned from abroad: {where}", f"foreign:{company}",
                            evidence(ties)))  # fmt: skip
    if unknown:
        names = ", ".join(nodes.get(o, {}).get("name") or o for o in sorted(unknown))
        reason = f"the ownership chain ends at {names}, whose owners are unknown"
        ties = [tie for path in unknown.values() for tie in path]
        found.append(Signal("UNKNOWN_OWNER", rules.points.unknown_owner, reason,
                            f"unknown_owner:{company}", evidence(ties)))  # fmt: skip
    return found
