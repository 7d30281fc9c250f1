"""B07 revolving door: a person leaves the buying body and within `months` becomes an owner or
director of a supplier that the body then awards while the person holds that tie; or the
reverse, a supplier's former owner or director joins the body and is in office when it awards
the supplier.

Office is Employment at the body or Occupancy of one of its posts (`offices.py`); the move is
measured from the last day of one tie to the first day of the other, so both must be dated.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.offices import office_path
from adaldyq.engines.integrity.paths import award_tie, path_evidence, post_tie
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.tenders import Award
from adaldyq.engines.integrity.ties import CONTROL, Path, Tie
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

DAYS_PER_MONTH = 30.4375


class B07Params(RuleParams):
    months: int = Field(24, ge=1, description="Most months between leaving one side and joining")


def office_ties(ctx: IntegrityContext, body: str) -> Iterator[Path]:
    """Every office tie at `body`, at any time: (Employment,) or (Occupancy, post organization)."""
    for tie in ctx.graph.ties_into(body, {"Employment"}, None):
        yield (tie,)
    for post in ctx.posts.get(body, ()):
        for tie in ctx.graph.ties_into(post, {"Occupancy"}, None):
            yield (tie, post_tie(post, body))


def _gap(left: date | None, joined: date | None, months: int) -> int | None:
    """Days from leaving to joining, when both are known and within the window."""
    if left is None or joined is None:
        return None
    days = (joined - left).days
    return days if 0 <= days <= months * DAYS_PER_MONTH else None


def _moves(
    ctx: IntegrityContext, award: Award, body: str, supplier: str, months: int
) -> Iterator[dict[str, Any]]:
    assert award.day is not None
    for office in office_ties(ctx, body):
        person = office[0].source
        for control in ctx.graph.ties_into(supplier, CONTROL, None):
            if control.source != person:
                continue
            if office[0].end_day and office[0].end_day < award.day and control.alive(award.day):
                gap = _gap(office[0].end_day, control.start_day, months)
                direction = "left the buyer, then took a stake or seat in the supplier"
            elif control.end_day and control.end_day < award.day and office[0].alive(award.day):
                gap = _gap(control.end_day, office[0].start_day, months)
                direction = "left the supplier, then joined the buyer"
            else:
                continue
            if gap is not None:
                yield _move(award, body, supplier, office, control, gap, direction)


def _move(
    award: Award, body: str, supplier: str, office: Path, control: Tie, gap: int, direction: str
) -> dict[str, Any]:
    nodes, ties = office_path(body, office)
    nodes += [supplier, award.contract_node]
    ties += [control, award_tie(award, supplier)]
    return {
        "person": control.source,
        "direction": direction,
        "gap_days": gap,
        "path": path_evidence(nodes, ties),
    }


@rule(
    RuleMeta(
        code="B07",
        name="Revolving door",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="{person} {direction} within {gap_days} days; on {day} {buyer_name} awarded "
        "{supplier_name} {value} {currency}",
        params=B07Params,
        weight=0.7,
        needs=(PROCUREMENT,),
    )
)
def b07(ctx: IntegrityContext, params: B07Params) -> RuleOutput:
    flags = []
    for award, suppliers, bodies in ctx.awards_in_graph():
        for body in bodies:
            for supplier in suppliers:
                for move in _moves(ctx, award, body, supplier, params.months):
                    score = 1.0 - 0.3 * move["gap_days"] / (params.months * DAYS_PER_MONTH)
                    evidence = {**award.as_evidence(), "body": body, **move}
                    flags.append(
                        Flag(
                            SubjectType.PROCESS,
                            award.ocid,
                            award.value,
                            round(score, 6),
                            evidence,
                            award.ocid,
                        )
                    )
    return RuleOutput(flags, {**params.model_dump(), "undated_awards": ctx.undated_awards})
