"""A JSON Lines file read in parallel chunks gives exactly what one pass gives.

The file is the real samples one after another, with planted trouble that crosses the cuts:
copies of an ocid in another chunk (the first copy must win), releases of one ocid to merge
from several chunks, a line that is not JSON and one that is not an object.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from adaldyq.ingest.ocds import OCDS_TABLES, OcdsIngest
from adaldyq.store.catalog import Workspace
from tests.conftest import REAL_OCDS


def _mixed_lines() -> list[str]:
    lines = [
        line.strip()
        for file in sorted(REAL_OCDS.glob("*.jsonl"))
        for line in file.open(encoding="utf-8")
        if line.strip()
    ]
    first, middle = json.loads(lines[0]), json.loads(lines[len(lines) // 2])
    release = {"ocid": "merge-me", "id": "1", "date": "2020-01-01T00:00:00Z", "tag": ["tender"]}
    later = {**release, "id": "2", "date": "2020-02-01T00:00:00Z", "tender": {"title": "Later"}}
    planted = [
        (5, json.dumps(release)),
        (len(lines) // 3, "{not json"),
        (len(lines) // 2 + 7, json.dumps(first)),  # copy of the first line, in a later chunk
        (len(lines) - 3, json.dumps(middle)),
        (len(lines) - 2, "[1, 2]"),
        (len(lines) - 1, json.dumps(later)),
    ]
    for offset, (index, line) in enumerate(planted):
        lines.insert(index + offset, line)
    return lines


def _outcome(workspace: Workspace, report: dict[str, Any]) -> dict[str, Any]:
    tables = {
        (table, dataset): sorted(
            pq.read_table(workspace.partition_dir(table, dataset)).to_pylist(),
            key=lambda row: json.dumps(row, sort_keys=True, default=str),
        )
        for dataset in workspace.datasets()
        for table in OCDS_TABLES
    }
    return {
        "tables": tables,
        "rejects": workspace.rejects_jsonl.read_text(encoding="utf-8"),
        "issues": workspace.issues_jsonl.read_text(encoding="utf-8"),
        "report": report,
    }


def test_chunks_give_the_single_pass_outcome(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(_mixed_lines()) + "\n", encoding="utf-8")

    outcomes = []
    for workers in (1, 3):
        workspace = Workspace(tmp_path / f"ws-{workers}")
        ingest = OcdsIngest(workspace, dataset="d", workers=workers, split_bytes=1)
        report = ingest.run([str(source)])
        assert report.balanced
        outcomes.append(_outcome(workspace, report.as_dict()))
        parts = {p.name for p in workspace.partition_dir("processes", "d").glob("*.parquet")}
        assert len(parts) == (2 if workers == 1 else 4)  # one per chunk, and the merged part
        assert not list(workspace.root.glob(".ingest-journal-*"))

    single, parallel = outcomes
    assert parallel == single
    counts = single["report"]
    assert (counts["read"], counts["rejected"]) == (616, 4)
    assert counts["loaded"] == 612  # 610 samples and the two merged releases
    rejects = [json.loads(line) for line in single["rejects"].splitlines()]
    assert sum("duplicate ocid" in r["reason"] for r in rejects) == 2
