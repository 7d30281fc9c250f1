"""The command as users run it: exit codes, one-line errors, the interface automated checks use."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from tests.cli_run import adaldyq
from tests.conftest import CARDINAL, REAL_OCDS


def test_analyze_writes_findings_and_prints_balanced_counts(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    done = adaldyq("analyze", str(REAL_OCDS / "armenia.jsonl"), "--workspace", str(workspace))
    assert done.returncode == 0, done.stderr
    assert "read 100 = loaded 100 + rejected 0 records" in done.stdout
    findings = pq.read_table(workspace / "findings.parquet")
    assert {"rule_code", "subject_type", "subject_id", "score", "evidence"} <= set(
        findings.column_names
    )
    assert findings.num_rows > 0
    assert (workspace / "rejects.jsonl").is_file()
    run = json.loads((workspace / "runs" / "procurement.json").read_text())
    assert run["datasets"]["armenia"]["processes"] == 100
    assert run["datasets"]["armenia"]["in_scope"] == 96  # 4 cancelled tenders


def test_ingest_from_stdin(tmp_path: Path) -> None:
    lines = '{"ocid": "a"}\n{"ocid": "b"}\nnot json\n'
    done = adaldyq("ingest", "-", "--workspace", str(tmp_path / "ws"), stdin=lines)
    assert done.returncode == 0, done.stderr
    assert "read 3 = loaded 2 + rejected 1 records" in done.stdout


def test_bad_input_is_one_line_and_non_zero(tmp_path: Path) -> None:
    not_json = tmp_path / "table.csv"
    not_json.write_text("a,b\n1,2\n")
    for args, code in [
        (("ingest", str(tmp_path / "missing.jsonl")), 2),
        (("ingest", str(not_json)), 2),
        (("analyze", "--workspace", str(tmp_path / "empty")), 5),
        (("analyze", str(CARDINAL / "indicators" / "R018.jsonl"), "--rules", "R999"), 3),
    ]:
        done = (
            adaldyq(*args, "--workspace", str(tmp_path / "ws"))
            if args[0] == "ingest"
            else (adaldyq(*args))
        )
        assert done.returncode == code, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("adaldyq: error: "), done.stderr
        assert "Traceback" not in done.stderr


def test_coverage_json_is_cardinals_object() -> None:
    import ocdscardinal

    source = REAL_OCDS / "moldova.jsonl"
    done = adaldyq("coverage", str(source), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ocdscardinal.coverage(str(source))


def test_audit_list_prints_the_top_n_with_reasons(tmp_path: Path) -> None:
    workspace = str(tmp_path / "ws")
    assert adaldyq("analyze", str(REAL_OCDS / "armenia.jsonl"), "-w", workspace).returncode == 0
    done = adaldyq("audit-list", "-w", workspace, "--top", "5", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [row["place"] for row in rows] == [1, 2, 3, 4, 5]
    assert all(row["reasons"] for row in rows)
    html = tmp_path / "top.html"
    done = adaldyq("audit-list", "-w", workspace, "--format", "html", "--output", str(html))
    assert done.returncode == 0 and html.read_text().startswith("<!doctype html>")
    refused = adaldyq("audit-list", "-w", workspace, "--format", "parquet")
    assert refused.returncode == 3 and "give --output" in refused.stderr
