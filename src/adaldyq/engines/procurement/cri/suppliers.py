"""CRI-TH tax-haven supplier and CRI-BC buyer spending concentration (ProACT `taxhav2`,
`proa_ycsh4`).

Both look at who was paid: a supplier hidden in a secrecy jurisdiction, or a buyer that sends a
large share of its yearly spending to one supplier.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri.base import (
    Component,
    live_awards,
    lookup,
    process_years,
    valued_awards,
)
from adaldyq.engines.procurement.cri.countries import FSI_TABLE, fsi_scores, iso2
from adaldyq.model.rules import RuleParams


class TaxHavenParams(RuleParams):
    threshold: float = Field(59.5, description="A secrecy score above this marks a tax haven.")
    domestic_country: str | None = Field(
        None, description="Alpha-2 code of the dataset's country; inferred when unset."
    )
    never_havens: list[str] = Field(
        default_factory=lambda: ["US"], description="Countries never counted (ProACT drops US)."
    )
    fsi_table: Path | None = Field(None, description="Another FSI secrecy-score CSV.")


class ConcentrationParams(RuleParams):
    min_contracts: int = Field(
        4, ge=0, description="Computed only for buyer-years with more contracts than this."
    )


def _suppliers(ctx: RuleContext) -> ir.Table:
    """`ocid`, `award_index`, `supplier_org_id`, `supplier_id` of standing awards."""
    s = ctx.table("award_suppliers")
    who = s.supplier_org_id.coalesce(s.supplier_id, s.supplier_name)
    live = live_awards(ctx).select("ocid", "award_index")
    named = s.filter(who.notnull()).select(
        "ocid", "award_index", "supplier_id", supplier_org_id=who
    )
    return named.join(live, ["ocid", "award_index"])


def _top(table: ir.Table, *order: Any) -> ir.Table:
    """The first row of each process by `order` (ties broken by supplier id), same on any engine."""
    rank = ibis.row_number().over(group_by="ocid", order_by=[*order, "supplier_org_id"])
    return table.mutate(_rank=rank).filter(lambda t: t._rank == 0).drop("_rank")


def _iso_codes(ctx: RuleContext, names: ir.Column) -> dict[str, str]:
    """Raw country names seen in the data mapped to alpha-2 (unrecognised names left out)."""
    seen = ctx.column(names.as_table().distinct()[names.get_name()])
    return {raw: code for raw in seen if raw is not None and (code := iso2(raw)) is not None}


def domestic_country(ctx: RuleContext, params: TaxHavenParams) -> tuple[str, str]:
    """The dataset's country and where it came from: the setting, else the most frequent country
    in buyers' addresses (ties alphabetical), else the country profile."""
    if params.domestic_country:
        return params.domestic_country.upper(), "setting"
    parties = ctx.table("parties")
    p = ctx.processes.select("ocid", party_id=ctx.processes.buyer_id)
    buyers = p.join(parties.select("ocid", "party_id", "country_name"), ["ocid", "party_id"])
    counts = buyers.group_by("country_name").agg(n=buyers.count())
    found: Counter[str] = Counter()
    for row in ctx.rows(counts):
        code = iso2(row["country_name"])
        if code is not None:
            found[code] += int(row["n"])
    if found:
        return min(found, key=lambda c: (-found[c], c)), "buyer addresses"
    return ctx.profile.code, "country profile"


def tax_haven(ctx: RuleContext, params: TaxHavenParams) -> Component:
    """1 if a foreign supplier's country has an FSI secrecy score above the threshold, else 0;
    missing when every supplier is domestic (or of unknown country, which ProACT counts as
    domestic)."""
    scores = fsi_scores(params.fsi_table or FSI_TABLE)
    editions = sorted({edition for _, edition in scores})
    home, home_source = domestic_country(ctx, params)
    parties = ctx.table("parties").select(
        "ocid", supplier_id="party_id", country_name="country_name"
    )
    sup = _suppliers(ctx).left_join(parties, ["ocid", "supplier_id"])
    sup = sup.select("ocid", "supplier_org_id", "country_name").join(process_years(ctx), "ocid")
    codes = _iso_codes(ctx, parties.country_name)
    country = lookup(sup.country_name, codes, "string")
    edition = ibis.cases(*((sup.year <= e, e) for e in editions), else_=editions[-1])
    known = {(c, e): s for (c, e), s in scores.items() if c in set(codes.values())}
    score = lookup(
        country.concat(":", edition.cast("string")),
        {f"{c}:{e}": s for (c, e), s in sorted(known.items())},
    )
    haven = (score > params.threshold) & ~country.isin(params.never_havens)
    foreign = sup.mutate(
        supplier_country=country, fsi_edition=edition, secrecy_score=score,
        value=ibis.ifelse(haven.fill_null(False), 1.0, 0.0),
    )  # fmt: skip
    foreign = foreign.filter(
        foreign.supplier_country.notnull() & (foreign.supplier_country != home)
    )
    table = _top(foreign, ibis.desc("value"), ibis.desc(foreign.secrecy_score.fill_null(-1.0)))
    table = table.mutate(risk=table.value)
    evidence = (
        "supplier_org_id", "country_name", "supplier_country", "secrecy_score", "fsi_edition",
        "risk",
    )  # fmt: skip
    meta = {
        "threshold": params.threshold,
        "domestic_country": home,
        "domestic_country_source": home_source,
        "never_havens": params.never_havens,
        "fsi_editions": editions,
    }
    constants = {"threshold": params.threshold, "domestic_country": home}
    return Component(table, evidence, meta, constants)


def spending_concentration(ctx: RuleContext, params: ConcentrationParams) -> Component:
    """The largest share of its buyer's yearly spending that one of the process's suppliers got.

    An award's value is split equally among its suppliers; buyer-years with too few contracts
    (standing awards with a value) are left out, as ProACT's `proa_ynrc > 4`.
    """
    valued = valued_awards(ctx).filter(lambda t: t.year.notnull())
    rows = valued.join(_suppliers(ctx).drop("supplier_id"), ["ocid", "award_index"])
    rows = rows.mutate(amount=rows.value_amount / rows.supplier_count)
    keys = ["buyer_org_id", "year"]
    buyer_year = valued.group_by(keys).agg(
        buyer_spend=valued.value_amount.sum(), buyer_contracts=valued.count()
    )
    buyer_year = buyer_year.filter(buyer_year.buyer_contracts > params.min_contracts)
    pairs = rows.group_by([*keys, "supplier_org_id"]).agg(supplier_spend=rows.amount.sum())
    shares = pairs.join(buyer_year, keys)
    shares = shares.mutate(value=shares.supplier_spend / shares.buyer_spend)
    mine = (
        rows.select("ocid", *keys, "supplier_org_id")
        .distinct()
        .join(shares, [*keys, "supplier_org_id"])
    )
    table = _top(mine, ibis.desc("value"))
    table = table.mutate(risk=table.value)
    evidence = (
        "buyer_org_id", "year", "supplier_org_id", "supplier_spend", "buyer_spend",
        "buyer_contracts", "risk",
    )  # fmt: skip
    return Component(table, evidence, {"min_contracts": params.min_contracts})
