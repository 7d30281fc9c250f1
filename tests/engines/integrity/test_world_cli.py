"""The planted synthetic world end to end as a user runs it: `adaldyq declarations screen` on the
officials' declarations, then `adaldyq graph findings` on the releases, the graph and the
company facts with the declarations dataset. Every rule B01-B11 flags exactly its planted
companies, with paths."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

from adaldyq.synthetic.integrity_world import generate_world
from tests.cli_run import adaldyq
from tests.engines.integrity.truth import companies_of, expected_companies

RULES = [f"B{n:02d}" for n in range(1, 12)]


def test_graph_findings_finds_every_plant(tmp_path: Path) -> None:
    world = generate_world(tmp_path / "world", 300, seed=3)
    workspace = tmp_path / "ws"
    screened = adaldyq("declarations", "screen", world.declarations, "--format", "canonical",
                       "--dataset", "declared", "--outputs", "json", "-w", workspace)  # fmt: skip
    assert screened.returncode == 0, screened.stderr
    done = adaldyq("graph", "findings", world.releases, world.graph, world.facts, "-w", workspace,
                   "--declarations-dataset", "declared")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "not run" not in done.stdout
    rows = pq.read_table(workspace / "findings.parquet").to_pylist()
    flagged: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["engine"] == "integrity":
            evidence = json.loads(row["evidence"])
            assert evidence["path"]["nodes"] and evidence["path"]["edge_types"]
            flagged[row["rule_code"]] |= companies_of(row["rule_code"], row["subject_id"], evidence)
    truth = [json.loads(line) for line in world.truth.read_bytes().splitlines()]
    expected = expected_companies(truth)
    assert {code: flagged[code] for code in RULES} == {code: expected[code] for code in RULES}
