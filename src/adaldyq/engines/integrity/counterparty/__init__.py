"""The counterparty trust score: for any company of the graph, 0-100 (100 = no risk signal), with
each signal's points, reason and evidence, as of a day (issue #5: `adaldyq counterparty check`).

`lookup.py` turns the query (BIN, node id, name) into candidate companies; `facts.py` reads the
graph on the day; `findings.py` reads the stored integrity findings; `signals.py` adds them up.
`check` runs all of it for every candidate, so a name that fits several companies shows each
with its own score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from adaldyq.engines.integrity.context import IntegrityContext
from adaldyq.engines.integrity.counterparty.facts import FactRules, fact_signals
from adaldyq.engines.integrity.counterparty.findings import finding_signals
from adaldyq.engines.integrity.counterparty.lookup import Lookup, Match, lookup
from adaldyq.engines.integrity.counterparty.signals import Score, Signal, score
from adaldyq.engines.integrity.identities import node_org_keys
from adaldyq.engines.integrity.registry import INTEGRITY_RULES
from adaldyq.engines.integrity.rules.exposure import ListParams
from adaldyq.engines.integrity.rules.shell import B06Params
from adaldyq.settings import Settings

__all__ = ["CompanyCheck", "Lookup", "Match", "Signal", "check", "fact_rules", "lookup"]


@dataclass(frozen=True)
class CompanyCheck:
    """One candidate company and its score."""

    match: Match
    result: Score


def fact_rules(settings: Settings) -> FactRules:
    """The points of `settings.counterparty` with the thresholds of B06, B09 and B10 as the
    integrity settings give them."""
    params = settings.integrity.params

    def parsed(code: str) -> object:
        return INTEGRITY_RULES.rules[code][0].parse_params(params.get(code, {}))

    b06, b09, b10 = parsed("B06"), parsed("B09"), parsed("B10")
    assert isinstance(b06, B06Params) and isinstance(b09, ListParams)
    assert isinstance(b10, ListParams)
    return FactRules(
        settings.counterparty, b06.mass_address, b06.mass_director, frozenset(b09.topics),
        frozenset(b10.topics), settings.country,
    )  # fmt: skip


def check(
    ctx: IntegrityContext, query: str, day: date, settings: Settings,
    findings: pa.Table | None,
) -> tuple[Lookup, list[CompanyCheck]]:  # fmt: skip
    """Every company `query` names, scored on `day` from the graph and (when given) the stored
    integrity findings of the graph's dataset."""
    found = lookup(ctx.graph, query)
    rules = fact_rules(settings)
    checks = []
    for match in found.matches:
        signals = fact_signals(ctx, match.node, day, rules)
        if findings is not None:
            ids = {match.node, *node_org_keys(ctx.graph.nodes[match.node])}
            signals += finding_signals(findings, match.node, ids, day, settings.counterparty)
        checks.append(CompanyCheck(match, score(signals, settings.counterparty)))
    return found, checks
