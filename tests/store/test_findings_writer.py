"""Findings written rule by rule: the file appears whole at the end, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.errors import NotFound
from adaldyq.model.findings import Finding, SubjectType, findings_table
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import FindingsWriter, read_findings, read_run


def _found(code: str, subjects: list[str]) -> list[Finding]:
    return [
        Finding(
            run_id="r", dataset="d", engine="procurement", rule_code=code, rule_version="1",
            subject_type=SubjectType.PROCESS, subject_id=s, ocid=s, value=1.0, score=1.0,
            evidence={"n": 1}, explanation="x",
        )
        for s in subjects
    ]  # fmt: skip


def test_batches_become_one_file_with_its_run(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    writer = FindingsWriter(workspace)
    for batch in (_found("R1", ["a", "b"]), [], _found("R2", ["c"])):
        writer.add(findings_table(batch))
    with pytest.raises(NotFound):
        read_findings(workspace)  # nothing visible before finish
    writer.finish({"run_id": "r"})
    table = read_findings(workspace)
    assert table.column("rule_code").to_pylist() == ["R1", "R1", "R2"]
    assert table.column("subject_id").to_pylist() == ["a", "b", "c"]
    assert read_run(workspace) == {"run_id": "r"}


def test_an_abandoned_run_keeps_the_previous_findings(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    first = FindingsWriter(workspace)
    first.add(findings_table(_found("R1", ["a"])))
    first.finish({"run_id": "first"})
    failed = FindingsWriter(workspace)
    failed.add(findings_table(_found("R2", ["b", "c"])))
    failed.abandon()
    assert read_findings(workspace).column("subject_id").to_pylist() == ["a"]
    assert read_run(workspace) == {"run_id": "first"}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("findings")) == [
        "findings.parquet"
    ]


def test_a_run_without_findings_writes_an_empty_file(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    unused = FindingsWriter(workspace)
    unused.abandon()
    assert list(tmp_path.iterdir()) == [workspace.tables_dir]
    writer = FindingsWriter(workspace)
    writer.finish({"run_id": "none"})
    assert read_findings(workspace).num_rows == 0
