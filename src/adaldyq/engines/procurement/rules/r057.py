"""R057 Bid rotation: the same group of firms keeps meeting and takes turns winning.

A group is an exact set of at least two tenderers (of submitted bids) that meets in at least
`minimum_processes` processes, each won by exactly one supplier from the set. With n such
processes and m members the group rotates when every member won at least once and no member won
more than ceil(n/m) + 1: wins spread evenly, as agreed turns would spread them. The order of the
turns is not tested (dates are too often missing).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import Field

from adaldyq.engines.procurement.awarded import contested, winners
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

SEPARATOR = "\x1f"  # joins a group's sorted member ids into one key; never in an id


class Params(RuleParams):
    """How many processes a group must have met in."""

    minimum_processes: int = Field(4, ge=2)


@rule(
    RuleMeta(
        code="R057",
        name="Bid rotation",
        subjects=(SubjectType.SUPPLIER,),
        family="collusion",
        ocp_codes=("R057",),
        params=Params,
        explain="This supplier and {partners} met in {processes} processes and took turns "
        "winning: this supplier won {wins}, no member more than {max_wins}.",
    )
)
def bid_rotation(ctx: RuleContext, params: Params) -> RuleOutput:
    bids = contested(ctx)
    sets = bids.group_by("ocid").aggregate(
        bidder_set=bids.org_id.collect(distinct=True).sort().join(SEPARATOR),
        m=bids.org_id.nunique(),
    )
    won = winners(ctx)
    single = won.group_by("ocid").aggregate(n=won.count(), winner=won.org_id.max())
    single = single.filter(single.n == 1).drop("n")
    proc = sets.filter(sets.m >= 2).join(single, "ocid")
    proc = proc.semi_join(bids.select("ocid", winner=bids.org_id), ["ocid", "winner"])
    groups = proc.group_by(["bidder_set", "m"]).aggregate(n=proc.count())
    members = (
        bids.join(proc.select("ocid", "bidder_set"), "ocid")
        .select("bidder_set", "org_id")
        .distinct()
    )
    tally = proc.group_by(["bidder_set", "winner"]).aggregate(wins=proc.count())
    joined = members.left_join(
        tally, [members.bidder_set == tally.bidder_set, members.org_id == tally.winner]
    )
    member_wins = joined.select("bidder_set", "org_id", wins=joined.wins.coalesce(0))
    spread = member_wins.group_by("bidder_set").aggregate(
        min_wins=member_wins.wins.min(), most_wins=member_wins.wins.max()
    )
    rotating = groups.join(spread, "bidder_set").mutate(
        max_wins=lambda t: (t.n + t.m - 1) // t.m + 1
    )
    hit = rotating.filter(
        (rotating.n >= params.minimum_processes) & (rotating.min_wins >= 1)
        & (rotating.most_wins <= rotating.max_wins)
    )  # fmt: skip
    rows = ctx.rows(member_wins.join(hit.select("bidder_set", "n", "max_wins"), "bidder_set"))
    turns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for turn in ctx.rows(proc.semi_join(hit, "bidder_set").select("bidder_set", "ocid", "winner")):
        turns[turn["bidder_set"]].append((turn["ocid"], turn["winner"]))
    evidence = ["partners", "processes", "wins", "max_wins", "ocids", "winners"]
    rows = [_evidence(row, sorted(turns[row["bidder_set"]])) for row in rows]
    out = flags(rows, SubjectType.SUPPLIER, "org_id", "wins", 1.0, evidence, None)
    return RuleOutput(
        sorted(out, key=lambda f: (f.subject_id, str(f.evidence))),
        {"minimum_processes": params.minimum_processes, "max_wins": "ceil(n/m) + 1"},
    )


def _evidence(row: dict[str, Any], turns: list[tuple[str, str]]) -> dict[str, Any]:
    """The member's row with its partners and, per process in ocid order, who won."""
    members = row["bidder_set"].split(SEPARATOR)
    return row | {
        "partners": [m for m in members if m != row["org_id"]],
        "processes": row["n"],
        "ocids": [ocid for ocid, _ in turns],
        "winners": [winner for _, winner in turns],
    }
