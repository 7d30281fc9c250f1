"""The Corruption Risk Index (Fazekas; opentender.eu, DIGIWHIST, World Bank ProACT) per process.

Each component (rule CRI-SB ... CRI-BF) is a 0..1 risk value per process; the composite CRI is the
mean of the components available for a process, missing ones left out (ProACT
`utility_codes/cri.do`: `rowmean` ignoring missing, 9 and 99). Components and composite read the
same functions and the same configured parameters, so the CRI is always the mean of exactly the
values its component rules report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import ibis
import ibis.expr.types as ir

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.cri.base import Component, params_of
from adaldyq.engines.procurement.cri.benford import BenfordParams, benford
from adaldyq.engines.procurement.cri.competition import (
    NoCallParams,
    ProcedureParams,
    SingleBidParams,
    no_call_for_tender,
    procedure_type,
    single_bidding,
)
from adaldyq.engines.procurement.cri.suppliers import (
    ConcentrationParams,
    TaxHavenParams,
    spending_concentration,
    tax_haven,
)
from adaldyq.engines.procurement.cri.timing import (
    AdvertisementParams,
    DecisionParams,
    advertisement_period,
    decision_period,
)
from adaldyq.engines.procurement.registry import RuleOutput
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleParams


@dataclass(frozen=True)
class Spec:
    """How to compute one component, and its column name in the composite's evidence."""

    column: str
    params: type[RuleParams]
    compute: Callable[[RuleContext, Any], Component]


COMPONENTS: dict[str, Spec] = {
    "CRI-SB": Spec("single_bidding", SingleBidParams, single_bidding),
    "CRI-PT": Spec("procedure_type", ProcedureParams, procedure_type),
    "CRI-AP": Spec("advertisement_period", AdvertisementParams, advertisement_period),
    "CRI-DP": Spec("decision_period", DecisionParams, decision_period),
    "CRI-NC": Spec("no_call_for_tender", NoCallParams, no_call_for_tender),
    "CRI-TH": Spec("tax_haven", TaxHavenParams, tax_haven),
    "CRI-BC": Spec("spending_concentration", ConcentrationParams, spending_concentration),
    "CRI-BF": Spec("benford", BenfordParams, benford),
}


def component_output(ctx: RuleContext, code: str, params: RuleParams) -> RuleOutput:
    """A component rule's findings: one per process whose component value is above 0."""
    component = computed(ctx, code, params)
    rows = ctx.rows(component.table.filter(component.table.value > 0))
    for row in rows:
        row.update(component.constants)
    evidence = [*component.evidence, *component.constants]
    found = flags(rows, SubjectType.PROCESS, "ocid", "value", "value", evidence)
    return RuleOutput(found, component.meta)


def computed(ctx: RuleContext, code: str, params: RuleParams) -> Component:
    """A component over the dataset, computed once for its rule and the composite alike."""

    def build() -> Component:
        component = COMPONENTS[code].compute(ctx, params)
        return replace(component, table=ctx.backend.cache(component.table))

    return ctx.shared(("cri", code, params.model_dump_json()), build)


def composite(ctx: RuleContext, codes: list[str]) -> tuple[ir.Table, dict[str, Any]]:
    """`ocid`, one column per component (null = missing), `components` (how many are
    available), `cri` (their mean, null if none) and `integrity_score` (100 · (1 - cri)).

    Every component is computed with the parameters configured for its own rule.
    """
    table = ctx.processes.select("ocid")
    meta: dict[str, Any] = {}
    for code in codes:
        spec = COMPONENTS[code]
        component = computed(ctx, code, params_of(ctx, code, spec.params))
        values = component.table.select(_ocid="ocid", **{spec.column: component.table.value})
        table = table.left_join(values, table.ocid == values._ocid).drop("_ocid")
        meta[code] = component.meta
    columns = [table[COMPONENTS[code].column] for code in codes]
    available = sum((c.notnull().cast("int64") for c in columns), ibis.literal(0))
    total = sum((c.fill_null(0.0) for c in columns), ibis.literal(0.0))
    cri = ibis.ifelse(available > 0, total / available, ibis.null("float64"))
    table = table.mutate(components=available, cri=cri, integrity_score=100 * (1 - cri))
    return table, meta


__all__ = [
    "COMPONENTS", "AdvertisementParams", "BenfordParams", "Component", "ConcentrationParams",
    "DecisionParams", "NoCallParams", "ProcedureParams", "SingleBidParams", "TaxHavenParams",
    "component_output", "composite",
]  # fmt: skip
