"""The job: findings into `DIR/findings.parquet` as engine `integrity`, other engines' rows kept,
B11 combining a stored declarations flag with a B01 conflict; a finding's subgraph as networkx
and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from adaldyq.engines.integrity import find, finding_subgraph, subgraph_json
from adaldyq.errors import NotFound
from adaldyq.jobs.integrity import graph_findings_job
from adaldyq.model.findings import FINDING_SCHEMA, Finding, findings_table
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import FindingsWriter
from tests.engines.integrity.world import GRAPH, World, make_bin, settings_for

BUYER, SUPPLIER = make_bin("0501", 100), make_bin("1001", 200)
IIN = "850101300123"


def _world() -> World:
    world = World()
    world.body("akimat", BUYER)
    world.company("alpha", SUPPLIER)
    world.person("official", idNumber=IIN)
    world.person("son")
    world.tie("Employment", "official", "akimat", "2019-01-01")
    world.tie("Family", "son", "official", relationship="son")
    world.tie("Ownership", "son", "alpha", "2020-01-01")
    world.tender("ocds-1", BUYER, [SUPPLIER], SUPPLIER, award_day="2023-04-01")
    return world


def _declarations_finding(year: int) -> Finding:
    return Finding(
        run_id="d", dataset="decl", engine="declarations", rule_code="A01", rule_version="1",
        subject_type="person", subject_id=IIN, ocid=None, value=1.0, score=0.5,
        evidence={"year": year}, explanation="unexplained wealth",
    )  # fmt: skip


def _store_declarations(root: Path, year: int) -> None:
    writer = FindingsWriter(Workspace(root / "ws"), "declarations")
    writer.add(findings_table([_declarations_finding(year)]))
    writer.finish({"run_id": "d"})


def test_job_writes_integrity_rows_and_keeps_other_engines(tmp_path: Path) -> None:
    procurement = _world().write(tmp_path)
    _store_declarations(tmp_path, 2023)
    settings = settings_for(tmp_path, ["B01", "B11"])
    for _ in range(2):  # a second run replaces the first's rows
        summary = graph_findings_job(settings, GRAPH, procurement)
    table = pq.read_table(summary.findings_file)
    engines = sorted(table.column("engine").to_pylist())
    assert engines == ["declarations", "integrity", "integrity"]
    ours = table.filter(pc.field("engine") == "integrity").sort_by("rule_code").to_pylist()
    assert [r["rule_code"] for r in ours] == ["B01", "B11"]
    b11 = json.loads(ours[1]["evidence"])
    assert b11["declarations"][0]["person"] == "official"
    assert b11["path"]["nodes"] == ["akimat", "official", "son", "alpha", "ocds-1/1"]
    assert "declarations of 2023 were flagged: A01" in ours[1]["explanation"]
    run = json.loads((tmp_path / "ws" / "runs" / "integrity.json").read_text())
    assert run["counts"] == {"B01": 1, "B11": 1} and run["declarations_findings"] is True


def test_b11_needs_a_flag_of_the_award_year(tmp_path: Path) -> None:
    procurement = _world().write(tmp_path)
    _store_declarations(tmp_path, 2021)
    summary = graph_findings_job(settings_for(tmp_path, ["B11"]), GRAPH, procurement)
    assert summary.result.counts["B11"] == 0
    assert summary.result.not_run == {}


def test_b11_is_not_run_without_declarations_findings(tmp_path: Path) -> None:
    procurement = _world().write(tmp_path)
    summary = graph_findings_job(settings_for(tmp_path, ["B11"]), GRAPH, procurement)
    assert summary.result.not_run == {"B11": "not given: declarations findings"}


def test_subgraph_as_networkx_and_json(tmp_path: Path) -> None:
    procurement = _world().write(tmp_path)
    summary = graph_findings_job(settings_for(tmp_path, ["B01"]), GRAPH, procurement)
    [row] = pq.read_table(summary.findings_file).to_pylist()
    graph = finding_subgraph(row["evidence"])
    assert sorted(graph.nodes) == sorted(["akimat", "official", "son", "alpha", "ocds-1/1"])
    assert graph.nodes["ocds-1/1"]["schema"] == "Contract"
    assert {d["type"] for _, _, d in graph.edges(data=True)} == {
        "Employment", "Family", "Ownership", "ContractAward",
    }  # fmt: skip
    nodes = {"son": {"schema": "Person", "name": "Son Sonuly", "topics": []}}
    drawn = subgraph_json(row["evidence"], nodes)
    assert {"id": "son", "schema": "Person", "name": "Son Sonuly", "topics": []} in drawn["nodes"]
    employment = next(e for e in drawn["edges"] if e["type"] == "Employment")
    assert (employment["source"], employment["target"]) == ("official", "akimat")
    assert employment["start_day"] == "2019-01-01"
    assert json.loads(json.dumps(drawn)) == drawn


def test_find_returns_the_findings_as_an_arrow_table(tmp_path: Path) -> None:
    procurement = _world().write(tmp_path)
    settings = settings_for(tmp_path, ["B01", "B06"])
    with connect(settings) as backend:
        table = find(backend, Workspace(tmp_path / "ws"), settings, GRAPH, procurement)
    assert table.schema == FINDING_SCHEMA
    assert table.column("rule_code").to_pylist() == ["B01"]
    assert table.column("engine").to_pylist() == ["integrity"]


def test_a_missing_dataset_is_named(tmp_path: Path) -> None:
    procurement = _world().write(tmp_path)
    settings = settings_for(tmp_path, ["B01"])
    with pytest.raises(NotFound, match="no graph dataset 'people'; run `adaldyq graph build`"):
        graph_findings_job(settings, "people", procurement)
    with pytest.raises(NotFound, match="no procurement dataset 'other'"):
        graph_findings_job(settings, GRAPH, "other")
    with pytest.raises(NotFound, match="no declarations dataset 'decl'"):
        graph_findings_job(settings, GRAPH, procurement, "decl")
