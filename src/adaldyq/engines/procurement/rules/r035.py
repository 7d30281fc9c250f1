"""R035 All except winning bid disqualified: one valid bidder, who won, and the rest disqualified.

Cardinal's definition (`src/indicators/r035.rs`): in a process that passes the final-awards gate,
exactly one tenderer has valid bids, the identified suppliers of the active awards are exactly
that tenderer, and at least `threshold` other tenderers have disqualified bids. Disqualifying
every competitor is a way to steer a contract to a chosen firm while appearing to compete.
"""

from __future__ import annotations

import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.cardinal_common import (
    active_award_suppliers,
    bid_tenderers,
    final_awards_gate,
)
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EVIDENCE = ["ocid", "winner", "disqualified", "disqualified_tenderers", "threshold"]


class Params(RuleParams):
    threshold: int = Field(1, ge=0)


@rule(
    RuleMeta(
        code="R035",
        name="All except winning bid disqualified",
        subjects=(SubjectType.PROCESS, SubjectType.SUPPLIER),
        family="cardinal",
        ocp_codes=("R035",),
        params=Params,
        explain="{winner} was the only tenderer with a valid bid and won, while {disqualified} "
        "other tenderers ({disqualified_tenderers}) were disqualified.",
    )
)
def all_except_winner_disqualified(ctx: RuleContext, params: Params) -> RuleOutput:
    threshold = max(params.threshold, 1)  # Cardinal raises a threshold below 1 to 1
    gate = final_awards_gate(ctx)
    bids = ctx.table("bids").semi_join(gate, "ocid")
    tenderers = bids.join(bid_tenderers(ctx), ["ocid", "bid_index"])
    valid = _sole(tenderers.filter(tenderers.status == "valid"), "tenderer", "winner")
    awarded = _sole(active_award_suppliers(ctx).semi_join(gate, "ocid"), "supplier", "awarded")
    won = valid.join(awarded, "ocid")
    won = won.filter(won.winner == won.awarded).select("ocid", "winner")
    disqualified = tenderers.filter(tenderers.status == "disqualified")
    others = disqualified.join(won, "ocid")
    others = others.filter(others.tenderer != others.winner)
    counted = others.group_by(["ocid", "winner"]).aggregate(
        disqualified=others.tenderer.nunique(),
        disqualified_tenderers=others.tenderer.collect(distinct=True),
    )
    rows = ctx.rows(counted.filter(counted.disqualified >= threshold))
    rows = [
        {
            **row,
            "disqualified_tenderers": sorted(row["disqualified_tenderers"]),
            "threshold": threshold,
        }
        for row in rows
    ]
    found = flags(rows, SubjectType.PROCESS, "ocid", "disqualified", 1.0, EVIDENCE)
    found += flags(rows, SubjectType.SUPPLIER, "winner", 0.0, 1.0, EVIDENCE)
    return RuleOutput(found, {"threshold": threshold})


def _sole(table: ir.Table, column: str, name: str) -> ir.Table:
    """`(ocid, name)` of processes where `column` takes exactly one distinct value."""
    counted = table.group_by("ocid").aggregate(
        variety=table[column].nunique(), **{name: table[column].max()}
    )
    return counted.filter(counted.variety == 1).select("ocid", name)
