"""The dataset summary page (`report.html`): what was analysed, what the rules found, who ranks top.

It is the page a reader opens first: process counts per dataset, findings per rule with the share
of processes each flags (a rule that flags an implausible share points at the data, not at
corruption, so it is highlighted and the analysis warnings are repeated), the buckets of the
materiality queue, the organisations with the highest composite scores, and links to the audit
list files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.audit import AuditList
from adaldyq.engines.population import keys_table
from adaldyq.model.findings import SubjectType
from adaldyq.reports.rendering import records, render

TOP_ENTITIES = 20
AUDIT_LINKS = {
    "Audit list (HTML)": "audit-list.html",
    "CSV": "audit-list.csv",
    "JSON": "audit-list.json",
    "Parquet": "audit-list.parquet",
}
ENTITY_TITLES = {
    SubjectType.BUYER.value: "Top buyers",
    SubjectType.PROCURING_ENTITY.value: "Top procuring entities",
    SubjectType.SUPPLIER.value: "Top suppliers",
}


def write_report(
    path: Path,
    audit: AuditList,
    findings: pa.Table,
    warnings: Sequence[str] = (),
    links: Mapping[str, str] | None = None,
    share_warning: float = 0.5,
    title: str = "Procurement risk: dataset summary",
) -> Path:
    """Write the summary page to `path`. `findings` is the whole findings table of the run.

    `warnings` are those of the analysis (`runner.AnalysisResult.warnings`); `links` maps a label
    to an href, relative to the page (the audit list files by default).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    page = render(
        "report.html.j2",
        title=title,
        datasets=_datasets(audit.queue),
        buckets=_buckets(audit.queue),
        rules=_rules(findings, audit, share_warning),
        share_warning=share_warning,
        warnings=list(warnings),
        entities=_entities(audit),
        links=dict(AUDIT_LINKS if links is None else links),
        listed=len(audit.rows),
        findings_total=findings.num_rows,
    )
    path.write_text(page, encoding="utf-8")
    return path


def _datasets(queue: pd.DataFrame) -> list[dict[str, Any]]:
    grouped = queue.groupby("dataset").agg(
        processes=("ocid", "size"),
        flagged=("score", lambda s: int((s > 0).sum())),
        top_risk=("top_risk", "sum"),
    )
    return records(grouped.reset_index())


def _buckets(queue: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for bucket in ("high", "medium", "low"):
        part = queue[queue["bucket"] == bucket]
        out.append(
            {"bucket": bucket, "processes": len(part), "top_risk": int(part["top_risk"].sum())}
        )
    return out


def _rules(findings: pa.Table, audit: AuditList, share_warning: float) -> list[dict[str, Any]]:
    """Per rule: findings, subjects, processes flagged and their share of the population."""
    if findings.num_rows == 0:
        return []
    by_rule = findings.group_by("rule_code").aggregate(
        [("subject_id", "count"), ("subject_id", "count_distinct")]
    )
    process = findings.filter(pc.field("subject_type") == SubjectType.PROCESS.value)
    keyed = process.append_column(
        "key", pc.binary_join_element_wise(process["dataset"], process["subject_id"], "\x1f")
    )
    counted = keyed.group_by("rule_code").aggregate([("key", "count_distinct")]).to_pydict()
    flagged = dict(zip(counted["rule_code"], counted["key_count_distinct"], strict=True))
    population = max(len(audit.queue), 1)
    rows = []
    for rule in by_rule.to_pylist():
        code = rule["rule_code"]
        share = flagged.get(code, 0) / population
        meta = audit.rules.get(code)
        rows.append(
            {
                "code": code,
                "name": meta.name if meta else "",
                "findings": rule["subject_id_count"],
                "subjects": rule["subject_id_count_distinct"],
                "processes": flagged.get(code, 0),
                "share": share,
                "implausible": share > share_warning,
                "weight": audit.settings.weights.get(code, meta.weight if meta else 1.0),
            }
        )
    return sorted(rows, key=lambda r: (-r["findings"], r["code"]))


def _entities(audit: AuditList) -> list[dict[str, Any]]:
    """The top organisations of each level, with the rules that weigh most in their score."""
    entities = audit.scores.entities
    top = entities[(entities["place"] <= TOP_ENTITIES) & (entities["score"] > 0)]
    c = audit.scores.contributions
    keys = ["subject_type", "dataset", "subject_id"]
    wanted = keys_table(top, keys)
    parts = c.join(wanted, keys=keys, join_type="left semi").to_pandas()
    per_rule = parts.groupby([*keys, "rule_code"], as_index=False)["contribution"].sum()
    per_rule = per_rule.sort_values([*keys, "contribution"], ascending=[True, True, True, False])
    main = per_rule.groupby(keys)["rule_code"].agg(lambda codes: ", ".join(codes.head(3)))
    out = []
    for subject_type, title in ENTITY_TITLES.items():
        rows = records(top[top["subject_type"] == subject_type])
        for row in rows:
            row["rules"] = main.get((subject_type, row["dataset"], row["subject_id"]), "")
        out.append({"title": title, "rows": rows})
    return out
