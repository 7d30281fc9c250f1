"""The warning for a rule that flags an implausible share of a dataset, on real data."""

from __future__ import annotations

from pathlib import Path

from adaldyq.engines.procurement.runner import analyse
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.settings import load_settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from tests.conftest import REAL_OCDS


def _warnings(tmp_path: Path, share: float) -> list[str]:
    workspace = Workspace(tmp_path / f"ws-{share}")
    OcdsIngest(workspace).run([str(REAL_OCDS / "colombia.jsonl")])
    procurement = {"flag_share_warning": share}
    settings = load_settings(workspace=workspace.root, procurement=procurement)
    with connect(settings) as backend:
        return analyse(backend, workspace, settings, run_id="w").warnings


def test_warns_for_flag_rules_not_for_graded_cri(tmp_path: Path) -> None:
    warned = _warnings(tmp_path, 0.5)
    # R031 flags 18 of Colombia's 21 processes: awards at 98-100 % of the estimate in this sample
    assert warned == [
        "colombia: R031 flags 18 of 21 processes (86%), more than 50%: "
        "check the data before trusting this rule"
    ]
    assert not any("R031" in w for w in _warnings(tmp_path, 0.9))
