"""B01 official <-> supplier kinship: an official of the buying body, or the official's relative
or associate, owns or directs the supplier (through up to three Ownership/Directorship ties) on
the day of the award.

Cypher-like (INTEGRITY.md 4.3): `(b:PublicBody)<-[:Employment|Occupancy]-(o:Person)
-[:Family|Associate*0..1]-(x:Person)-[:Ownership|Directorship*1..3]->(s:Company)
<-[:ContractAward]-(k {buyer: b})`, every tie alive on the award day. One finding per award and
official, with the best path: the official's own interest before a relative's, a relative's
before an associate's, fewer hops first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.offices import KIN_SCORES, kin, office_path, officials, seats
from adaldyq.engines.integrity.paths import award_tie, path_evidence
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.tenders import Award
from adaldyq.engines.integrity.ties import Tie, path_nodes
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

HOP_DISCOUNT = 0.1
"""Each control tie beyond the first lowers the score by this much: a direct owner is surer."""


class B01Params(RuleParams):
    hops: int = Field(3, ge=1, le=3, description="Most Ownership/Directorship ties to the supplier")
    relatives: bool = Field(True, description="Whether relatives' and associates' interests count.")
    oversight: bool = Field(True, description="Whether officials of the body's parent count.")


def _candidates(
    ctx: IntegrityContext, official: str, day: date, relatives: bool
) -> list[tuple[str, Tie | None, float]]:
    """The official, then each relative or associate on the day, with the weight of each."""
    found: list[tuple[str, Tie | None, float]] = [(official, None, 1.0)]
    if relatives:
        for person, tie in sorted(kin(ctx.graph, official, day).items()):
            found.append((person, tie, KIN_SCORES[tie.schema]))
    return found


def _best(
    ctx: IntegrityContext, award: Award, body: str, supplier: str, params: B01Params
) -> list[dict[str, Any]]:
    assert award.day is not None
    controllers = ctx.graph.controllers(supplier, award.day, max_hops=params.hops)
    options: dict[str, list[tuple[Any, ...]]] = {}
    for seat, above, seat_weight in seats(ctx.graph, body, params.oversight):
        for official, office in sorted(officials(ctx.graph, ctx.posts, seat, award.day).items()):
            for person, kin_tie, weight in _candidates(ctx, official, award.day, params.relatives):
                control = controllers.get(person)
                if control is None:
                    continue
                score = seat_weight * weight * (1 - HOP_DISCOUNT * (len(control) - 1))
                nodes, ties = office_path(seat, office)
                nodes, ties = [body, *nodes] if above else nodes, [*above, *ties]
                if kin_tie is not None:
                    nodes, ties = [*nodes, person], [*ties, kin_tie]
                nodes += [*path_nodes(control)[1:], award.contract_node]
                ties += [*control, award_tie(award, supplier)]
                option = (-score, len(ties), person, seat, kin_tie, control, nodes, ties)
                options.setdefault(official, []).append(option)
    hits = []
    for official, found in sorted(options.items()):
        negative, _, person, seat, kin_tie, control, nodes, ties = min(found, key=lambda o: o[:4])
        hits.append({
            "official": official,
            "seat": seat,
            "interested": person,
            "relationship": kin_tie and (kin_tie.relationship or kin_tie.schema),
            "control_hops": len(control),
            "score": round(-negative, 6),
            "path": path_evidence(nodes, ties),
        })  # fmt: skip
    return hits


@rule(
    RuleMeta(
        code="B01",
        name="Official and supplier kinship",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="{who} controls supplier {supplier_name} ({control_hops} tie(s)) on {day}, "
        "when {buyer_name} awarded it {value} {currency}; {official} holds office there",
        params=B01Params,
        weight=1.0,
        needs=(PROCUREMENT,),
    )
)
def b01(ctx: IntegrityContext, params: B01Params) -> RuleOutput:
    flags = [conflict_flag(*found) for found in conflicts(ctx, params)]
    return RuleOutput(flags, {**params.model_dump(), "undated_awards": ctx.undated_awards})


def conflicts(
    ctx: IntegrityContext, params: B01Params
) -> Iterator[tuple[Award, str, str, dict[str, Any]]]:
    """Each award with a conflict of interest: the body, the supplier's node and the best path
    per official (B01's hits, which B11 combines with declarations findings)."""
    for award, suppliers, bodies in ctx.awards_in_graph():
        for body in bodies:
            for supplier in suppliers:
                for hit in _best(ctx, award, body, supplier, params):
                    yield award, body, supplier, hit


def conflict_flag(award: Award, body: str, supplier: str, hit: dict[str, Any]) -> Flag:
    """B01's flag for one hit of `conflicts`."""
    who = "the official" if hit["interested"] == hit["official"] else (
        f"{hit['interested']} ({hit['relationship']} of the official)"
    )  # fmt: skip
    evidence = {
        **award.as_evidence(),
        "body": body,
        "supplier_node": supplier,
        "who": who,
        **hit,
    }
    return Flag(SubjectType.PROCESS, award.ocid, award.value, hit["score"], evidence, award.ocid)
