"""B05 fresh company: the supplier was registered shortly before the tender or the award, or is
less than a year old and wins a large award.

The registration day is the graph node's `incorporation_date` (its first possible day when only
a month or year is known, so the age is never understated), else the month the BIN encodes
(`model/identity.parse_bin`: the first day of the month of registration or re-registration).
A supplier registered after the tender (a negative age) is flagged too: either it bid before it
existed, or its BIN is a re-registration, and both deserve a look.

An old company bought just before it wins is as fresh to the market: an Ownership tie into the
supplier that began fewer than `owner_change_days` before the award is a sign too, and its new
owner starts the path. So is capital raised fewer than `capital_days` before the award: a company
fact (`facts.py`, the company facts form) registering more charter capital, in the same
currency, than the company's fact before it (the first capital on record is the founding one,
not a raise); the fact starts the path when no new owner does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.identities import bin_of
from adaldyq.engines.integrity.paths import award_tie, fact_tie, path_evidence
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.tenders import Award
from adaldyq.engines.integrity.ties import Tie
from adaldyq.ingest.graph_values import parse_partial_date
from adaldyq.model.findings import SubjectType
from adaldyq.model.identity.identifiers import parse_bin
from adaldyq.model.rules import RuleMeta


class B05Params(RuleParams):
    before_tender_days: int = Field(90, ge=1, description="Registered fewer days before tender")
    before_award_days: int = Field(180, ge=1, description="Registered fewer days before award")
    young_days: int = Field(365, ge=1, description="Age below which a large award counts")
    large_value: float = Field(
        50_000_000.0, ge=0, description="A large award, in the award's currency (KZT by default)"
    )
    owner_change_days: int = Field(
        90, ge=0, description="An owner who came in fewer days before the award (0: not read)"
    )
    capital_days: int = Field(
        90, ge=0, description="Capital raised fewer days before the award (0: not read)"
    )


def registration(ctx: IntegrityContext, award: Award) -> tuple[date, str] | None:
    """The supplier's registration day and where it was read, or None when nothing says."""
    nodes = [ctx.graph.nodes[n] for n in ctx.org_index.get(award.supplier, [])]
    return registration_of(nodes, award.supplier)


def registration_of(nodes: list[dict[str, Any]], org: str | None) -> tuple[date, str] | None:
    """The registration day of an organisation known as these graph nodes (and procurement org
    id, if any): the first incorporation date, else its BIN's month; and where it was read."""
    for node in nodes:
        if node.get("incorporation_date"):
            parsed = parse_partial_date(node["incorporation_date"])
            return parsed.first_day, f"incorporation date of node {node['id']}"
    number = bin_of(org, nodes[0] if nodes else None)
    if number is None:
        return None
    return parse_bin(number).registered, f"BIN {number} (month of registration)"


def _signs(award: Award, registered: date, params: B05Params) -> list[tuple[str, float]]:
    assert award.day is not None
    signs = []
    if award.tender_day and (award.tender_day - registered).days < params.before_tender_days:
        days = (award.tender_day - registered).days
        signs.append((f"registered {days} days before the tender", 1.0))
    age = (award.day - registered).days
    if age < params.before_award_days:
        signs.append((f"registered {age} days before the award", 0.8))
    if age < params.young_days and (award.value or 0) > params.large_value:
        signs.append((f"{age} days old at an award above {params.large_value:,.0f}", 0.6))
    return signs


def new_owners(ctx: IntegrityContext, award: Award, days: int) -> list[Tie]:
    """Ownership ties into the supplier, alive on the award day, that began fewer than `days`
    before it: a company bought (or re-owned) just before it wins."""
    assert award.day is not None
    found = []
    for node in ctx.org_index.get(award.supplier, []):
        for tie in ctx.graph.ties_into(node, {"Ownership"}, award.day):
            if tie.start_day is not None and (award.day - tie.start_day).days < days:
                found.append(tie)
    return sorted(found, key=lambda tie: tie.id)


Raise = tuple[str, dict[str, Any], dict[str, Any]]
"""The company's node, its capital fact before, and the fact that raised it."""


