"""The audit list as files: CSV, Parquet and JSON for machines, a self-contained HTML page.

The three data formats hold the same flat table (`engines.audit.AUDIT_COLUMNS`): one row per
listed process, with its place and the reasons for it in words. The HTML page adds, per row, every
finding behind it (rule, explanation, value, score, evidence JSON) and the rule doc pages. It needs
no server and no network: CSS and JS are inline, and sorting and filtering run in the browser.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from adaldyq.engines.audit import AUDIT_COLUMNS, AuditList
from adaldyq.engines.population import keys_table
from adaldyq.errors import ConfigError
from adaldyq.reports.rendering import (
    default_docs_dir,
    pretty_json,
    records,
    render,
    rule_doc,
    table_bytes,
)

FORMATS = ("csv", "parquet", "json", "html")
HTML_LIMIT = 5_000  # rows on the page; a browser stays responsive, the data files hold them all


def write_audit_list(
    audit: AuditList,
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    stem: str = "audit-list",
    docs_dir: Path | None = None,
    html_limit: int = HTML_LIMIT,
) -> dict[str, Path]:
    """Write `stem.<format>` for each format into `out_dir`; the paths written, by format."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        path.write_bytes(render_audit_list(audit, fmt, docs_dir, html_limit, stem))
        written[fmt] = path
    return written


def render_audit_list(
    audit: AuditList,
    fmt: str,
    docs_dir: Path | None = None,
    html_limit: int = HTML_LIMIT,
    stem: str = "audit-list",
) -> bytes:
    """The list in one format, as bytes for a file or standard output."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown audit list format {fmt!r}; one of: {', '.join(FORMATS)}")
    if fmt == "html":
        return audit_html(audit, docs_dir, html_limit, stem).encode("utf-8")
    return table_bytes(audit_table(audit.rows), fmt)


def audit_table(rows: pd.DataFrame) -> pa.Table:
    """The flat list with fixed column types, so the three formats read back alike."""
    return pa.Table.from_pandas(rows[AUDIT_COLUMNS], schema=AUDIT_SCHEMA, preserve_index=False)


AUDIT_SCHEMA = pa.schema(
    [
        ("place", pa.int64()),
        ("dataset", pa.string()),
        ("ocid", pa.string()),
        ("title", pa.string()),
        ("buyer_id", pa.string()),
        ("buyer_name", pa.string()),
        ("procuring_entity_id", pa.string()),
        ("procuring_entity_name", pa.string()),
        ("value", pa.float64()),
        ("currency", pa.string()),
        ("value_source", pa.string()),
        ("score", pa.float64()),
        ("findings", pa.int64()),
        ("score_rank", pa.float64()),
        ("value_rank", pa.float64()),
        ("materiality", pa.float64()),
        ("bucket", pa.string()),
        ("top_risk", pa.bool_()),
        ("risk_stage", pa.string()),
        ("rules", pa.string()),
        ("reasons", pa.string()),
        ("why", pa.string()),
    ]
)


def audit_html(
    audit: AuditList,
    docs_dir: Path | None = None,
    limit: int = HTML_LIMIT,
    stem: str = "audit-list",
) -> str:
    """The self-contained HTML page of the list, each row expandable to its evidence."""
    docs = default_docs_dir() if docs_dir is None else docs_dir
    shown = audit.rows.head(limit)
    evidence = _evidence_by_process(audit, shown)
    rows = [
        {**row, "evidence": evidence.get((row["dataset"], row["ocid"]), [])}
        for row in records(shown)
    ]
    codes = sorted({f["rule_code"] for items in evidence.values() for f in items})
    rules = [
        rule_doc(code, audit.rules[code].name if code in audit.rules else code, docs)
        for code in codes
    ]
    return render(
        "audit_list.html.j2",
        rows=rows,
        total=len(audit.rows),
        population=len(audit.queue),
        rules=rules,
        settings=audit.settings,
        stem=stem,
    )


def _evidence_by_process(
    audit: AuditList, shown: pd.DataFrame
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every finding naming a shown process, with its rule name and pretty evidence."""
    wanted = keys_table(shown)
    kept = audit.findings.join(wanted, keys=["dataset", "ocid"], join_type="left semi")
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for finding in kept.sort_by([("rule_code", "ascending")]).to_pylist():
        key = (finding["dataset"], finding["ocid"])
        meta = audit.rules.get(finding["rule_code"])
        finding["rule_name"] = meta.name if meta else ""
        finding["evidence"] = pretty_json(finding["evidence"])
        out.setdefault(key, []).append(finding)
    return out
