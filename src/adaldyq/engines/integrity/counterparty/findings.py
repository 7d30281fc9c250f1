"""Signals read from the stored integrity findings (B01-B11) that involve the company.

A finding involves the company when its subject is the company (node id or procurement org id)
or one of its paths passes through it: a B04 link names both bidders, a B01 path the owning
company and the supplier. It counts as of a day only when everything it rests on had happened
by then: its award day, and the first day of every tie on its path.

Findings of one rule on one fact (B05 at several awards of one fresh company, B04 at several
tenders) make one signal, at the highest finding score: points = `finding_points` (or the
rule's entry in `finding_points_by_rule`) x that score. The facts B06, B09, B10 and B05 rest on
are named as the graph facts name them (`facts.py`), so a stored finding and today's graph fact
about one thing count once.

A finding id is `RULE:subject:digest`, the digest the first 12 hex digits of SHA-1 over the
stored evidence JSON: the findings table has no id column, and this one is the same on every
read of the same run.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.integrity.counterparty.signals import DIGITS, Signal
from adaldyq.engines.integrity.subgraph import evidence_paths
from adaldyq.settings import CounterpartySettings

LISTING_RULES = {"B09": "pep", "B10": "listed"}
"""Rules whose fact is the listed node they found (named as `facts.py` names it)."""


def finding_id(row: dict[str, Any]) -> str:
    digest = hashlib.sha1(row["evidence"].encode("utf-8")).hexdigest()[:12]
    return f"{row['rule_code']}:{row['subject_id']}:{digest}"


def involving(findings: pa.Table, ids: Collection[str]) -> list[dict[str, Any]]:
    """Rows whose subject is one of `ids` or whose evidence names one (a cheap text filter
    first, then each row's paths checked exactly)."""
    wanted = sorted(ids)
    mask = pc.is_in(findings["subject_id"], pa.array(wanted))
    for key in wanted:
        mask = pc.or_(
            mask, pc.match_substring(findings["evidence"], json.dumps(key, ensure_ascii=False))
        )
    rows = []
    for row in findings.filter(mask).to_pylist():
        row["parsed"] = json.loads(row["evidence"])
        on_path = any(set(p["nodes"]) & set(wanted) for p in evidence_paths(row["parsed"]))
        if row["subject_id"] in wanted or on_path:
            rows.append(row)
    return rows


def _happened_by(parsed: dict[str, Any], day: date) -> bool:
    """Whether the award day and every tie's first day are on or before `day`."""
    days = [parsed.get("day")]
    days += [edge.get("start_day") for p in evidence_paths(parsed) for edge in p["edges"]]
    return all(date.fromisoformat(d) <= day for d in days if d)


def _fact(row: dict[str, Any], company: str) -> str:
    """What the finding rests on, in the graph facts' names where they have one."""
    code: str = row["rule_code"]
    parsed = row["parsed"]
    if code in LISTING_RULES and "listed" in parsed:  # B09's share jumps name no listed node
        return f"{LISTING_RULES[code]}:{parsed['listed']}"
    if code == "B05":
        return f"fresh:{company}"
    if code == "B06":
        nodes: list[str] = parsed["path"]["nodes"]
        return nodes[-1] if nodes[-1].startswith("address:") else f"director:{nodes[0]}"
    return code


def finding_signals(
    findings: pa.Table, company: str, ids: Collection[str], day: date,
    points: CounterpartySettings,
) -> list[Signal]:  # fmt: skip
    """One signal per rule and fact from the findings involving the company by `day`."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in involving(findings, ids):
        if _happened_by(row["parsed"], day):
            groups[(row["rule_code"], _fact(row, company))].append(row)
    signals = []
    for (code, fact), rows in sorted(groups.items()):
        rows.sort(key=lambda r: (-r["score"], finding_id(r)))
        best = rows[0]
        scale = points.finding_points_by_rule.get(code, points.finding_points)
        more = f" (and {len(rows) - 1} more finding(s))" if len(rows) > 1 else ""
        reason = f"{code} finding, score {best['score']}: {best['explanation']}{more}"
        paths = [p for row in rows for p in evidence_paths(row["parsed"])]
        evidence = {
            "findings": [finding_id(row) for row in rows],
            "nodes": list(dict.fromkeys(n for p in paths for n in p["nodes"])),
            "edges": list(dict.fromkeys(e["id"] for p in paths for e in p["edges"])),
        }
        signals.append(Signal(code, round(scale * best["score"], DIGITS), reason, fact, evidence))
    return signals
