"""Run a Cardinal fixture the way Cardinal's own tests do: settings from the file name.

`R003-threshold-10` → `[R003] threshold = 10`; `R003-procurement_methods-open+selective` →
`procurement_methods = open|selective`; `R003-procurement_method_details-x-5-y-10` →
`[R003.procurement_method_details] x = 5, y = 10`; a suffix that is not a setting is a label.
Every fixture also runs with `no_price_comparison_procurement_methods = NPC` and the exclusion
`procurement_method_details = EXC`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adaldyq.engines.procurement.cardinal_output import cardinal_results
from adaldyq.engines.procurement.runner import analyse
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.settings import load_settings
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace

LIST_SETTINGS = {"procurement_methods"}
TABLE_SETTINGS = {"procurement_method_details"}


def fixture_params(stem: str) -> tuple[str, dict[str, Any]]:
    """(rule code, parameters) encoded in a fixture's file name."""
    code, _, rest = stem.partition("-")
    if not rest:
        return code, {}
    for name in (
        *LIST_SETTINGS,
        *TABLE_SETTINGS,
        "threshold",
        "minimum_contracting_processes",
        "percentile",
        "digits",
        "minimum_submitted_bids",
    ):
        if rest.startswith(f"{name}-"):
            raw = rest.removeprefix(f"{name}-")
            if name in LIST_SETTINGS:
                return code, {name: raw.split("+")}
            if name in TABLE_SETTINGS:
                parts = raw.split("-")
                return code, {
                    name: {k: int(v) for k, v in zip(parts[::2], parts[1::2], strict=True)}
                }
            return code, {name: float(raw) if "." in raw else int(raw)}
    return code, {}  # a label, such as R038-tenderer


def run_fixture(path: Path, backend: Backend, root: Path, **procurement: Any) -> dict[str, Any]:
    """Cardinal-shaped results of one fixture file on one backend."""
    code, params = fixture_params(path.stem)
    return run_cardinal(
        path, backend, root, {code: params},
        no_price_comparison_procurement_methods=["NPC"],
        excluded_procurement_method_details=["EXC"],
        **procurement,
    )  # fmt: skip


def run_cardinal(
    path: Path, backend: Backend, root: Path, params: dict[str, dict[str, Any]], **procurement: Any
) -> dict[str, Any]:
    """Cardinal-shaped results of the rules in `params` (code → parameters) on one JSONL file."""
    settings = load_settings(
        workspace=root,
        procurement={"rules": sorted(params), "params": params, **procurement},
    )
    workspace = Workspace(root)
    OcdsIngest(workspace, dataset="fixture").run([str(path)])
    result = analyse(backend, workspace, settings, run_id="test")
    return cardinal_results(result.findings)
