"""Golden-test helper for rules that read CSV forms beside OCDS: plan lines, bid scores."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson

from adaldyq.engines.procurement.runner import analyse
from adaldyq.ingest.bid_scores import ingest_bid_scores
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.ingest.plans import ingest_plan_lines
from adaldyq.model.findings import Finding
from adaldyq.settings import load_settings
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Rows as a CSV file with the union of their keys as header, in first-seen order."""
    header = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_with_forms(
    backend: Backend,
    root: Path,
    releases: list[dict[str, Any]],
    code: str,
    params: dict[str, Any] | None = None,
    plans: list[dict[str, Any]] | None = None,
    scores: list[dict[str, Any]] | None = None,
) -> list[Finding]:
    """Ingest the releases, then the plan lines and bid scores given; rule `code`'s findings."""
    source = root / "input.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in releases))
    workspace = Workspace(root / "ws")
    OcdsIngest(workspace, dataset="test").run([str(source)])
    if plans:
        ingest_plan_lines(workspace, [write_csv(root / "plans.csv", plans)], "test")
    if scores:
        ingest_bid_scores(workspace, [write_csv(root / "scores.csv", scores)], "test")
    settings = load_settings(
        workspace=root / "ws", procurement={"rules": [code], "params": {code: params or {}}}
    )
    result = analyse(backend, workspace, settings, run_id="test")
    return sorted(result.findings, key=lambda f: (f.subject_type, f.subject_id))
