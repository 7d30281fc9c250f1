"""Golden-test helper: a few inline compiled releases in, one rule's findings out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from adaldyq.engines.procurement.runner import AnalysisResult, analyse
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.model.findings import Finding
from adaldyq.settings import load_settings
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace


def run_rule_result(
    backend: Backend,
    root: Path,
    releases: list[dict[str, Any]],
    code: str,
    params: dict[str, Any] | None = None,
    **procurement: Any,
) -> AnalysisResult:
    """Ingest `releases` as one dataset and run only rule `code`; the whole result."""
    source = root / "input.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in releases) + b"\n")
    settings = load_settings(
        workspace=root / "ws",
        procurement={"rules": [code], "params": {code: params or {}}, **procurement},
    )
    workspace = Workspace(root / "ws")
    OcdsIngest(workspace, dataset="test").run([str(source)])
    return analyse(backend, workspace, settings, run_id="test")


def run_rule(
    backend: Backend,
    root: Path,
    releases: list[dict[str, Any]],
    code: str,
    params: dict[str, Any] | None = None,
    **procurement: Any,
) -> list[Finding]:
    """The findings of rule `code` on `releases`, sorted by subject for stable comparison."""
    result = run_rule_result(backend, root, releases, code, params, **procurement)
    return sorted(result.findings, key=lambda f: (f.subject_type, f.subject_id))
