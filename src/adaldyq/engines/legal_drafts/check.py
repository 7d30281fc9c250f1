"""Run every factor check over an act and turn what they raise into findings.

Checks are plain functions of a provision and the act's context, listed here in factor order so
the catalogue of what the engine looks for is one screen. A phrase can trip two checks of one
factor (a decision "в разумный срок" is also a decision without a fixed term): overlapping hits
of the same factor are merged into the one with the higher prior, so a drafter reads each
problem once. Definitions articles only get the uncertainty check: they state what words mean,
not what bodies may do.
"""

# Acts are Russian text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

from collections.abc import Callable

from adaldyq.engines.legal_drafts.context import ActContext, Hit, act_context
from adaldyq.engines.legal_drafts.explain import explain
from adaldyq.engines.legal_drafts.factors_delegation import (
    blanket_delegation,
    gap_filling,
    indeterminate_sanction,
    sole_operator,
    ultra_vires_charge,
)
from adaldyq.engines.legal_drafts.factors_language import collisions, evaluative_terms
from adaldyq.engines.legal_drafts.factors_power import (
    applicant_right,
    discretion,
    no_appeal,
    optional_power,
    selective_exception,
)
from adaldyq.engines.legal_drafts.factors_procedure import (
    concentrated_functions,
    incomplete_procedure,
    non_competitive,
    open_requirement,
    secrecy,
)
from adaldyq.engines.legal_drafts.provisions import Provision, provisions
from adaldyq.engines.legal_drafts.structure import parse_act
from adaldyq.engines.legal_drafts.taxonomy import FACTORS
from adaldyq.model.legal import Act, Expertise, FactorFinding

ProvisionCheck = Callable[[Provision, ActContext], list[Hit]]

PROVISION_CHECKS: tuple[ProvisionCheck, ...] = (
    discretion,
    optional_power,
    selective_exception,
    blanket_delegation,
    ultra_vires_charge,
    gap_filling,
    incomplete_procedure,
    non_competitive,
    open_requirement,
    applicant_right,
    evaluative_terms,
    no_appeal,
    concentrated_functions,
    secrecy,
    indeterminate_sanction,
    sole_operator,
)
"""F01-F17 in order; F09 compares provisions with each other and runs once per act."""

_IN_DEFINITIONS: tuple[ProvisionCheck, ...] = (evaluative_terms,)
_ONCE_PER_ACT = frozenset({"F13.no_appeal_in_act"})
_ONCE_PER_ARTICLE = frozenset({"F07.incomplete_procedure"})
"""An article's procedure lacks its elements once, however many of its parts name a step."""
_SUBSUMED = {"F12": frozenset({"F01", "F10"}), "F04": frozenset({"F14"})}
"""A hit overlapping a hit of a more specific factor says nothing new: "в разумный срок" is a
term left open (F01) before it is a vague word (F12); "состав комиссии определяется
руководителем" is a commission question (F14), not delegation of rule-making (F04). A fee rate set
by a body stays both F16 (amount) and F04 (delegation), as the methodology counts both."""


def check_text(text: str, language: str | None = None) -> Expertise:
    """Parse a whole act or a single provision and check it; `language` overrides detection."""
    act = parse_act(text, language)
    return Expertise(act=act, findings=check_act(act, text))


def check_act(act: Act, text: str) -> tuple[FactorFinding, ...]:
    """Every factor found in a parsed act, in text order; `text` is what `act` was parsed from."""
    folded = _fold(text)
    items = provisions(act, folded)
    ctx = act_context(act, folded, items)
    hits: list[tuple[Provision | None, Hit]] = []
    for provision in items:
        checks = _IN_DEFINITIONS if provision.in_definitions else PROVISION_CHECKS
        for check in checks:
            hits.extend((provision, found) for found in check(provision, ctx))
    hits.extend((_holder(items, found.start), found) for found in collisions(items, ctx))
    return tuple(
        _finding(p, h, act, text) for p, h in _merged(hits, ctx.article_of) if p is not None
    )


def _fold(text: str) -> str:
    """The text with "ё" written "е", as most acts do, so patterns need one spelling; the length
    and so every offset stay the same, and findings quote the original text."""
    return text.replace("ё", "е").replace("Ё", "Е")


def _holder(items: list[Provision], position: int) -> Provision | None:
    """The provision whose own text holds `position` (None for a heading or a note)."""
    return next((p for p in items if p.start <= position < p.end), None)


def _merged(
    hits: list[tuple[Provision | None, Hit]], article_of: dict[str, str]
) -> list[tuple[Provision | None, Hit]]:
    """One hit per factor and overlapping span, none where a more specific factor covers the
    span, the first of an article or act for absences judged at that level; in text order."""
    every = [found for _, found in hits]
    kept: list[tuple[Provision | None, Hit]] = []
    seen: set[tuple[str, str]] = set()
    for provision, found in sorted(hits, key=lambda ph: (-ph[1].confidence, ph[1].start)):
        scope = _scope(found.rule, provision, article_of)
        if scope is not None and (found.rule, scope) in seen:
            continue
        covering = _SUBSUMED.get(found.factor, frozenset())
        if any(_overlap(o, found) for o in every if o.factor in covering) or any(
            _overlap(o, found) for _, o in kept if o.factor == found.factor
        ):
            continue
        if scope is not None:
            seen.add((found.rule, scope))
        kept.append((provision, found))
    return sorted(kept, key=lambda ph: (ph[1].start, ph[1].factor))


def _scope(rule: str, provision: Provision | None, article_of: dict[str, str]) -> str | None:
    """The unit within which a rule is reported once ("" for the act), or None for no limit."""
    if rule in _ONCE_PER_ACT:
        return ""
    if rule in _ONCE_PER_ARTICLE and provision is not None:
        return article_of.get(provision.unit.id, provision.unit.id)
    return None


def _overlap(one: Hit, other: Hit) -> bool:
    return one.start < other.end and other.start < one.end


def _finding(provision: Provision, found: Hit, act: Act, text: str) -> FactorFinding:
    explanation, recommendation = explain(found.rule, act.language, found.evidence)
    return FactorFinding(
        factor=found.factor,
        rule=found.rule,
        unit_id=provision.unit.id,
        locator=provision.locator,
        start=found.start,
        end=found.end,
        text=text[found.start : found.end],
        explanation=explanation,
        recommendation=recommendation,
        advisory=FACTORS[found.factor].advisory,
        confidence=found.confidence,
        evidence=dict(found.evidence),
    )
