"""`adaldyq graph build` and `graph export` as users run them, on the real BODS and FtM examples."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.integrity_world import MASS, WorldSummary, generate_world
from tests.cli_run import adaldyq
from tests.conftest import SHARED_DATA

BODS = SHARED_DATA / "bods"
DONATIONS = SHARED_DATA / "ftm" / "donations.ijson"


def test_build_reads_bods_and_ftm_with_every_record_accounted_for(tmp_path: Path) -> None:
    """45 BODS statements in the seven examples and 474 FtM entities: 519 records."""
    workspace = tmp_path / "ws"
    done = adaldyq("graph", "build", BODS, DONATIONS, "-w", workspace)
    assert done.returncode == 0, done.stderr
    assert "read 519 = loaded 519 + rejected 0 records; 0 issues" in done.stdout
    tables = Workspace(workspace)
    nodes = pq.read_table(tables.partition_dir("nodes", "graph")).to_pylist()
    edges = pq.read_table(tables.partition_dir("edges", "graph")).to_pylist()
    assert f"{len(nodes)}  nodes" in done.stdout and f"{len(edges)}  edges" in done.stdout
    assert sum(e["schema"] == "Payment" for e in edges) == 290


def test_bad_records_are_counted_and_named(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    good = {"id": "p1", "schema": "Person", "properties": {"name": ["Иванов Иван"]}}
    alien = {"id": "v1", "schema": "Vessel", "properties": {"name": ["Aurora"]}}
    source.write_text(f"{json.dumps(good)}\n{json.dumps(alien)}\nnot json\n", encoding="utf-8")
    done = adaldyq("graph", "build", source, "-w", tmp_path / "ws", "--format", "ftm")
    assert done.returncode == 0, done.stderr
    assert "read 3 = loaded 1 + rejected 2 records" in done.stdout
    rejects = [json.loads(line) for line in (tmp_path / "ws" / "rejects-graph.jsonl").open()]
    assert [(r["line"], r["record"]) for r in rejects] == [(2, "v1"), (3, None)]


def test_export_writes_what_was_built_as_ftm(tmp_path: Path) -> None:
    workspace, output = tmp_path / "ws", tmp_path / "graph.ftm.jsonl"
    assert adaldyq("graph", "build", DONATIONS, "-w", workspace).returncode == 0
    done = adaldyq("graph", "export", output, "-w", workspace)
    assert done.returncode == 0, done.stderr
    entities = [json.loads(line) for line in output.open(encoding="utf-8")]
    assert f"{len(entities)} entities written" in done.stdout
    assert {e["id"] for e in entities} == {
        json.loads(line)["id"] for line in DONATIONS.open(encoding="utf-8")
    }


@pytest.fixture(scope="module")
def world_found(tmp_path_factory: pytest.TempPathFactory) -> tuple[WorldSummary, Path, str]:
    """The synthetic world (300 processes) through `graph findings`: OCDS and FtM given
    together, each sent to its importer."""
    root = tmp_path_factory.mktemp("world")
    world = generate_world(root / "world", 300, seed=3)
    done = adaldyq("graph", "findings", world.releases, world.graph, "-w", root / "ws")
    assert done.returncode == 0, done.stderr
    return world, root / "ws", done.stdout


def test_findings_import_then_find_with_paths_in_the_evidence(
    world_found: tuple[WorldSummary, Path, str],
) -> None:
    """The planted kinship is found with the path official -> spouse -> supplier; a second
    run without inputs reads the graph and procurement the workspace already holds."""
    world, workspace, printed = world_found
    kinship = next(row for row in read_truth(world) if row["pattern"] == "B01")
    releases = len(world.releases.read_bytes().splitlines())  # generated and planted
    assert f"procurement: read {releases} = loaded {releases} + rejected 0 records" in printed
    assert f"{MASS * 2}  B06" in printed and "not run  B02" in printed
    rows = pq.read_table(workspace / "findings.parquet").to_pylist()
    assert {r["engine"] for r in rows} == {"integrity"}
    b01 = [json.loads(r["evidence"]) for r in rows if r["rule_code"] == "B01"]
    # body -> official -> spouse -> supplier -> award
    assert kinship["path"] in [e["path"]["nodes"][1:4] for e in b01]
    again = adaldyq("graph", "findings", "-w", workspace)
    assert again.returncode == 0, again.stderr
    assert "read " not in again.stdout and f"{len(rows)} findings" in again.stdout


def test_counterparty_check_scores_the_kinship_supplier(
    world_found: tuple[WorldSummary, Path, str],
) -> None:
    """By BIN, as JSON: the B01 supplier loses 60 x the finding's score, and the signals add up
    to the score; by name, in words: a supplier nothing was planted on scores 100."""
    world, workspace, _ = world_found
    kinship = next(row for row in read_truth(world) if row["pattern"] == "B01")
    number = kinship["subjects"][0].removeprefix("kz-bin-")
    done = adaldyq("counterparty", "check", number, "-w", workspace, "--json")
    assert done.returncode == 0, done.stderr
    (match,) = json.loads(done.stdout)["matches"]
    assert (match["bin"], match["matched_on"]) == (number, "BIN")
    assert "B01" in {s["code"] for s in match["signals"]}
    assert match["score"] == 100 - sum(s["points"] for s in match["signals"]) < 100
    planted = {c for row in read_truth(world) for c in row["subjects"]}
    evidence = " ".join(
        r["evidence"] for r in pq.read_table(workspace / "findings.parquet").to_pylist()
    )
    nodes = pq.read_table(Workspace(workspace).partition_dir("nodes", "graph")).to_pylist()
    untouched = next(
        n for n in nodes
        if n["schema"] == "Company" and n["id"] not in planted and n["id"] not in evidence
        and n["id"].removeprefix("kz-bin-") not in evidence
    )  # fmt: skip
    done = adaldyq("counterparty", "check", untouched["name"], "-w", workspace)
    assert done.returncode == 0, done.stderr
    assert f"{untouched['name']} ({untouched['id']}, matched on name): score 100, no signals" in (
        done.stdout
    )


def read_truth(world: WorldSummary) -> list[dict[str, object]]:
    return [json.loads(line) for line in world.truth.open(encoding="utf-8")]
