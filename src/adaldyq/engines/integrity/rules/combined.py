"""B11 enrichment <-> contracts: a conflict of interest (B01) wins a contract in a year for which
the declarations engine flagged the official or the interested relative: a combined case.

Declarations findings are read from the workspace's findings store (engine `declarations`,
subject `person`, with the declaration `year` in the evidence). A graph person is the declarant
when the finding's subject id is the node's id or one of its identifiers (an IIN written in both
registers); without that key the two cannot be joined, and entity resolution has to supply it.
A declaration of year Y covers Y, so an award in Y meets a flag of Y (and of the `years_before`
years before it, a setting).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson
import pyarrow as pa
from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.identities import record_keys
from adaldyq.engines.integrity.registry import DECLARATIONS_FINDINGS, PROCUREMENT, RuleOutput, rule
from adaldyq.engines.integrity.rules.kinship import B01Params, conflict_flag, conflicts
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class B11Params(B01Params):
    years_before: int = Field(0, ge=0, le=5, description="Earlier declaration years that count")


def declared_flags(table: pa.Table) -> dict[str, list[dict[str, Any]]]:
    """Declarations findings about persons, by subject id, with their year."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in table.to_pylist():
        if row["subject_type"] != SubjectType.PERSON:
            continue
        year = orjson.loads(row["evidence"]).get("year")
        if year is None:
            continue
        found[row["subject_id"]].append(
            {"rule_code": row["rule_code"], "year": int(year), "score": row["score"],
             "explanation": row["explanation"]}
        )  # fmt: skip
    return found


def _keys(ctx: IntegrityContext, person: str) -> set[str]:
    return record_keys(ctx.graph.nodes.get(person, {"id": person}))


@rule(
    RuleMeta(
        code="B11",
        name="Enrichment and contracts",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="{who} controls supplier {supplier_name}, awarded {value} {currency} by "
        "{buyer_name} on {day}, and the declarations of {declared_year} were flagged: "
        "{declared_rules}",
        params=B11Params,
        weight=1.0,
        needs=(PROCUREMENT, DECLARATIONS_FINDINGS),
    )
)
def b11(ctx: IntegrityContext, params: B11Params) -> RuleOutput:
    assert ctx.declarations_findings is not None
    declared = declared_flags(ctx.declarations_findings)
    flags = []
    for award, body, supplier, hit in conflicts(ctx, params):
        assert award.day is not None
        years = range(award.day.year - params.years_before, award.day.year + 1)
        people = {hit["official"], hit["interested"]}
        matched = [
            {**flag, "person": person}
            for person in sorted(people)
            for key in sorted(_keys(ctx, person))
            for flag in declared.get(key, ())
            if flag["year"] in years
        ]
        if matched:
            flag = conflict_flag(award, body, supplier, hit)
            flag.evidence["declarations"] = matched
            flag.evidence["declared_year"] = max(m["year"] for m in matched)
            flag.evidence["declared_rules"] = ", ".join(sorted({m["rule_code"] for m in matched}))
            flags.append(flag)
    return RuleOutput(flags, {**params.model_dump(), "declared_persons": len(declared)})
