"""B09 political favouritism and B10 untrustworthy counterparty: the supplier, or someone who owns
or directs it within `hops` ties on the award day, carries a listed topic.

The lists come into the graph as nodes with FtM topics (OpenSanctions' vocabulary), so no list
format is special-cased:
- B09 reads `role.pep` (politically exposed person) and `role.rca` (their relatives and close
  associates), as OpenSanctions' PEP data and the BODS `politicalExposure` import set them;
- B10 reads `crime.corruption` (the register of persons convicted of corruption) and `debarment`
  (unreliable-supplier lists), to be set by the importer of each register; a list of
  "bogus enterprises" can be given the same topics or a topic of its own in the parameters.
One finding per award and listed node, with the path from that node to the contract.

B09 adds the second half of INTEGRITY.md's pattern, the share of a body's purchases that jumps
after an appointment (`share_jump.py`); its findings are the supplier's, not an award's.
"""

from __future__ import annotations

from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.paths import award_tie, path_evidence
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.rules.share_jump import ShareJumpParams, share_jumps
from adaldyq.engines.integrity.ties import Path, path_nodes
from adaldyq.engines.procurement.runner import explain
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

HOP_DISCOUNT = 0.15
_EXPLAIN = (
    "{listed_name} ({topics}) controls supplier {supplier_name} through {control_hops} tie(s) "
    "on {day}, when {buyer_name} awarded it {value} {currency}"
)


class ListParams(RuleParams):
    topics: tuple[str, ...] = Field(("role.pep", "role.rca"), description="Topics that flag")
    hops: int = Field(3, ge=1, le=3, description="Most Ownership/Directorship ties to supplier")


class B09Params(ListParams, ShareJumpParams):
    pass


class B10Params(ListParams):
    topics: tuple[str, ...] = Field(
        ("crime.corruption", "debarment"), description="Topics that flag"
    )


def exposed(ctx: IntegrityContext, params: ListParams) -> RuleOutput:
    """Awards whose supplier, or a controller of it on the day, carries one of the topics."""
    wanted = set(params.topics)
    flags = []
    for award, suppliers, _ in ctx.awards_in_graph():
        assert award.day is not None
        for supplier in suppliers:
            paths: dict[str, Path] = {supplier: ()}
            paths.update(ctx.graph.controllers(supplier, award.day, max_hops=params.hops))
            for node, control in sorted(paths.items()):
                topics = sorted(wanted & set(ctx.graph.nodes.get(node, {}).get("topics") or ()))
                if not topics:
                    continue
                nodes = [*(path_nodes(control) or [supplier]), award.contract_node]
                ties = [*control, award_tie(award, supplier)]
                evidence = {
                    **award.as_evidence(),
                    "listed": node,
                    "listed_name": ctx.graph.nodes[node].get("name"),
                    "topics": topics,
                    "control_hops": len(control),
                    "path": path_evidence(nodes, ties),
                }
                evidence["summary"] = explain(_EXPLAIN, evidence)
                score = 1.0 - HOP_DISCOUNT * max(len(control) - 1, 0)
                flags.append(
                    Flag(SubjectType.PROCESS, award.ocid, award.value, score, evidence, award.ocid)
                )
    return RuleOutput(flags, {**params.model_dump(), "undated_awards": ctx.undated_awards})


def _meta(
    code: str, name: str, params: type[ListParams], weight: float, *subjects: SubjectType
) -> RuleMeta:
    """B09's and B10's metadata: the sentence is the finding's own `summary`."""
    return RuleMeta(code=code, name=name, subjects=(SubjectType.PROCESS, *subjects),
                    family="integrity", explain="{summary}", params=params, weight=weight,
                    needs=(PROCUREMENT,))  # fmt: skip


@rule(_meta("B09", "Political favouritism", B09Params, 0.7, SubjectType.SUPPLIER))
def b09(ctx: IntegrityContext, params: B09Params) -> RuleOutput:
    """Listed owners (`exposed`), then share jumps after appointments (`share_jumps`)."""
    output = exposed(ctx, params)
    output.flags += share_jumps(ctx, params)
    return output


@rule(_meta("B10", "Untrustworthy counterparty", B10Params, 0.8))
def b10(ctx: IntegrityContext, params: B10Params) -> RuleOutput:
    return exposed(ctx, params)
