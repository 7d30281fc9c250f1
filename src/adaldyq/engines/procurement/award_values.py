"""Expressions the value rules share: award totals, the contract-to-award link, amendments.

R031, R054, R059 and R064 read the same OCDS facts: what was awarded (`awards[].value`), what was
signed (`contracts[].value`, linked to its award by `contracts[].awardID`) and how often a contract
was amended (`contracts[].amendments[]`). Writing each reading once keeps the rules consistent: a
fix to the link (say, duplicate award ids) reaches every rule at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from adaldyq.engines.procurement.context import RuleContext


def active_award_totals(ctx: RuleContext, statuses: Sequence[str]) -> ir.Table:
    """Per process: the sum of awarded amounts in one currency, and how many awards it covers.

    Only processes whose counted awards all state the same currency are kept: a sum over mixed or
    unknown currencies means nothing.
    """
    awards = ctx.table("awards")
    counted = awards.filter(awards.status.isin(list(statuses)) & awards.value_amount.notnull())
    totals = counted.group_by("ocid").aggregate(
        award_value=counted.value_amount.sum(),
        active_awards=counted.count(),
        currencies=counted.value_currency.nunique(),
        without_currency=counted.value_currency.isnull().sum(),
        award_currency=counted.value_currency.max(),
    )
    one_currency = (totals.currencies == 1) & (totals.without_currency == 0)
    return totals.filter(one_currency).drop("currencies", "without_currency")


def contract_amendment_counts(ctx: RuleContext) -> ir.Table:
    """Per contract (`ocid`, `contract_index`): the number of its amendments."""
    amendments = ctx.table("amendments")
    own = amendments.filter(amendments.scope == "contract")
    return own.group_by(["ocid", own.parent_index.name("contract_index")]).aggregate(
        amendments=own.count()
    )


def contracts_with_awards(ctx: RuleContext) -> ir.Table:
    """Each contract beside the award it implements (same ocid, `awardID` = `awards[].id`).

    Adds the contract's amendment count (0 when it has none). Contracts without a matching award
    are left out: there is nothing to compare them with.
    """
    contracts = ctx.table("contracts")
    awards = ctx.table("awards")
    pairs = contracts.join(
        awards,
        [contracts.ocid == awards.ocid, contracts.award_id == awards.award_id],
    ).select(
        ocid=contracts.ocid,
        contract_index=contracts.contract_index,
        contract_id=contracts.contract_id,
        award_id=contracts.award_id,
        award_index=awards.award_index,
        award_status=awards.status,
        award_date_ts=awards.date_ts,
        award_value=awards.value_amount,
        award_currency=awards.value_currency,
        contract_value=contracts.value_amount,
        contract_currency=contracts.value_currency,
        date_signed_ts=contracts.date_signed_ts,
    )
    counts = contract_amendment_counts(ctx)
    joined = pairs.left_join(
        counts,
        [pairs.ocid == counts.ocid, pairs.contract_index == counts.contract_index],
    )
    return joined.select(
        *[joined[name] for name in pairs.columns],
        amendments=joined.amendments.fill_null(0),
    )


def worst_per_process(table: ir.Table, order_by: Sequence[ir.Value]) -> ir.Table:
    """One row per process: the first by `order_by`, with `matches` = rows the process had.

    A process with several offending contracts or items is one finding, not several; its evidence
    shows the worst one and how many there were. `order_by` must end with a unique key (an index)
    so DuckDB and Spark pick the same row on ties.
    """
    ranked = table.mutate(
        _rank=ibis.row_number().over(ibis.window(group_by="ocid", order_by=list(order_by))),
        matches=table.ocid.count().over(ibis.window(group_by="ocid")),
    )
    return ranked.filter(ranked._rank == 0).drop("_rank")
