"""Findings written rule by rule: the file appears whole at the end, or not at all; one store for
every engine, each run replacing only its own engine's rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from adaldyq.errors import NotFound
from adaldyq.model.findings import Finding, SubjectType, findings_table
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import FindingsWriter, read_findings, read_run


def _found(
    code: str, subjects: list[str], dataset: str = "d", engine: str = "procurement"
) -> list[Finding]:
    return [
        Finding(
            run_id="r", dataset=dataset, engine=engine, rule_code=code, rule_version="1",
            subject_type=SubjectType.PROCESS, subject_id=s, ocid=s, value=1.0, score=1.0,
            evidence={"n": 1}, explanation="x",
        )
        for s in subjects
    ]  # fmt: skip


def test_batches_become_one_file_with_its_run(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    writer = FindingsWriter(workspace, "procurement")
    for batch in (_found("R1", ["a", "b"]), [], _found("R2", ["c"])):
        writer.add(findings_table(batch))
    with pytest.raises(NotFound):
        read_findings(workspace, "procurement")  # nothing visible before finish
    writer.finish({"run_id": "r"})
    table = read_findings(workspace, "procurement")
    assert table.column("rule_code").to_pylist() == ["R1", "R1", "R2"]
    assert table.column("subject_id").to_pylist() == ["a", "b", "c"]
    assert read_run(workspace, "procurement") == {"run_id": "r"}


def test_an_abandoned_run_keeps_the_previous_findings(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    first = FindingsWriter(workspace, "procurement")
    first.add(findings_table(_found("R1", ["a"])))
    first.finish({"run_id": "first"})
    failed = FindingsWriter(workspace, "procurement")
    failed.add(findings_table(_found("R2", ["b", "c"])))
    failed.abandon()
    assert read_findings(workspace, "procurement").column("subject_id").to_pylist() == ["a"]
    assert read_run(workspace, "procurement") == {"run_id": "first"}
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.*")) == [
        "findings.parquet",
        "runs/procurement.json",
    ]


def test_a_run_without_findings_writes_an_empty_file(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    unused = FindingsWriter(workspace, "procurement")
    unused.abandon()
    assert list(tmp_path.iterdir()) == [workspace.tables_dir]
    writer = FindingsWriter(workspace, "procurement")
    writer.finish({"run_id": "none"})
    assert read_findings(workspace, "procurement").num_rows == 0


def test_engines_replace_only_their_own_rows(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    procurement = FindingsWriter(workspace, "procurement")
    procurement.add(findings_table(_found("R1", ["a"])))
    procurement.finish({"run_id": "p"})
    drafts = FindingsWriter(workspace, "legal_drafts")
    drafts.add(findings_table(_found("F02", ["act.txt#art_1"], engine="legal_drafts")))
    drafts.finish({"run_id": "d"})
    again = FindingsWriter(workspace, "procurement")
    again.add(findings_table(_found("R1", ["a"])))
    again.finish({"run_id": "p"})
    assert sorted(pq.read_table(workspace.findings)["engine"].to_pylist()) == [
        "legal_drafts",
        "procurement",
    ]
    assert read_findings(workspace, "procurement").column("rule_code").to_pylist() == ["R1"]
    assert read_findings(workspace, "legal_drafts").column("rule_code").to_pylist() == ["F02"]
    assert read_run(workspace, "procurement") == {"run_id": "p"}
    with pytest.raises(NotFound, match="no declarations findings"):
        read_findings(workspace, "declarations")


def test_replacing_datasets_keeps_the_other_datasets_rows(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path).create()
    first = FindingsWriter(workspace, "legal_drafts", replaces=["a.txt", "b.txt"])
    first.add(
        findings_table(
            _found("F01", ["a1", "a2"], "a.txt", "legal_drafts")
            + _found("F02", ["b1"], "b.txt", "legal_drafts")
        )
    )
    first.finish({"run_id": "1"})
    again = FindingsWriter(workspace, "legal_drafts", replaces=["a.txt", "c.txt"])
    again.add(findings_table(_found("F04", ["c1"], "c.txt", "legal_drafts")))  # a.txt: none now
    again.finish({"run_id": "2"})
    table = read_findings(workspace, "legal_drafts")
    assert sorted(
        zip(table["dataset"].to_pylist(), table["subject_id"].to_pylist(), strict=True)
    ) == [
        ("b.txt", "b1"),
        ("c.txt", "c1"),
    ]
