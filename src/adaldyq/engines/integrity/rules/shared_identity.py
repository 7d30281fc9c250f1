"""B03 shared contact or identity: an official of the buying body and the supplier (or someone who
owns or directs it on the award day) share a normalised address, phone, mailbox, corporate e-mail
domain or identifier (KRAI27 + P4).

The supplier's side is its graph node, its party details in the release, and its direct owners'
and directors' nodes; the official's side is the official's node. A shared identifier (an IIN
written on both) usually means one person entered twice: entity resolution should merge them,
and until it does this rule shows the link. A free-mail domain is no evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.identities import Contact
from adaldyq.engines.integrity.offices import office_path, officials
from adaldyq.engines.integrity.paths import award_tie, contact_node, contact_tie, path_evidence
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.tenders import Award
from adaldyq.engines.integrity.ties import CONTROL, Tie
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

SCORES = {"identifier": 1.0, "phone": 0.8, "email": 0.8, "address": 0.6, "email_domain": 0.5}


def _identifiers(node: dict[str, Any]) -> set[Contact]:
    return {("identifier", i["id"]) for i in node.get("identifiers") or () if i["id"]}


def _supplier_side(
    ctx: IntegrityContext, award: Award, supplier: str
) -> dict[Contact, tuple[str, Tie | None]]:
    """Each contact of the supplier's side: which node has it, and its control tie if it is an
    owner or director rather than the supplier itself."""
    assert award.day is not None
    nodes = ctx.graph.nodes
    found: dict[Contact, tuple[str, Tie | None]] = {}
    for contact in ctx.node_contacts(supplier) | _identifiers(nodes[supplier]):
        found.setdefault(contact, (supplier, None))
    for party in ctx.parties.get((award.ocid, award.supplier), ()):
        for contact in ctx.contacts.of_party(party):
            found.setdefault(contact, (supplier, None))
    for tie in ctx.graph.ties_into(supplier, CONTROL, award.day):
        owner = nodes.get(tie.source)
        if owner is not None:
            for contact in ctx.node_contacts(tie.source) | _identifiers(owner):
                found.setdefault(contact, (tie.source, tie))
    return found


def _shared(
    ctx: IntegrityContext, award: Award, body: str, supplier: str
) -> Iterator[tuple[float, dict[str, Any]]]:
    side = _supplier_side(ctx, award, supplier)
    nodes = ctx.graph.nodes
    for official, office in sorted(officials(ctx.graph, ctx.posts, body, award.day).items()):
        mine = ctx.node_contacts(official) | _identifiers(nodes[official])
        for contact in sorted(mine & set(side)):
            holder, control = side[contact]
            if holder == official:
                continue  # the official's own interest is B01's
            path_nodes, ties = office_path(body, office)
            path_nodes += [contact_node(contact), holder]
            ties += [
                contact_tie(official, contact, "graph nodes"),
                contact_tie(holder, contact, "graph nodes or procurement parties"),
            ]
            if control is not None:
                path_nodes.append(supplier)
                ties.append(control)
            path_nodes.append(award.contract_node)
            ties.append(award_tie(award, supplier))
            yield (
                SCORES[contact[0]],
                {
                    "official": official,
                    "shared": contact_node(contact),
                    "kind": contact[0],
                    "holder": holder,
                    "path": path_evidence(path_nodes, ties),
                },
            )


@rule(
    RuleMeta(
        code="B03",
        name="Official and supplier share a contact",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="Official {official} of {buyer_name} and {holder} (supplier {supplier_name}) "
        "share {kind} {shared}; award on {day}",
        params=RuleParams,
        weight=0.7,
        needs=(PROCUREMENT,),
    )
)
def b03(ctx: IntegrityContext, params: RuleParams) -> RuleOutput:  # noqa: ARG001
    flags = []
    for award, suppliers, bodies in ctx.awards_in_graph():
        for body in bodies:
            for supplier in suppliers:
                for score, hit in _shared(ctx, award, body, supplier):
                    evidence = {**award.as_evidence(), "body": body, **hit}
                    flags.append(
                        Flag(
                            SubjectType.PROCESS,
                            award.ocid,
                            award.value,
                            score,
                            evidence,
                            award.ocid,
                        )
                    )
    return RuleOutput(flags, {"undated_awards": ctx.undated_awards})
