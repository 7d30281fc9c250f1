"""B09's second half: a supplier's share of a body's purchases jumps after a person tied to the
supplier takes office there (Dávid-Barrett & Fazekas 2019: supplier market-share shifts after a
change of government are partisan favouritism).

For every office tie at a body with a first day (Employment at the body, Occupancy of one of its
posts: the appointment or election), the awards of the body in `window_days` before that day and
in `window_days` from it are compared, when each window holds `min_body_awards` awards. A supplier
that won after the day is tied to the person when the person, or a relative or associate of the
person on that day, owns or directs it (through at most `hops` ties) on that day. Its share of
the body's awarded value (per currency, never added across currencies) is computed on each side;
a rise of at least `jump` is flagged, with both shares, both windows and the path from the body
to the supplier through the new office holder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.offices import KIN_SCORES, kin, office_path
from adaldyq.engines.integrity.paths import path_evidence
from adaldyq.engines.integrity.registry import Flag, RuleParams
from adaldyq.engines.integrity.rules.revolving import office_ties
from adaldyq.engines.integrity.tenders import Award
from adaldyq.engines.integrity.ties import Path, Tie, path_nodes
from adaldyq.model.findings import SubjectType


class ShareJumpParams(RuleParams):
    jump: float = Field(
        0.2, gt=0, le=1, description="Rise of the supplier's share of the body's value, at least"
    )
    window_days: int = Field(365, ge=30, description="Days compared before and from the start")
    min_body_awards: int = Field(3, ge=1, description="Awards of the body in each window")
    hops: int = Field(3, ge=1, le=3, description="Most Ownership/Directorship ties to supplier")


def _body_awards(ctx: IntegrityContext) -> dict[str, list[tuple[date, Award]]]:
    """Dated awards with a value, with their day, by the graph node of their buyer."""
    found: dict[str, list[tuple[date, Award]]] = defaultdict(list)
    for award in ctx.awards:
        if award.day is not None and award.value is not None and award.buyer:
            for body in ctx.nodes_of(award.buyer, "buyer"):
                found[body].append((award.day, award))
    return found


def _shares(awards: list[Award], supplier: str) -> dict[str, tuple[float, float, float]]:
    """Per currency: the supplier's value, the body's value, and the share."""
    total: dict[str, float] = defaultdict(float)
    mine: dict[str, float] = defaultdict(float)
    for award in awards:
        currency = award.currency or ""
        total[currency] += award.value or 0.0
        if award.supplier == supplier:
            mine[currency] += award.value or 0.0
    return {c: (mine[c], t, mine[c] / t) for c, t in total.items() if t > 0}


def _tie_to(
    ctx: IntegrityContext, person: str, supplier: str, day: date, hops: int
) -> tuple[str, Tie | None, Path] | None:
    """How `person` is tied to the supplier's node on `day`: the person who controls it (the
    office holder first, then relatives, then associates), the kinship tie, the control path."""
    controllers = ctx.graph.controllers(supplier, day, max_hops=hops)
    if person in controllers:
        return person, None, controllers[person]
    related = kin(ctx.graph, person, day)
    for other, tie in sorted(related.items(), key=lambda i: (-KIN_SCORES[i[1].schema], i[0])):
        if other in controllers:
            return other, tie, controllers[other]
    return None


def share_jumps(ctx: IntegrityContext, params: ShareJumpParams) -> list[Flag]:
    """Every supplier whose share of a body's value jumps after a tied person takes office."""
    flags: list[Flag] = []
    window = timedelta(days=params.window_days)
    for body, awards in sorted(_body_awards(ctx).items()):
        for office in office_ties(ctx, body):
            start = office[0].start_day
            if start is None:
                continue
            before = [a for day, a in awards if start - window <= day < start]
            after = [a for day, a in awards if start <= day < start + window]
            if min(len(before), len(after)) < params.min_body_awards:
                continue
            for org in sorted({a.supplier for a in after}):
                for supplier in ctx.org_index.get(org, []):
                    tied = _tie_to(ctx, office[0].source, supplier, start, params.hops)
                    if tied is not None:
                        flags += _jumps(body, office, org, supplier, tied, before, after, params)
    return flags


def _jumps(
    body: str, office: Path, org: str, supplier: str, tied: tuple[str, Tie | None, Path],
    before: list[Award], after: list[Award], params: ShareJumpParams,
) -> Iterator[Flag]:  # fmt: skip
    start = office[0].start_day
    assert start is not None
    earlier, later = _shares(before, org), _shares(after, org)
    for currency, (value, total, share) in sorted(later.items()):
        _, before_total, before_share = earlier.get(currency, (0.0, 0.0, 0.0))
        if before_total <= 0 or share - before_share < params.jump:
            continue
        person, kin_tie, control = tied
        nodes, ties = office_path(body, office)
        if kin_tie is not None:
            nodes, ties = [*nodes, person], [*ties, kin_tie]
        nodes += path_nodes(control)[1:]
        ties += control
        window = timedelta(days=params.window_days)
        rise = share - before_share
        evidence: dict[str, Any] = {
            "body": body,
            "supplier": org,
            "supplier_node": supplier,
            "official": office[0].source,
            "interested": person,
            "took_office": start.isoformat(),
            "currency": currency or None,
            "before": {"from": (start - window).isoformat(), "to": start.isoformat(),
                       "share": round(before_share, 6), "body_value": before_total,
                       "supplier_value": earlier.get(currency, (0.0,))[0]},
            "after": {"from": start.isoformat(), "to": (start + window).isoformat(),
                      "share": round(share, 6), "body_value": total, "supplier_value": value,
                      "ocids": sorted(a.ocid for a in after if a.supplier == org)},
            "summary": f"{org}'s share of {body}'s awarded value rose from "
            f"{before_share:.1%} to {share:.1%} in the {params.window_days} days after "
            f"{office[0].source} took office on {start} ({person} controls it)",
            "path": path_evidence(nodes, ties),
        }  # fmt: skip
        yield Flag(SubjectType.SUPPLIER, org, round(rise, 6), min(1.0, 0.5 + rise), evidence)
