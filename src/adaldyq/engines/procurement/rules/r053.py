"""R053 Co-bidding pair with a recurrent winner: two firms bid together and one always wins.

Over processes that have a winner, for each ordered pair (winner, partner) of distinct tenderers
of submitted bids: the processes both bid in, and those the first won while the partner did not.
The pair is flagged when they met at least `minimum_processes` times and the first won every time:
the partner is a likely cover bidder.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from adaldyq.engines.procurement.awarded import contested, winners
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    """How many processes a pair must have bid in together."""

    minimum_processes: int = Field(4, ge=2)


@rule(
    RuleMeta(
        code="R053",
        name="Co-bidding pair with a recurrent winner",
        subjects=(SubjectType.SUPPLIER,),
        family="collusion",
        ocp_codes=("R053",),
        params=Params,
        explain="This supplier bid together with {partner_org_id} in {processes} processes and "
        "won every one of them.",
    )
)
def recurrent_winner(ctx: RuleContext, params: Params) -> RuleOutput:
    bids = contested(ctx)
    first = bids.select("ocid", winner=bids.org_id)
    second = bids.select("ocid", partner=bids.org_id)
    pairs = first.join(second, "ocid").filter(lambda t: t.winner != t.partner)
    won = winners(ctx)
    sole_wins = pairs.semi_join(
        won.select("ocid", winner=won.org_id), ["ocid", "winner"]
    ).anti_join(won.select("ocid", partner=won.org_id), ["ocid", "partner"])
    together = pairs.group_by(["winner", "partner"]).aggregate(processes=pairs.ocid.nunique())
    wins = sole_wins.group_by(["winner", "partner"]).aggregate(wins=sole_wins.ocid.nunique())
    hit = together.join(wins, ["winner", "partner"]).filter(
        lambda t: (t.processes >= params.minimum_processes) & (t.wins == t.processes)
    )
    ocids: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in ctx.rows(pairs.semi_join(hit, ["winner", "partner"])):
        ocids[row["winner"], row["partner"]].append(row["ocid"])
    rows = ctx.rows(hit.select("winner", "processes", partner_org_id=hit.partner))
    for row in rows:
        row["ocids"] = sorted(ocids[row["winner"], row["partner_org_id"]])
    out = flags(rows, SubjectType.SUPPLIER, "winner", "processes", 1.0,
                ["partner_org_id", "processes", "ocids"], None)  # fmt: skip
    return RuleOutput(
        sorted(out, key=lambda f: (f.subject_id, str(f.evidence))),
        {"minimum_processes": params.minimum_processes},
    )
