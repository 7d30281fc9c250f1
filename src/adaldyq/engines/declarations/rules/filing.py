"""A21: an annual declaration filed late, or corrected after a check on its declarant started.

The deadline is the country profile's (`CountryProfile.declaration_deadline`: Ukraine 31 March of
the next year, 30 October 2016 for 2015; Kazakhstan's form 270.00 15 September). Lateness is
that of the first filing of a person-year: a correction filed after the deadline corrects a
declaration that may have been on time. A correction is any later annual filing of the same
person and year, or a filing marked `corrected`; it is flagged when a check on the person (the
optional checks table) started after the year's first filing (or, when only the correction is
at hand, after filing opened on 1 January) and on or before the correction: the declaration was
put right once someone had started looking.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from adaldyq.engines.declarations.context import ScreenContext, plain
from adaldyq.engines.declarations.registry import Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.declarations.scope import SCREENED_TYPE
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta
from adaldyq.model.screening_inputs import not_given


class A21Params(RuleParams):
    grace_days: int = 0
    """Days after the deadline still counted as on time."""


def _filings(ctx: ScreenContext) -> ir.Table:
    """Every annual filing of a screened person-year, with the screened declaration's id and the
    day the person-year was first filed."""
    raw = ctx.raw["declarations"]
    annual = raw.filter((raw.declaration_type == SCREENED_TYPE) & raw.submitted_on.notnull())
    screened = ctx.declarations.select("person_id", "year", screened_id="declaration_id")
    filings = annual.select(
        "person_id", "year", "declaration_id", "submitted_on", "corrected"
    ).join(screened, ["person_id", "year"])
    first = ibis.window(group_by=[filings.person_id, filings.year])
    return filings.mutate(first_filed=filings.submitted_on.min().over(first))


def _late(ctx: ScreenContext, filings: ir.Table, grace: int) -> list[Flag]:
    years = [row["year"] for row in ctx.rows(ctx.declarations.select("year").distinct())]
    due = {y: ctx.profile.declaration_deadline(y) for y in years}
    known = [{"year": y, "due": d} for y, d in sorted(due.items()) if d is not None]
    schema = pa.schema([("year", pa.int64()), ("due", pa.date32())])
    deadlines = ibis.memtable(pa.Table.from_pylist(known, schema=schema))
    first = filings.filter(filings.submitted_on == filings.first_filed)
    late = first.join(deadlines, "year").filter(first.first_filed > deadlines.due)
    chosen = late.select(
        "person_id", "year", "due", declaration_id="screened_id", first_id="declaration_id",
        first_filed="first_filed",
    ).order_by(["declaration_id", "first_id"])  # fmt: skip
    flags: dict[str, Flag] = {}
    for row in ctx.rows(chosen):
        days = (row["first_filed"] - row["due"]).days
        if days <= grace or row["declaration_id"] in flags:
            continue
        evidence = {
            "variant": "late",
            "first_declaration_id": row["first_id"],
            "first_filed_on": row["first_filed"].isoformat(),
            "due": row["due"].isoformat(),
            "days_late": days,
            "formula": f"first filed {row['first_filed']} > due {row['due']}: {days} days late",
        }
        flags[row["declaration_id"]] = ctx.flag(row, days, evidence, money=False)
    return list(flags.values())


def _corrected_after_check(ctx: ScreenContext, filings: ir.Table, checks: ir.Table) -> list[Flag]:
    opened = ibis.date(filings.year + 1, 1, 1)
    earlier = ibis.ifelse(filings.first_filed < filings.submitted_on, filings.first_filed, opened)
    corrections = filings.filter(
        (filings.submitted_on > filings.first_filed) | (filings.corrected == True)  # noqa: E712
    ).mutate(since=earlier)
    hit = corrections.join(
        checks,
        [
            corrections.person_id == checks.person_id,
            checks.started_on > corrections.since,
            checks.started_on <= corrections.submitted_on,
        ],
    ).select(
        corrections.person_id, corrections.year, corrections.since, corrections.submitted_on,
        declaration_id=corrections.screened_id, corrected_id=corrections.declaration_id,
        started_on=checks.started_on, check_kind=checks.kind, check_reference=checks.reference,
        check_line=checks.source_line,
    )  # fmt: skip
    flags: dict[tuple[str, str], Flag] = {}
    for row in ctx.rows(hit.order_by(["corrected_id", "started_on", "check_line"])):
        key = (row["declaration_id"], row["corrected_id"])
        if key in flags:
            continue
        days = (row["submitted_on"] - row["started_on"]).days
        evidence = {
            "variant": "corrected_after_check",
            "corrected_declaration_id": row["corrected_id"],
            "corrected_on": row["submitted_on"].isoformat(),
            "filed_before_on": plain(row["since"]),
            "check": {
                "started_on": row["started_on"].isoformat(),
                "kind": row["check_kind"],
                "reference": row["check_reference"],
            },
            "formula": (
                f"filed {row['since']} < check started {row['started_on']} <= corrected "
                f"{row['submitted_on']} ({days} days after the check started)"
            ),
        }
        flags[key] = ctx.flag(row, days, evidence, money=False)
    return list(flags.values())


@rule(
    RuleMeta(
        code="A21",
        name="Late or corrected filing",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A21Params,
        weight=0.3,
        explain="{formula}: the {year} declaration.",
    )
)
def late_or_corrected(ctx: ScreenContext, params: A21Params) -> RuleOutput:
    filings = ctx.backend.cache(_filings(ctx))
    flags = _late(ctx, filings, params.grace_days)
    meta: dict[str, Any] = {
        **params.model_dump(),
        "deadline_basis": ctx.profile.declaration_due_basis,
    }
    checks = ctx.inputs.get("checks")
    if checks is None:
        meta["not_run"] = {"corrected after a check": not_given(["checks"])}
    else:
        flags += _corrected_after_check(ctx, filings, checks)
    return RuleOutput(flags, meta)
