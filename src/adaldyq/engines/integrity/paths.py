"""A finding's path as evidence: the nodes it visits and the ties between them, in order.

Every integrity finding carries `evidence["path"]` = `{nodes, edge_types, edges}`: `nodes` lists
the node ids from the official or bidder to the supplier or contract, `edge_types` the FtM
schema of each tie, and `edges` each tie in full (id, ends, first and last day, the file and
record it was read from), so a person can check each hop at its source. What is not a graph
edge but links two nodes all the same gets a tie of its own, marked by its type: an award from
the procurement tables (`ContractAward`, dated on the award day), a post's body (`Position
organization`), a shared contact (`SharedAddress`, `SharedPhone`, `SharedEmail`,
`SharedEmailDomain`, to a node `<kind>:<key>`), a company fact (`CompanyFact`, from a node
`<what>:<company>@<date>`: capital raised, staff and tax of a year).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adaldyq.engines.integrity.identities import Contact
from adaldyq.engines.integrity.tenders import Award
from adaldyq.engines.integrity.ties import Tie

PROCUREMENT_SOURCE = "procurement tables"
SHARED_TYPES = {
    "address": "SharedAddress",
    "phone": "SharedPhone",
    "email": "SharedEmail",
    "email_domain": "SharedEmailDomain",
    "identifier": "SharedIdentifier",
}


def path_evidence(nodes: Sequence[str], ties: Sequence[Tie]) -> dict[str, Any]:
    """The path as stored in a finding's evidence."""
    return {
        "nodes": list(nodes),
        "edge_types": [tie.schema for tie in ties],
        "edges": [tie.as_evidence() for tie in ties],
    }


def award_tie(award: Award, supplier_node: str) -> Tie:
    """The award as a tie from its contract (process/award) to the supplier's node."""
    return Tie(
        id=f"{award.ocid}/awards/{award.award_id}",
        schema="ContractAward",
        source=award.contract_node,
        target=supplier_node,
        start_day=award.day,
        end_day=award.day,
        source_file=PROCUREMENT_SOURCE,
        source_record=award.ocid,
    )


def post_tie(post: str, body: str) -> Tie:
    """A post's `organization` reference as a tie, so an Occupancy path reaches the body."""
    return Tie(id=f"{post}#organization", schema="Position organization", source=post, target=body)


def fact_tie(company: str, fact: dict[str, Any], what: str) -> Tie:
    """A company fact (`facts.py`) as a tie from its own node `<what>:<company>@<date>` to the
    company, dated the period the fact covers and sourced to its file and line."""
    return Tie(
        id=f"{what}:{company}@{fact['date']}",
        schema="CompanyFact",
        source=f"{what}:{company}@{fact['date']}",
        target=company,
        start_day=fact["first_day"],
        end_day=fact["last_day"],
        source_file=fact["source_file"],
        source_record=str(fact["source_line"]),
    )


def contact_node(contact: Contact) -> str:
    kind, key = contact
    return f"{kind}:{key}"


def contact_tie(node: str, contact: Contact, where: str) -> Tie:
    """A node's contact as a tie to the contact's own node; `where` names the record read."""
    return Tie(
        id=f"{node}#{contact_node(contact)}",
        schema=SHARED_TYPES[contact[0]],
        source=node,
        target=contact_node(contact),
        source_file=where,
        source_record=node,
    )
