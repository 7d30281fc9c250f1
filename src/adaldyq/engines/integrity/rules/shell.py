"""B06 shell signs: a mass registration address, a mass director, no staff or little tax.

- **Mass address:** `mass_address` or more companies registered at one address key
  (`model/identity.address_key`, postcodes dropped; the node's own address and the Address
  entities it references). Dissolved companies are left out.
- **Mass director:** one person or company directing `mass_director` or more organisations at
  the same time: the most Directorship ties alive on one day, found by a sweep over their first
  and last days, so a career of successive posts does not count.

- **No staff, little tax** (where known): a year of the company facts (`facts.py`, the company
  facts form) with a turnover of at least `min_turnover` and no employees, or tax paid below
  `tax_share` of the turnover. A year without staff or tax figures is not judged on them.

The first two are read from the graph alone. Each company in such a group gets a finding, with
the path to the shared address or director; the group's size and first members are in the
evidence. A year's staff and tax sign gets a finding of its own, its path from the year's fact.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from pydantic import Field

from adaldyq.engines.integrity.context import SAMPLE, IntegrityContext
from adaldyq.engines.integrity.paths import contact_node, contact_tie, fact_tie, path_evidence
from adaldyq.engines.integrity.registry import Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.ties import Tie
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

COMPANIES = frozenset({"Company", "Organization", "LegalEntity"})


class B06Params(RuleParams):
    mass_address: int = Field(10, ge=2, description="Companies at one address that make it mass")
    mass_director: int = Field(10, ge=2, description="Organisations one director runs at once")
    min_turnover: float = Field(
        10_000_000.0, ge=0, description="Turnover of a year below which staff and tax are not read"
    )
    tax_share: float = Field(0.005, ge=0, lt=1, description="Tax paid below this share is low")


def peak(ties: list[Tie]) -> tuple[int, date | None]:
    """The most ties alive on one day and the first such day (None: open since always)."""
    events: list[tuple[date, int]] = []
    for tie in ties:
        events.append((tie.start_day or date.min, 1))
        if tie.end_day is not None and tie.end_day < date.max:
            events.append((tie.end_day + timedelta(days=1), -1))
    best, day, alive = 0, None, 0
    for when, step in sorted(events):
        alive += step
        if alive > best:
            best, day = alive, when
    return best, None if day == date.min else day


@rule(
    RuleMeta(
        code="B06",
        name="Shell company signs",
        subjects=(SubjectType.COMPANY,),
        family="integrity",
        explain="{company_name}: {sign}",
        params=B06Params,
        weight=0.5,
    )
)
def b06(ctx: IntegrityContext, params: B06Params) -> RuleOutput:
    flags = _mass_addresses(ctx, params.mass_address) + _mass_directors(ctx, params.mass_director)
    flags += _staff_and_tax(ctx, params)
    return RuleOutput(flags, params.model_dump())


FACT_FIELDS = ("date", "employees", "turnover", "tax_paid", "currency", "source_file",
               "source_line")  # fmt: skip


def _staff_and_tax(ctx: IntegrityContext, params: B06Params) -> list[Flag]:
    """A finding per company year whose turnover is large enough and has no staff or whose tax
    is below `tax_share` of it."""
    flags = []
    for company in ctx.company_facts.companies():
        for fact in ctx.company_facts.by_key[company]:
            turnover, tax = fact["turnover"], fact["tax_paid"]
            if turnover is None or turnover <= 0 or turnover < params.min_turnover:
                continue
            money = f"{turnover:,.0f} {fact['currency']}"
            signs = []
            if fact["employees"] == 0:
                signs.append(f"no employees against a turnover of {money} in {fact['date']}")
            if tax is not None and tax < params.tax_share * turnover:
                share = f"{tax / turnover:.2%}"
                signs.append(f"tax paid {tax:,.0f} is {share} of a turnover of {money} in "
                             f"{fact['date']}")  # fmt: skip
            if signs:
                tie = fact_tie(company, fact, "facts")
                path = path_evidence([tie.source, company], [tie])
                sign, score = "; ".join(signs), 0.4 + 0.3 * len(signs)
                flag = _flag(ctx, company, sign, [company], path, score, turnover)
                flag.evidence["facts"] = {key: fact[key] for key in FACT_FIELDS}
                flags.append(flag)
    return flags


def _mass_addresses(ctx: IntegrityContext, threshold: int) -> list[Flag]:
    nodes = ctx.graph.nodes
    at: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node in nodes.values():
        if node["schema"] in COMPANIES and not node.get("dissolution_date"):
            for contact in ctx.node_contacts(node["id"]):
                if contact[0] == "address":
                    at[contact].append(node["id"])
    flags = []
    for contact, members in sorted(at.items()):
        if len(members) >= threshold:
            for company in sorted(members):
                tie = contact_tie(company, contact, "graph nodes")
                path = path_evidence([company, contact_node(contact)], [tie])
                sign = f"one of {len(members)} companies at address {contact[1]!r}"
                flags.append(_flag(ctx, company, sign, sorted(members), path, 0.6))
    return flags


def _mass_directors(ctx: IntegrityContext, threshold: int) -> list[Flag]:
    flags = []
    for director in sorted(ctx.graph.out):
        ties = ctx.graph.ties_out(director, {"Directorship"}, None)
        count, day = peak(ties)
        if count < threshold:
            continue
        alive = sorted((t for t in ties if day is None or t.alive(day)), key=lambda t: t.target)
        members = [t.target for t in alive]
        when = f"on {day.isoformat()}" if day else "at once"
        for tie in alive:
            path = path_evidence([director, tie.target], [tie])
            sign = f"directed by {director}, who directs {count} organisations {when}"
            flags.append(_flag(ctx, tie.target, sign, members, path, 0.8))
    return flags


def _flag(
    ctx: IntegrityContext, company: str, sign: str, members: list[str], path: dict[str, Any],
    score: float, value: float | None = None,
) -> Flag:  # fmt: skip
    """A company's finding; its value the group's size unless given (a year's turnover)."""
    node = ctx.graph.nodes.get(company, {})
    evidence = {
        "company": company,
        "company_name": node.get("name") or company,
        "sign": sign,
        "count": len(members),
        "members": members[:SAMPLE],
        "path": path,
    }
    size = float(len(members)) if value is None else value
    return Flag(SubjectType.COMPANY, company, size, score, evidence)
