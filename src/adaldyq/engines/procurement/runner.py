"""Run the procurement rules over every dataset of a workspace and collect findings.

The runner, not the rules, adds what every finding shares: run id, dataset, rule code and version,
and the explanation (the rule's template filled with the finding's evidence). It also checks each
process-level rule for an implausible share of flagged processes: a data problem, not a finding
(cardinal-rs #39).
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.registry import PROCUREMENT_RULES, Flag
from adaldyq.engines.procurement.rules import load_all
from adaldyq.model.findings import Finding, SubjectType
from adaldyq.model.rules import RuleMeta
from adaldyq.settings import Settings
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace

ENGINE = "procurement"
OnRule = Callable[[str, str], None]
OnFindings = Callable[[list[Finding]], None]


@dataclass
class AnalysisResult:
    """Findings of one analysis, the parameters each rule used, and warnings for people.

    `findings` stays empty when they were handed to an `on_findings` callback instead; `counts`
    (findings per rule) is kept either way.
    """

    run_id: str
    findings: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    processes: dict[str, int] = field(default_factory=dict)  # in scope, per dataset
    excluded: dict[str, int] = field(default_factory=dict)  # by the global exclusions


def analyse(
    backend: Backend,
    workspace: Workspace,
    settings: Settings,
    run_id: str,
    datasets: list[str] | None = None,
    on_rule: OnRule | None = None,
    on_findings: OnFindings | None = None,
) -> AnalysisResult:
    """Every selected rule on every dataset (or those named), on the given backend.

    With `on_findings`, each rule's findings go to it as soon as the rule has run, and are not
    kept: memory then holds one rule's findings at a time, not a whole country's.
    """
    load_all()
    workspace.require_tables()
    result = AnalysisResult(run_id)
    selected = list(PROCUREMENT_RULES.select(settings.procurement.rules))
    for dataset in datasets or workspace.datasets():
        context = RuleContext(
            dataset=dataset,
            backend=backend,
            raw=backend.tables(workspace, dataset),
            settings=settings.procurement,
            profile=settings.profile,
        )
        total = _count(context, context.processes)
        result.processes[dataset] = total
        result.excluded[dataset] = _count(context, context.raw["processes"]) - total
        for meta, function in selected:
            if on_rule is not None:
                on_rule(dataset, meta.code)
            params = meta.parse_params(settings.procurement.params.get(meta.code, {}))
            output = function(context, params)
            result.meta.setdefault(dataset, {})[meta.code] = output.meta
            found = [_finding(run_id, dataset, meta, flag) for flag in output.flags]
            result.counts[meta.code] += len(found)
            if on_findings is None:
                result.findings.extend(found)
            else:
                on_findings(found)
            warning = _share_warning(dataset, meta, found, total, settings)
            if warning:
                result.warnings.append(warning)
    return result


def _count(context: RuleContext, table: ir.Table) -> int:
    return int(context.column(table.count().name("n").as_table().n)[0])


def _finding(run_id: str, dataset: str, meta: RuleMeta, flag: Flag) -> Finding:
    """A flag as a finding scored by the flag itself (the procurement rules score their own)."""
    return _as_finding(ENGINE, run_id, dataset, meta, flag, flag.score, flag.evidence)


def weighted_finding(
    engine: str, run_id: str, dataset: str, meta: RuleMeta, flag: Flag, digits: int = 6
) -> Finding:
    """A flag as a finding scored by its rule's weight (weight x the flag's own score, rounded,
    the weight kept in the evidence): how the declarations and integrity engines score."""
    score = round(meta.weight * flag.score, digits)
    evidence = {**flag.evidence, "weight": meta.weight}
    return _as_finding(engine, run_id, dataset, meta, flag, score, evidence)


def _as_finding(
    engine: str,
    run_id: str,
    dataset: str,
    meta: RuleMeta,
    flag: Flag,
    score: float,
    evidence: dict[str, Any],
) -> Finding:
    return Finding(
        run_id=run_id,
        dataset=dataset,
        engine=engine,
        rule_code=meta.code,
        rule_version=meta.version,
        subject_type=flag.subject_type,
        subject_id=flag.subject_id,
        ocid=flag.ocid,
        value=flag.value,
        score=score,
        evidence=evidence,
        explanation=explain(meta.explain, flag.evidence),
    )


def explain(template: str, evidence: dict[str, Any]) -> str:
    """The rule's sentence with the evidence filled in; missing keys shown as '?'."""
    values = {
        name: evidence.get(name, "?")
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }
    try:
        return template.format(**values)
    except (ValueError, TypeError):
        return template.format(**{k: str(v) for k, v in values.items()})


def _share_warning(
    dataset: str, meta: RuleMeta, found: list[Finding], total: int, settings: Settings
) -> str | None:
    """A warning when a rule flags more than the configured share of processes.

    The CRI family is left out: its values are graded risks (a non-open procedure is 0.5) that
    most processes of a dataset carry by design, so a large share says nothing about the data.
    """
    if meta.family == "cri":
        return None
    flagged = {f.subject_id for f in found if f.subject_type == SubjectType.PROCESS}
    limit = settings.procurement.flag_share_warning
    if total >= 20 and len(flagged) / total > limit:
        share = len(flagged) / total
        return (
            f"{dataset}: {meta.code} flags {len(flagged)} of {total} processes ({share:.0%}), "
            f"more than {limit:.0%}: check the data before trusting this rule"
        )
    return None
