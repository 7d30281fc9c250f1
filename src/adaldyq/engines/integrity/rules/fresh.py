"""B05 fresh company: the supplier was registered shortly before the tender or the award, or is
less than a year old and wins a large award.

The registration day is the graph node's `incorporation_date` (its first possible day when only
a month or year is known, so the age is never understated), else the month the BIN encodes
(`model/identity.parse_bin`: the first day of the month of registration or re-registration).
A supplier registered after the tender (a negative age) is flagged too: either it bid before it
existed, or its BIN is a re-registration, and both deserve a look.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.identities import bin_of
from adaldyq.engines.integrity.paths import award_tie, path_evidence
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.tenders import Award
from adaldyq.ingest.graph_values import parse_partial_date
from adaldyq.model.findings import SubjectType
from adaldyq.model.identity.identifiers import parse_bin
from adaldyq.model.rules import RuleMeta


class B05Params(RuleParams):
    before_tender_days: int = Field(90, ge=1, description="Registered fewer days before tender")
    before_award_days: int = Field(180, ge=1, description="Registered fewer days before award")
    young_days: int = Field(365, ge=1, description="Age below which a large award counts")
    large_value: float = Field(
        50_000_000.0, ge=0, description="A large award, in the award's currency (KZT by default)"
    )


def registration(ctx: IntegrityContext, award: Award) -> tuple[date, str] | None:
    """The supplier's registration day and where it was read, or None when nothing says."""
    nodes = [ctx.graph.nodes[n] for n in ctx.org_index.get(award.supplier, [])]
    for node in nodes:
        if node.get("incorporation_date"):
            parsed = parse_partial_date(node["incorporation_date"])
            return parsed.first_day, f"incorporation date of node {node['id']}"
    number = bin_of(award.supplier, nodes[0] if nodes else None)
    if number is None:
        return None
    return parse_bin(number).registered, f"BIN {number} (month of registration)"


def _signs(award: Award, registered: date, params: B05Params) -> list[tuple[str, float]]:
    assert award.day is not None
    signs = []
    if award.tender_day and (award.tender_day - registered).days < params.before_tender_days:
        days = (award.tender_day - registered).days
        signs.append((f"registered {days} days before the tender", 1.0))
    age = (award.day - registered).days
    if age < params.before_award_days:
        signs.append((f"registered {age} days before the award", 0.8))
    if age < params.young_days and (award.value or 0) > params.large_value:
        signs.append((f"{age} days old at an award above {params.large_value:,.0f}", 0.6))
    return signs


@rule(
    RuleMeta(
        code="B05",
        name="Fresh company",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="Supplier {supplier_name} was registered on {registered} ({registered_from}): "
        "{summary}",
        params=B05Params,
        weight=0.6,
        needs=(PROCUREMENT,),
    )
)
def b05(ctx: IntegrityContext, params: B05Params) -> RuleOutput:
    flags = []
    unknown = 0
    for award in ctx.awards:
        if award.day is None:
            continue
        found = registration(ctx, award)
        if found is None:
            unknown += 1
            continue
        registered, source = found
        signs = _signs(award, registered, params)
        if signs:
            flags.append(_flag(ctx, award, registered, source, signs))
    meta = {**params.model_dump(), "undated_awards": ctx.undated_awards}
    return RuleOutput(flags, {**meta, "no_registration_day": unknown})


def _flag(
    ctx: IntegrityContext, award: Award, registered: date, source: str, signs: list[Any]
) -> Flag:
    supplier = next(iter(ctx.org_index.get(award.supplier, [])), award.supplier)
    path = path_evidence([supplier, award.contract_node], [award_tie(award, supplier)])
    evidence = {
        **award.as_evidence(),
        "registered": registered.isoformat(),
        "registered_from": source,
        "tender_day": award.tender_day.isoformat() if award.tender_day else None,
        "signs": [text for text, _ in signs],
        "summary": "; ".join(text for text, _ in signs),
        "path": path,
    }
    score = max(weight for _, weight in signs)
    age = float((award.day - registered).days) if award.day else None
    return Flag(SubjectType.PROCESS, award.ocid, age, score, evidence, award.ocid)
