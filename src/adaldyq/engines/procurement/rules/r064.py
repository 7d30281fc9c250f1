"""R064 Contract has many amendments.

Each amendment reopens what was settled in competition; a contract amended again and again is
being rewritten after the fact. Ukraine's State Audit Service flags contracts with at least three
amendments (prozorro-risks `ari-1-1`); OCDS lists them in `contracts[].amendments[]`.
"""

from __future__ import annotations

import ibis
from pydantic import Field

from adaldyq.engines.procurement.award_values import contract_amendment_counts, worst_per_process
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    minimum_amendments: int = Field(3, ge=1, description="Flag a contract with at least this many.")


@rule(
    RuleMeta(
        code="R064",
        name="Contract has many amendments",
        subjects=(SubjectType.PROCESS,),
        family="contract",
        ocp_codes=("R064",),
        params=Params,
        explain="Contract {contract_id} was amended {amendments} times (limit "
        "{minimum_amendments}).",
    )
)
def many_amendments(ctx: RuleContext, params: Params) -> RuleOutput:
    counts = contract_amendment_counts(ctx)
    contracts = ctx.table("contracts").select("ocid", "contract_index", "contract_id")
    joined = counts.join(contracts, ["ocid", "contract_index"])
    over = joined.filter(joined.amendments >= params.minimum_amendments).mutate(
        minimum_amendments=ibis.literal(params.minimum_amendments)
    )
    hits = worst_per_process(over, [ibis.desc("amendments"), ibis.asc("contract_index")])
    rows = ctx.rows(hits.order_by("ocid"))
    evidence = ["contract_id", "amendments", "minimum_amendments", "matches"]
    return RuleOutput(
        flags(rows, SubjectType.PROCESS, "ocid", "amendments", 1.0, evidence),
        {"minimum_amendments": params.minimum_amendments},
    )
