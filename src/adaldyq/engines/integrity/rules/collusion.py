"""B04 collusive bidders: two bidders in one tender under common control or sharing contacts.

Bidders come from the procurement `bid_tenderers` table and meet the graph through their
identifiers (`identities.py`). A pair is linked when, on the tender's day:
- a node controls both through Ownership/Directorship ties within `hops` each (a common owner or
  director is 1 hop each; co-ownership through a holding 2), or one bidder controls the other;
- or they share a normalised address, phone, mailbox or corporate e-mail domain, read from the
  graph nodes and from the releases' party details (a free-mail domain is no link).
Linked pairs across all tenders form collusion rings: the connected components of the links;
each finding names its ring.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import combinations
from typing import Any

from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.identities import Contact
from adaldyq.engines.integrity.paths import contact_node, contact_tie, path_evidence
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.ties import Path, components, path_nodes
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

CONTACT_SCORES = {"phone": 0.7, "email": 0.7, "address": 0.6, "email_domain": 0.5}
"""A shared contact weighs less than common control: an accountant or agent may serve many."""


class B04Params(RuleParams):
    hops: int = Field(2, ge=1, le=3, description="Control ties from the common node to each.")
    contacts: bool = Field(True, description="Whether shared contacts link bidders.")


class _Bidder:
    """One tenderer of one tender: its graph nodes, controllers on the day and contacts."""

    def __init__(self, ctx: IntegrityContext, row: dict[str, Any], day: date, hops: int):
        self.org: str = row["org"]
        self.name: str | None = row["name"]
        self.nodes = ctx.nodes_of(self.org, "bidder")
        self.label = self.nodes[0] if self.nodes else self.org
        self.controllers: dict[str, Path] = {}
        for node in self.nodes:
            for first, path in ctx.graph.controllers(node, day, max_hops=hops).items():
                if first not in self.controllers or len(path) < len(self.controllers[first]):
                    self.controllers[first] = path
        self.contacts: dict[Contact, str] = {}
        for node in self.nodes:
            for contact in ctx.node_contacts(node):
                self.contacts.setdefault(contact, "graph nodes")
        for party in ctx.parties.get((row["ocid"], self.org), ()):
            for contact in ctx.contacts.of_party(party):
                self.contacts.setdefault(contact, "procurement parties")


def _control_links(a: _Bidder, b: _Bidder) -> Iterator[dict[str, Any]]:
    for common in sorted(set(a.controllers) & set(b.controllers)):
        to_a, to_b = a.controllers[common], b.controllers[common]
        nodes = [*reversed(path_nodes(to_a)), *path_nodes(to_b)[1:]]
        ties = [*reversed(to_a), *to_b]
        score = 1.0 if len(ties) == 2 else 0.8
        yield {"kind": "common controller", "via": common, "score": score,
               "path": path_evidence(nodes, ties)}  # fmt: skip
    for one, other in ((a, b), (b, a)):
        for node in one.nodes:
            if node in other.controllers:
                path = other.controllers[node]
                yield {"kind": "controls", "via": node, "score": 1.0,
                       "path": path_evidence(path_nodes(path), path)}  # fmt: skip


def _contact_links(a: _Bidder, b: _Bidder) -> Iterator[dict[str, Any]]:
    for contact in sorted(set(a.contacts) & set(b.contacts)):
        ties = [contact_tie(a.label, contact, a.contacts[contact]),
                contact_tie(b.label, contact, b.contacts[contact])]  # fmt: skip
        yield {"kind": f"shared {contact[0]}", "via": contact_node(contact),
               "score": CONTACT_SCORES[contact[0]],
               "path": path_evidence([a.label, contact_node(contact), b.label], ties)}  # fmt: skip


@rule(
    RuleMeta(
        code="B04",
        name="Collusive bidders",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="Bidders {bidder_a} and {bidder_b} in one tender are linked on {day}: {summary}",
        params=B04Params,
        ocp_codes=("R032", "R033", "R044"),
        weight=0.9,
        needs=(PROCUREMENT,),
    )
)
def b04(ctx: IntegrityContext, params: B04Params) -> RuleOutput:
    flags: list[Flag] = []
    undated = 0
    for ocid, rows in sorted(ctx.bidders.items()):
        if len(rows) < 2:
            continue
        day = rows[0]["day"]
        if day is None:
            undated += 1
            continue
        bidders = [_Bidder(ctx, row, day, params.hops) for row in sorted(rows, key=_org)]
        for a, b in combinations(bidders, 2):
            links = list(_control_links(a, b))
            if params.contacts:
                links += _contact_links(a, b)
            if links:
                flags.append(_flag(ocid, day, a, b, links))
    rings = components((f.evidence["bidder_a"], f.evidence["bidder_b"]) for f in flags)
    ring_of = {org: sorted(ring) for ring in rings for org in ring}
    for flag in flags:
        flag.evidence["ring"] = ring_of[flag.evidence["bidder_a"]]
    return RuleOutput(flags, {**params.model_dump(), "undated_tenders": undated})


def _org(row: dict[str, Any]) -> str:
    return str(row["org"])


def _flag(ocid: str, day: date, a: _Bidder, b: _Bidder, links: list[dict[str, Any]]) -> Flag:
    links.sort(key=lambda link: (-link["score"], len(link["path"]["edges"]), link["via"]))
    summary = "; ".join(f"{link['kind']} {link['via']}" for link in links)
    evidence = {
        "bidder_a": a.org,
        "bidder_b": b.org,
        "bidder_names": [a.name, b.name],
        "day": day.isoformat(),
        "summary": summary,
        "links": links,
        "path": links[0]["path"],
    }
    return Flag(SubjectType.PROCESS, ocid, float(len(links)), links[0]["score"], evidence, ocid)
