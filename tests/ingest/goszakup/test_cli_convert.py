"""`adaldyq convert goszakup RAW_DIR OUT.jsonl`, then `adaldyq analyze OUT.jsonl`, as a user runs
them: the output is ordinary OCDS, and the procurement rules find what the fixtures plant."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from adaldyq.ingest.bid_scores import ingest_bid_scores
from adaldyq.ingest.goszakup.ledger import ConvertReport
from adaldyq.jobs.procurement import analyze_job, ingest_job
from adaldyq.settings import load_settings
from adaldyq.store.catalog import Workspace
from tests.cli_run import adaldyq
from tests.ingest.goszakup.conftest import RAW

PLANTED = {
    # works contract signed on 27 December 2024 (Almaty), 4 days before the year end: score 1.0
    ("YE01", "ocds-kzgz00-gz-9001"),
    # direct single-source services contract without announcement, signed on 24 December
    ("YE01", "ocds-kzgz00-gzc-7004"),
    # the school repair contract with three additional agreements
    ("R064", "ocds-kzgz00-gz-9001"),
    # one bid in a request for quotations (an open method)
    ("R018", "ocds-kzgz00-gz-9003"),
    # the winner registered on 14 May 2024, 216 days before the results
    ("NS01", "ocds-kzgz00-gz-9001"),
    # a contract without a call for tenders, by a direct method
    ("CRI-NC", "ocds-kzgz00-gzc-7004"),
    ("CRI-PT", "ocds-kzgz00-gzc-7004"),
    # the lowest bid (on the failed lot) was rejected
    ("R036", "ocds-kzgz00-gz-9001"),
}


def test_convert_then_analyze_finds_what_the_fixtures_plant(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    done = adaldyq("convert", "goszakup", RAW, output)
    assert done.returncode == 0, done.stderr
    assert "contract        read 9 = converted 8 + rejected 1" in done.stdout
    assert "plans           read 8 = converted 6 + rejected 1 + unused 1" in done.stdout
    assert f"rejects: {output.with_name('out.rejects.jsonl')}" in done.stdout
    assert len(output.read_text(encoding="utf-8").splitlines()) == 5

    workspace = tmp_path / "ws"
    done = adaldyq("analyze", output, "--workspace", workspace)
    assert done.returncode == 0, done.stderr
    findings = pq.read_table(workspace / "findings.parquet").to_pylist()
    found = {(f["rule_code"], f["subject_id"]) for f in findings}
    assert found >= PLANTED
    year_end = {f["subject_id"]: f for f in findings if f["rule_code"] == "YE01"}
    assert set(year_end) == {"ocds-kzgz00-gz-9001", "ocds-kzgz00-gzc-7004"}
    assert year_end["ocds-kzgz00-gz-9001"]["score"] == 1.0  # works
    assert year_end["ocds-kzgz00-gzc-7004"]["score"] == 0.5
    evidence = json.loads(year_end["ocds-kzgz00-gz-9001"]["evidence"])
    assert evidence["days_before_year_end"] == 4
    single_bid = {f["subject_id"] for f in findings if f["rule_code"] == "R018"}
    assert single_bid == {"ocds-kzgz00-gz-9003"}


def test_a_missing_folder_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    done = adaldyq("convert", "goszakup", tmp_path / "nope", tmp_path / "out.jsonl")
    assert done.returncode == 2
    assert "not a folder of goszakup entity files" in done.stderr


def test_the_rating_point_discounts_let_rp01_recompute_the_winner(
    converted: tuple[ConvertReport, dict[str, Any]], tmp_path: Path
) -> None:
    report, _ = converted
    assert report.bid_scores is not None
    assert report.bid_score_lines == 4  # two admitted bids in each rating-point tender
    settings = load_settings(workspace=tmp_path / "ws")
    ingest_job(settings, [str(report.output)], dataset="gz")
    ingest_bid_scores(Workspace(settings.workspace), [report.bid_scores], "gz")
    only_rp01 = settings.procurement.model_copy(update={"rules": ["RP01"]})
    summary = analyze_job(settings.model_copy(update={"procurement": only_rp01}), [])
    findings = pq.read_table(summary.findings_file).to_pylist()
    # 9004: the award went to Алатау Строй (58.0m less 2 % = 56.84m) while Дала Трейд's
    # conditional price was lower (57.5m less 3.5 % = 55.49m); 9002 went to the lowest.
    assert [f["subject_id"] for f in findings] == ["ocds-kzgz00-gz-9004"]
    evidence = json.loads(findings[0]["evidence"])
    assert evidence["actual_winners"] == ["KZ-BIN-950840003218"]
    assert evidence["recomputed_winners"] == ["KZ-BIN-990640007776"]