def capital_raises(ctx: IntegrityContext, award: Award, days: int) -> list[Raise]:
    """Capital raised on a day fewer than `days` before the award day (on it included)."""
    assert award.day is not None
    number = bin_of(award.supplier)
    nodes = ctx.org_index.get(award.supplier, [])
    if not nodes and number:  # facts of a company the graph does not hold, by its BIN
        nodes = [f"kz-bin-{number}"]
    found = []
    for node in nodes:
        last: dict[str, dict[str, Any]] = {}
        for fact in ctx.company_facts.of(node, bin_of(award.supplier, ctx.graph.nodes.get(node))):
            if fact["capital"] is None or fact["first_day"] > award.day:
                continue
            before = last.get(fact["capital_currency"])
            age = (award.day - fact["first_day"]).days
            if before is not None and fact["capital"] > before["capital"] and age < days:
                found.append((node, before, fact))
            last[fact["capital_currency"]] = fact
    return found


def _raised(before: dict[str, Any], fact: dict[str, Any]) -> dict[str, Any]:
    """A capital raise as the evidence shows it, with the line it was read from."""
    return {
        "from": before["capital"],
        "to": fact["capital"],
        "currency": fact["capital_currency"],
        "date": fact["date"],
        "source_file": fact["source_file"],
        "source_line": fact["source_line"],
    }


def _capital_signs(award: Award, raises: list[Raise]) -> list[tuple[str, float]]:
    assert award.day is not None
    return [
        (f"capital raised from {before['capital']:,.0f} to {fact['capital']:,.0f} "
         f"{fact['capital_currency']} on {fact['date']}, "
         f"{(award.day - fact['first_day']).days} days before the award", 0.7)
        for _, before, fact in raises
    ]  # fmt: skip


def _owner_signs(award: Award, owners: list[Tie]) -> list[tuple[str, float]]:
    assert award.day is not None
    return [
        (f"owner {tie.source} since {tie.start_day}, "
         f"{(award.day - tie.start_day).days} days before the award", 0.7)
        for tie in owners
        if tie.start_day is not None
    ]  # fmt: skip


@rule(
    RuleMeta(
        code="B05",
        name="Fresh company",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        explain="Supplier {supplier_name}, registered on {registered} ({registered_from}): "
        "{summary}",
        params=B05Params,
        weight=0.6,
        needs=(PROCUREMENT,),
    )
)
def b05(ctx: IntegrityContext, params: B05Params) -> RuleOutput:
    flags = []
    unknown = 0
    for award in ctx.awards:
        if award.day is None:
            continue
        found = registration(ctx, award)
        unknown += found is None
        signs = _signs(award, found[0], params) if found else []
        owners = new_owners(ctx, award, params.owner_change_days)
        signs += _owner_signs(award, owners)
        raises = capital_raises(ctx, award, params.capital_days)
        signs += _capital_signs(award, raises)
        if signs:
            flags.append(_flag(ctx, award, found, signs, owners, raises))
    meta = {**params.model_dump(), "undated_awards": ctx.undated_awards}
    return RuleOutput(flags, {**meta, "no_registration_day": unknown})


def _flag(
    ctx: IntegrityContext, award: Award, found: tuple[date, str] | None, signs: list[Any],
    owners: list[Tie], raises: list[Raise],
) -> Flag:  # fmt: skip
    supplier = (
        owners[0].target
        if owners
        else raises[0][0]
        if raises
        else next(iter(ctx.org_index.get(award.supplier, [])), award.supplier)
    )
    nodes, ties = [supplier, award.contract_node], [award_tie(award, supplier)]
    if owners:
        nodes, ties = [owners[0].source, *nodes], [owners[0], *ties]
    elif raises:
        tie = fact_tie(supplier, raises[0][2], "capital")
        nodes, ties = [tie.source, *nodes], [tie, *ties]
    registered = found[0] if found else None
    evidence = {
        **award.as_evidence(),
        "registered": registered.isoformat() if registered else "unknown",
        "registered_from": found[1] if found else "no incorporation date or BIN",
        "new_owners": [tie.as_evidence() for tie in owners],
        "capital_raised": [_raised(before, fact) for _, before, fact in raises],
        "tender_day": award.tender_day.isoformat() if award.tender_day else None,
        "signs": [text for text, _ in signs],
        "summary": "; ".join(text for text, _ in signs),
        "path": path_evidence(nodes, ties),
    }
    score = max(weight for _, weight in signs)
    age = float((award.day - registered).days) if award.day and registered else None
    return Flag(SubjectType.PROCESS, award.ocid, age, score, evidence, award.ocid)
