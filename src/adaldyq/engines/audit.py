"""The audit list: scored, ranked processes, each with the reasons for its place in words.

This module joins the pieces (population, composite scores, materiality queue) and writes the
sentences an auditor reads. The sentences are built only for the rows on the list, column-wise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.materiality import MATERIALITY, PROCURING_ENTITY, materiality_queue, top
from adaldyq.engines.population import KEY, POPULATION_COLUMNS, keys_table, load_population
from adaldyq.engines.procurement.registry import PROCUREMENT_RULES
from adaldyq.engines.procurement.rules import load_all
from adaldyq.engines.procurement.runner import ENGINE
from adaldyq.engines.scoring import Scores, rule_weights, score
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta
from adaldyq.settings import ScoringSettings
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import read_findings

AUDIT_COLUMNS = [
    "place",
    *POPULATION_COLUMNS,
    "score",
    "findings",
    "score_rank",
    "value_rank",
    MATERIALITY,
    "bucket",
    "top_risk",
    "risk_stage",
    "rules",
    "reasons",
    "why",
]


@dataclass(frozen=True)
class AuditList:
    """The rows of the list (in place order), their findings, and what they were ranked among."""

    rows: pd.DataFrame
    findings: pa.Table
    queue: pd.DataFrame
    scores: Scores
    rules: dict[str, RuleMeta]
    settings: ScoringSettings


def procurement_rules() -> dict[str, RuleMeta]:
    """Metadata of every registered procurement rule, by code."""
    load_all()
    return {code: meta for code, (meta, _) in PROCUREMENT_RULES.rules.items()}


def build_audit_list(
    findings: pa.Table,
    population: pd.DataFrame,
    scoring: ScoringSettings,
    suppliers: pd.DataFrame | None = None,
    top_n: int | None = None,
    rules: Mapping[str, RuleMeta] | None = None,
) -> AuditList:
    """Score, rank and select: the first `top_n` places, or the SASU top-risk queue if None."""
    catalogue = dict(procurement_rules() if rules is None else rules)
    scores = score(findings, population, rule_weights(scoring, catalogue.values()), suppliers)
    queue = materiality_queue(scores.processes, scoring)
    chosen = top(queue, top_n).copy()
    chosen = _with_reasons(chosen, _process_contributions(scores.contributions, chosen), catalogue)
    chosen["why"] = _why(chosen, len(queue), scoring)
    return AuditList(
        rows=chosen[AUDIT_COLUMNS].reset_index(drop=True),
        findings=_findings_of(findings, chosen),
        queue=queue,
        scores=scores,
        rules=catalogue,
        settings=scoring,
    )


def audit_workspace(
    workspace: Workspace,
    scoring: ScoringSettings,
    top_n: int | None = None,
    datasets: Sequence[str] | None = None,
) -> AuditList:
    """The audit list of a workspace: its canonical tables and the findings of its last analysis."""
    findings = read_findings(workspace, ENGINE)
    workspace.require_tables()
    if datasets is not None:
        findings = findings.filter(pc.field("dataset").isin(list(datasets)))
    population, suppliers = load_population(workspace, datasets)
    return build_audit_list(findings, population, scoring, suppliers, top_n)


def _process_contributions(contributions: pa.Table, rows: pd.DataFrame) -> pd.DataFrame:
    """The own-finding contributions of the listed processes, keyed by (dataset, ocid)."""
    own = contributions.filter(
        (pc.field("source") == "own") & (pc.field("subject_type") == SubjectType.PROCESS.value)
    ).rename_columns({"subject_id": "ocid"})
    wanted = keys_table(rows)
    listed: pd.DataFrame = own.join(wanted, keys=KEY, join_type="left semi").to_pandas()
    return listed


def _with_reasons(
    rows: pd.DataFrame, contributions: pd.DataFrame, rules: Mapping[str, RuleMeta]
) -> pd.DataFrame:
    """`rules` (codes, largest contribution first) and `reasons` (one clause per rule)."""
    c = contributions.sort_values(
        [*KEY, "contribution", "rule_code"], ascending=[True, True, False, True], kind="stable"
    )
    names = c["rule_code"].map({code: meta.name for code, meta in rules.items()})
    count = c["findings"].astype(str)
    c["clause"] = (
        c["rule_code"]
        + " "
        + names.fillna("")
        + ": "
        + c["explanation"].fillna("")
        + " (weight "
        + c["weight"].map(_number)
        + " x score "
        + c["score"].map(_number)
        + " = "
        + c["contribution"].map(_number)
        + (" from " + count + " findings").where(c["findings"] > 1, "")
        + ")"
    )
    words = c.groupby(KEY, as_index=False).agg(
        rules=("rule_code", ", ".join), reasons=("clause", "; ".join)
    )
    out = rows.merge(words, on=KEY, how="left")
    out["rules"] = out["rules"].fillna("")
    out["reasons"] = out["reasons"].fillna("No finding.")
    return out


def _why(rows: pd.DataFrame, total: int, scoring: ScoringSettings) -> pd.Series:
    """The place in words: rank, score, value, materiality, bucket and why it is (not) top risk."""
    if rows.empty:
        return pd.Series([], dtype=object)
    bounds = {
        "low": f"score below {_number(scoring.bucket_medium)}",
        "medium": f"score from {_number(scoring.bucket_medium)} to below "
        f"{_number(scoring.bucket_high)}",
        "high": f"score {_number(scoring.bucket_high)} or more",
    }
    bucket_share = rows["bucket"].map(scoring.top_share).fillna(0.0).map("{:.0%}".format)
    entity_share = rows["bucket"].map(scoring.entity_top_share).fillna(0.0).map("{:.0%}".format)
    entity = rows["procuring_entity_name"].fillna(rows["procuring_entity_id"])
    entity = entity.fillna(rows["buyer_name"]).fillna(rows["buyer_id"]).fillna("?")
    stage = pd.Series("Not in the top-risk queue.", index=rows.index)
    stage = stage.mask(
        rows["risk_stage"] == MATERIALITY,
        "Top risk: in the first " + bucket_share + " of the " + rows["bucket"] + " bucket by "
        "materiality.",
    )
    stage = stage.mask(
        rows["risk_stage"] == PROCURING_ENTITY,
        "Top risk: its procuring entity "
        + entity
        + " is in the first "
        + entity_share
        + " of entities of the "
        + rows["bucket"]
        + " bucket by summed materiality.",
    )
    value = (rows["value"].map(_money) + " " + rows["currency"].fillna("").astype(str)).str.strip()
    value_words = (
        "value " + value + " (value rank " + rows["value_rank"].map(_rank) + " within its currency)"
    ).where(rows["value"].notna(), "no value (value rank 0)")
    score_words = (
        "risk score "
        + rows["score"].map(_number)
        + " from "
        + rows["findings"].astype(str)
        + " finding(s) (score rank "
        + rows["score_rank"].map(_rank)
        + ")"
    )
    return (
        "Place " + rows["place"].map("{:,}".format) + f" of {total:,}: "
        + score_words.where(rows["score"] > 0, "no finding, ranked by value only")
        + "; " + value_words + "; materiality " + rows[MATERIALITY].map(_rank)
        + "; bucket " + rows["bucket"] + " (" + rows["bucket"].map(bounds) + "). " + stage
    )  # fmt: skip


def _findings_of(findings: pa.Table, rows: pd.DataFrame) -> pa.Table:
    """Every finding that names a listed process by its ocid, whatever its subject: the evidence."""
    wanted = keys_table(rows)
    kept = findings.join(wanted, keys=KEY, join_type="left semi")
    order = [(c, "ascending") for c in (*KEY, "rule_code", "subject_type", "subject_id")]
    return kept.sort_by(order)


def _number(x: float) -> str:
    return f"{x:.6g}"


def _rank(x: float) -> str:
    return f"{x:.3f}"


def _money(x: float) -> str:
    return "" if pd.isna(x) else f"{x:,.2f}"
