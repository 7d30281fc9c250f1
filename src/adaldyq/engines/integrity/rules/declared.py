"""B02 declared interest wins: a company named in an official's own asset declaration, or in the
declaration of the official's relative or associate, wins a contract from the official's body.

Declarations are the canonical declaration tables of a dataset (issue #4). Two sections name
companies by code (a BIN in Kazakhstan), each item held or received by the declarant or a family
member (`owner_id`):
- `securities`: shares and corporate rights, by the issuer;
- `incomes`: what a company paid the household, by the source, for the income types that mean a
  stake or a job in it (`income_types`: dividends, salary, business income, fees, gifts ...),
  not interest or insurance, which a bank or insurer pays every customer.
A declarant is a graph person when the declaration's `person_id` is the node's id or one of its
identifiers (an IIN written in both); the company is the supplier when its code is the supplier's
BIN. A declaration of year Y tells what was held or received in Y, so it counts for awards in Y
and the `years_after` years after it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.identities import bin_of, record_keys
from adaldyq.engines.integrity.offices import KIN_SCORES, kin, office_path, officials
from adaldyq.engines.integrity.paths import award_tie, path_evidence
from adaldyq.engines.integrity.registry import (
    DECLARATIONS,
    PROCUREMENT,
    Flag,
    RuleOutput,
    RuleParams,
    rule,
)
from adaldyq.engines.integrity.tenders import Award
from adaldyq.engines.integrity.ties import Tie
from adaldyq.model.findings import SubjectType
from adaldyq.model.identity.identifiers import clean
from adaldyq.model.rules import RuleMeta

INCOME_TYPES = (
    "dividends", "salary", "salary_secondary", "business", "fees", "professional", "royalty",
    "gift_cash", "gift_in_kind",
)  # fmt: skip
"""Incomes that tie the household to the company that paid them (canonical `income_type`)."""


class B02Params(RuleParams):
    years_after: int = Field(1, ge=0, le=5, description="Later award years a declaration covers")
    relatives: bool = Field(True, description="Whether relatives' declarations count")
    income_types: tuple[str, ...] = Field(
        INCOME_TYPES, description="Incomes from the supplier that count (empty: securities only)"
    )


def _section(
    ctx: IntegrityContext, table: str, code: str, name: str, kind: str, extra: ir.Value,
    keep: ir.BooleanValue | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """The items of one section that name a company by code, with their declaration's person
    and year, in one form: `issuer_code`/`issuer_name` the company, `interest` its kind."""
    assert ctx.declarations is not None
    items: ir.Table = ctx.declarations[table]
    heads: ir.Table = ctx.declarations["declarations"]
    chosen = items[code].notnull() if keep is None else items[code].notnull() & keep
    joined = items.filter(chosen).join(heads, "declaration_id")
    return ctx.rows(
        joined.select(
            "declaration_id", "person_id", "year", "item_id", "owner_id",
            issuer_name=joined[name], issuer_code=joined[code], interest=joined[kind],
            share_percent=extra,
        ).mutate(section=ibis.literal(table))
    )  # fmt: skip


def _holdings(ctx: IntegrityContext, params: B02Params) -> dict[str, list[dict[str, Any]]]:
    """Declared interests in companies by the company's code (digits only)."""
    assert ctx.declarations is not None
    securities = ctx.declarations["declaration_securities"]
    rows = _section(ctx, "declaration_securities", "issuer_code", "issuer_name",
                    "security_type", securities.share_percent)  # fmt: skip
    if params.income_types:
        incomes = ctx.declarations["declaration_incomes"]
        wanted = incomes.income_type.isin(params.income_types)
        rows += _section(ctx, "declaration_incomes", "source_code", "source_name",
                         "income_type", ibis.null(dt.float64), wanted)  # fmt: skip
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[clean(row["issuer_code"])].append(row)
    return found


def _persons_by_key(ctx: IntegrityContext) -> dict[str, list[str]]:
    """Graph persons by every key a declaration may name them by (`record_keys`)."""
    found: dict[str, list[str]] = defaultdict(list)
    for node in ctx.graph.nodes.values():
        if node["schema"] == "Person":
            for key in record_keys(node):
                found[key].append(node["id"])
    return found


def _declared_tie(row: dict[str, Any], person: str, supplier: str) -> Tie:
    year = int(row["year"])
    return Tie(
        id=f"{row['declaration_id']}/{row['section'].removeprefix('declaration_')}/{row['item_id']}",
        schema="DeclaredInterest",
        source=person,
        target=supplier,
        start_day=date(year, 1, 1),
        end_day=date(year, 12, 31),
        source_file=row["section"],
        source_record=str(row["declaration_id"]),
    )


def _hits(
    ctx: IntegrityContext, award: Award, body: str, supplier: str, holdings: list[dict[str, Any]],
    persons: dict[str, list[str]], params: B02Params,
) -> list[Flag]:  # fmt: skip
    assert award.day is not None
    flags = []
    years = range(award.day.year - params.years_after, award.day.year + 1)
    for official, office in sorted(officials(ctx.graph, ctx.posts, body, award.day).items()):
        people: dict[str, tuple[Tie | None, float]] = {official: (None, 1.0)}
        if params.relatives:
            for person, tie in kin(ctx.graph, official, award.day).items():
                people.setdefault(person, (tie, KIN_SCORES[tie.schema]))
        for row in holdings:
            for declarant in persons.get(str(row["person_id"]), ()):
                if declarant not in people or int(row["year"]) not in years:
                    continue
                kin_tie, score = people[declarant]
                nodes, ties = office_path(body, office)
                if kin_tie is not None:
                    nodes, ties = [*nodes, declarant], [*ties, kin_tie]
                nodes += [supplier, award.contract_node]
                ties += [_declared_tie(row, declarant, supplier), award_tie(award, supplier)]
                evidence = {
                    **award.as_evidence(), "body": body, "official": official,
                    "declarant": declarant, "declaration_id": row["declaration_id"],
                    "declaration_year": row["year"], "holder": row["owner_id"],
                    "issuer_name": row["issuer_name"], "issuer_code": row["issuer_code"],
                    "section": row["section"], "interest": row["interest"],
                    "share_percent": row["share_percent"], "path": path_evidence(nodes, ties),
                }  # fmt: skip
                flags.append(
                    Flag(SubjectType.PROCESS, award.ocid, award.value, score, evidence, award.ocid)
                )
    return flags


@rule(
    RuleMeta(
        code="B02",
        name="Declared interest wins",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="{declarant}'s declaration of {declaration_year} ({declaration_id}) lists "
        "{issuer_name} ({issuer_code}) in {section} ({interest}), which {buyer_name} awarded "
        "{value} {currency} on {day}; "
        "{official} holds office there",
        params=B02Params,
        weight=1.0,
        needs=(PROCUREMENT, DECLARATIONS),
    )
)
def b02(ctx: IntegrityContext, params: B02Params) -> RuleOutput:
    holdings = _holdings(ctx, params)
    persons = _persons_by_key(ctx)
    flags = []
    for award, suppliers, bodies in ctx.awards_in_graph():
        for supplier in suppliers:
            number = bin_of(award.supplier, ctx.graph.nodes[supplier])
            if number is None or number not in holdings:
                continue
            for body in bodies:
                flags += _hits(ctx, award, body, supplier, holdings[number], persons, params)
    return RuleOutput(flags, {**params.model_dump(), "declared_issuers": len(holdings)})
