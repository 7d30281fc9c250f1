"""The synthetic integrity world (`synthetic/integrity_world.py`) tied to synthetic procurement:
every planted pattern is found with its path, no near miss is, and the clean world gives no
finding of any graph pattern (B08 reads the procurement market alone and is left out)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from adaldyq.engines.integrity.runner import IntegrityResult, run_patterns
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.jobs.graph import import_graph
from adaldyq.model.findings import Finding
from adaldyq.store.backend import Backend
from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.integrity_world import MASS, generate_world
from tests.engines.integrity.world import settings_for

PROCESSES = 300
GRAPH_RULES = ["B01", "B03", "B04", "B05", "B06", "B07", "B09", "B10"]
PARAMS = {"B06": {"mass_address": MASS, "mass_director": MASS}}
pytestmark = pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)


def _run(root: Path, backend: Backend, planted: bool) -> tuple[IntegrityResult, list[Any]]:
    world = generate_world(root / "world", PROCESSES, seed=3, planted=planted)
    workspace = Workspace(root / "ws")
    import_graph(workspace, [str(world.graph)], "graph")
    OcdsIngest(workspace, dataset="tenders").run([str(world.releases)])
    settings = settings_for(root, GRAPH_RULES, PARAMS)
    result = run_patterns(backend, workspace, settings, "test", "graph", "tenders")
    truth = [orjson.loads(line) for line in world.truth.read_bytes().splitlines()]
    return result, truth


def _in_order(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(node in rest for node in part)


def _by(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.rule_code == code]


def test_clean_world_gives_no_finding(tmp_path: Path, backend: Backend) -> None:
    result, truth = _run(tmp_path, backend, planted=False)
    assert truth == []
    assert result.findings == []
    assert result.unmatched == {}


def test_planted_patterns_are_found_with_their_paths(tmp_path: Path, backend: Backend) -> None:
    result, truth = _run(tmp_path, backend, planted=True)
    findings = result.findings
    planted = {row["pattern"]: row for row in truth}
    # B01: the spouse's company, at the planted award, path official -> spouse -> company
    b01 = _by(findings, "B01")
    row = planted["B01"]
    assert {f.evidence["supplier_node"] for f in b01} == set(row["subjects"])
    example = next(f for f in b01 if f.subject_id == row["ocid"])
    assert _in_order(row["path"], example.evidence["path"]["nodes"])
    assert example.evidence["path"]["edge_types"][:3] == ["Employment", "Family", "Ownership"]
    assert example.evidence["path"]["edges"][0]["role"] == "tender committee"
    # B04: the shared director and the shared phone, not the two gmail mailboxes
    pairs = {(f.subject_id, f.evidence["path"]["nodes"][0], f.evidence["path"]["nodes"][-1])
             for f in _by(findings, "B04")}  # fmt: skip
    expected = set()
    for pattern in ("B04-director", "B04-phone"):
        first, second = planted[pattern]["subjects"]
        expected.add((planted[pattern]["ocid"], first, second))
    assert expected <= pairs
    director = next(
        f for f in _by(findings, "B04") if f.subject_id == planted["B04-director"]["ocid"]
    )
    assert director.evidence["path"]["nodes"] == planted["B04-director"]["path"]
    flagged = {node for _, a, b in pairs for node in (a, b)}
    assert flagged == set(planted["B04-director"]["subjects"]) | set(
        planted["B04-phone"]["subjects"]
    )
    # B05: only the fresh company
    assert {f.evidence["path"]["nodes"][0] for f in _by(findings, "B05")} == set(
        planted["B05"]["subjects"]
    )
    # B06: the mass address's and the nominee's companies, nothing else
    b06 = _by(findings, "B06")
    shells = set(planted["B06-address"]["subjects"]) | set(planted["B06-director"]["subjects"])
    assert {f.subject_id for f in b06} == shells
    nominee = planted["B06-director"]["path"][0]
    assert {f.evidence["path"]["nodes"][0] for f in b06 if "directed by" in f.evidence["sign"]} == {
        nominee
    }
    # no other pattern fires in this world
    assert {f.rule_code for f in findings} == {"B01", "B04", "B05", "B06"}
