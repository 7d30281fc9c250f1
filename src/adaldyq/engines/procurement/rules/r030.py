"""R030 Late bid won: a valid bid dated after the submission deadline belongs to a winner.

Cardinal's definition: a bid with status `valid` whose `date` is after the deadline
(`tender.tenderPeriod.endDate`), from a tenderer who is a supplier of an `active` award. The
process and each such tenderer are flagged. Cardinal compares the two dates as raw strings, so
`2000-03-15T05:00:00+06:00` counts as later than `2000-03-15T00:00:00Z` although it is an hour
earlier; here the parsed instants are compared unless `compat.string_dates` asks for Cardinal's
behaviour.
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir

from adaldyq.engines.procurement.cardinal_common import (
    active_award_suppliers,
    bid_tenderers,
    valid_bids,
)
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EVIDENCE = ["late_winners", "tenderer_ids", "latest_bid_date", "tender_period_end"]


@rule(
    RuleMeta(
        code="R030",
        name="Late bid won",
        subjects=(SubjectType.PROCESS, SubjectType.SUPPLIER),
        family="cardinal",
        ocp_codes=("R030",),
        explain="{late_winners} winning tenderer(s) submitted a valid bid after the deadline "
        "{tender_period_end}; the latest bid is dated {latest_bid_date}.",
    )
)
def late_bid_won(ctx: RuleContext, params: RuleParams) -> RuleOutput:
    del params  # R030 has no settings
    rows = ctx.rows(_late_winners(ctx))
    for row in rows:
        row.update(late_winners=1, tenderer_ids=[row["tenderer_id"]])
    found = flags(rows, SubjectType.SUPPLIER, "tenderer_id", 1.0, 1.0, EVIDENCE)
    found += flags(_per_process(rows), SubjectType.PROCESS, "ocid", 1.0, 1.0, EVIDENCE)
    return RuleOutput(found, {"string_dates": ctx.settings.compat.string_dates})


def _late_winners(ctx: RuleContext) -> ir.Table:
    """(ocid, tenderer) of each winner with a late valid bid: its latest one and the deadline.

    Dates are compared as instants (or raw strings in Cardinal compatibility) and reported as
    published, so the evidence is the same text on every backend.
    """
    strings = ctx.settings.compat.string_dates
    end_key = "tender_period_end" if strings else "tender_period_end_ts"
    bid_key = "date" if strings else "date_ts"
    p = ctx.processes
    deadlines = p.filter(p[end_key].notnull()).select(
        "ocid", deadline_key=p[end_key], deadline=p.tender_period_end
    )
    valid = valid_bids(ctx)
    late = (
        valid.filter(valid[bid_key].notnull())
        .join(deadlines, "ocid")
        .select("ocid", "bid_index", "deadline_key", "deadline", "date", bid_key=bid_key)
    )
    late = late.filter(late.bid_key > late.deadline_key)
    late_tenderers = late.join(bid_tenderers(ctx), ["ocid", "bid_index"])
    winners = active_award_suppliers(ctx).select("ocid", "supplier").distinct()
    won = late_tenderers.join(
        winners,
        [late_tenderers.ocid == winners.ocid, late_tenderers.tenderer == winners.supplier],
    )
    return won.group_by(["ocid", won.tenderer.name("tenderer_id")]).aggregate(
        latest_bid_key=won.bid_key.max(),
        latest_bid_date=won.date.argmax(won.bid_key),
        tender_period_end=won.deadline.max(),
    )


def _per_process(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per flagged process, gathering its late winners (rows are few: flagged ones only)."""
    grouped: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r["ocid"], r["tenderer_id"])):
        process = grouped.setdefault(
            row["ocid"],
            {"ocid": row["ocid"], "late_winners": 0, "tenderer_ids": [],
             "latest_bid_key": row["latest_bid_key"], "latest_bid_date": row["latest_bid_date"],
             "tender_period_end": row["tender_period_end"]},
        )  # fmt: skip
        process["late_winners"] += 1
        process["tenderer_ids"].append(row["tenderer_id"])
        if row["latest_bid_key"] > process["latest_bid_key"]:
            process.update(
                latest_bid_key=row["latest_bid_key"], latest_bid_date=row["latest_bid_date"]
            )
    return list(grouped.values())
