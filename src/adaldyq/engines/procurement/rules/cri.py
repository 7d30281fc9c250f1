"""CRI Corruption Risk Index: the mean of the available CRI components of a process (Fazekas)."""

from __future__ import annotations

from pydantic import Field, field_validator

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.cri import COMPONENTS, composite
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    components: list[str] = Field(
        default_factory=lambda: list(COMPONENTS), description="Component rules averaged."
    )

    @field_validator("components")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(COMPONENTS))
        if unknown or not value:
            raise ValueError(f"choose among {', '.join(COMPONENTS)}; unknown: {unknown}")
        return value


@rule(
    RuleMeta(
        code="CRI",
        name="Corruption Risk Index",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=Params,
        # a summary of its components, which already carry the weight in the composite score
        weight=0.0,
        explain="Corruption Risk Index {cri} (integrity score {integrity_score} of 100) from "
        "{components} available risk components.",
    )
)
def corruption_risk_index(ctx: RuleContext, params: Params) -> RuleOutput:
    table, meta = composite(ctx, params.components)
    rows = ctx.rows(table.filter(table.cri > 0))
    columns = [COMPONENTS[code].column for code in params.components]
    evidence = [*columns, "components", "cri", "integrity_score"]
    found = flags(rows, SubjectType.PROCESS, "ocid", "cri", "cri", evidence)
    return RuleOutput(found, {"components": params.components, **meta})
