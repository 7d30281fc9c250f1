"""`adaldyq draft check` as users and automated checks run it: the JSON interface, batches with
broken files, exit codes, the conclusions written and the findings stored."""

# Acts are Russian text; Cyrillic letters that look Latin are intended.

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import orjson
import pyarrow.parquet as pq

from adaldyq.jobs.legal_drafts import check_drafts_job
from adaldyq.model.findings import FINDING_SCHEMA, SubjectType
from adaldyq.store.catalog import Workspace
from tests.cli_run import adaldyq
from tests.conftest import SHARED_DATA
from tests.legal_builders import text_pdf

WATER_CODE = SHARED_DATA / "legal" / "ru_water_code_2006_pravo_102107048.txt"
STABLE = {"factor", "locator", "start", "end", "text", "explanation", "recommendation", "advisory"}
PROVISION = "Уполномоченный орган вправе по своему усмотрению отказать в выдаче разрешения."


def _adaldyq(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return adaldyq("draft", "check", *args, cwd=cwd)


def _batch(folder: Path) -> Path:
    """A folder of drafts as an expert receives them: a bare provision, a numbered one in Word,
    a PDF, and a .docx that is not one."""
    (folder / "sub").mkdir(parents=True)
    (folder / "provision.txt").write_text(PROVISION, encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("Статья 7. Плата")
    document.add_paragraph("Размер платы определяется уполномоченным органом.", style="List Number")
    document.save(str(folder / "sub" / "fee.docx"))
    text_pdf(folder / "sub" / "law.pdf", f"Статья 3. Разрешения\n1. {PROVISION}")
    (folder / "sub" / "broken.docx").write_text("not a zip", encoding="utf-8")
    return folder


def test_one_file_prints_one_json_object() -> None:
    done = _adaldyq(WATER_CODE, "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert (record["file"], record["language"]) == (str(WATER_CODE), "ru")
    assert record["findings"] and all(set(f) >= STABLE for f in record["findings"])
    assert {f["factor"] for f in record["findings"]} >= {"F08"}  # "без проведения аукциона"


def test_folder_gives_json_lines_with_an_error_line_and_the_rest_fine(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "drafts")
    done = _adaldyq(folder, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(r["file"]).name for r in records] == [
        "provision.txt", "broken.docx", "fee.docx", "law.pdf",
    ]  # fmt: skip
    by_name = {Path(r["file"]).name: r for r in records}
    assert set(by_name["broken.docx"]) == {"file", "error"}
    assert "not a Word .docx document" in by_name["broken.docx"]["error"]
    assert {f["factor"] for f in by_name["provision.txt"]["findings"]} >= {"F01", "F02"}
    assert [f["locator"] for f in by_name["law.pdf"]["findings"]][:1] == ["ст. 3 п. 1"]
    fee = by_name["fee.docx"]["findings"]
    assert {f["factor"] for f in fee} >= {"F04"}
    assert {f["locator"] for f in fee} == {"ст. 7 п. 1"}  # the "1." Word numbered
    assert not (tmp_path / "adaldyq-workspace").exists()  # --json writes only what it is asked


def test_a_numbered_provision_alone_is_a_draft(tmp_path: Path) -> None:
    draft = tmp_path / "point.txt"
    draft.write_text(f"12) {PROVISION[0].lower()}{PROVISION[1:]}\n", encoding="utf-8")
    (result,) = check_drafts_job([draft]).results
    assert result.error is None and result.record is not None
    assert {f["factor"] for f in result.record["findings"]} >= {"F01", "F02"}


def test_every_file_failing_is_exit_2_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    german = tmp_path / "de.txt"
    german.write_text(
        "Die Behörde kann nach eigenem Ermessen die Genehmigung verweigern, wenn der "
        "Antragsteller die Unterlagen nicht fristgerecht einreicht.",
        encoding="utf-8",
    )
    done = _adaldyq(empty, german, "--json")
    assert done.returncode == 2
    errors = [json.loads(line)["error"] for line in done.stdout.splitlines()]
    assert "the file is empty" in errors[0]
    assert errors[1].startswith(f"{german}: Latin letters that do not read as English")
    assert "--language ru|kk|en" in errors[1]
    assert done.stderr.strip().splitlines() == [
        "adaldyq: error: none of the 2 drafts could be checked"
    ]
    single = _adaldyq(empty, "-w", tmp_path / "ws")
    assert single.returncode == 2
    assert single.stderr.strip().splitlines() == [
        f"adaldyq: error: {empty}: the file is empty (no text): check that it is the draft you "
        "meant, save it again with its text and try again"
    ]
    overridden = _adaldyq(german, "--json", "--language", "en")
    assert overridden.returncode == 0 and json.loads(overridden.stdout)["language"] == "en"


def test_water_code_writes_conclusions_and_a_summary(tmp_path: Path) -> None:
    done = _adaldyq(WATER_CODE, "--workspace", tmp_path / "ws", "--format", "html,docx")
    assert done.returncode == 0, done.stderr
    assert "1 of 1 drafts checked" in done.stdout
    written = sorted(p.name for p in (tmp_path / "ws" / "conclusions").iterdir())
    stem = f"{WATER_CODE.name}.conclusion"
    assert written == [f"{stem}.docx", f"{stem}.html"]
    refused = _adaldyq(WATER_CODE, "--format", "pdf", "--json")
    assert refused.returncode == 3 and "unknown conclusion format pdf" in refused.stderr


def test_batch_job_stores_rows_in_the_common_schema_and_replaces_rechecked_drafts(
    tmp_path: Path,
) -> None:
    folder = _batch(tmp_path / "drafts")
    workspace = Workspace(tmp_path / "ws")
    run = check_drafts_job([folder], out_dir=tmp_path / "out", workspace=workspace)
    assert [r.error is None for r in run.results] == [True, False, True, True]
    assert (tmp_path / "out" / "sub" / "law.pdf.conclusion.html").is_file()
    table = pq.read_table(workspace.findings)
    assert table.schema.equals(FINDING_SCHEMA)
    rows = table.to_pylist()
    checked = [f for r in run.results if r.record for f in r.record["findings"]]
    assert len(rows) == len(checked) > 0
    assert {r["engine"] for r in rows} == {"legal_drafts"}
    assert {r["subject_type"] for r in rows} == {SubjectType.LEGAL_PROVISION.value}
    provision = next(r for r in rows if r["subject_id"].startswith("provision.txt#"))
    assert provision["subject_id"] == "provision.txt#provision"
    evidence = orjson.loads(provision["evidence"])
    assert {"locator", "start", "end", "text", "rule", "advisory", "recommendation"} <= set(
        evidence
    )
    record = next(r.record for r in run.results if r.path.name == "provision.txt")
    assert record is not None
    confidence = {(f["rule"], f["start"]): f["confidence"] for f in record["findings"]}
    assert (
        provision["score"] == provision["value"] == confidence[evidence["rule"], evidence["start"]]
    )
    (folder / "provision.txt").write_text("Статья 1. Цели\n1. Закон регулирует отношения.")
    check_drafts_job([folder / "provision.txt"], workspace=workspace)
    again = pq.read_table(workspace.findings).to_pylist()
    assert not any(r["subject_id"].startswith("provision.txt#") for r in again)
    assert len(again) == len(rows) - sum(r["subject_id"].startswith("provision.txt#") for r in rows)


def test_two_workers_give_the_same_results_in_the_same_order(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "drafts")
    alone = check_drafts_job([folder, SHARED_DATA / "legal"], workers=1).results
    paired = check_drafts_job([folder, SHARED_DATA / "legal"], workers=2).results
    assert [r.path for r in paired] == [r.path for r in alone]
    assert [r.as_json() for r in paired] == [r.as_json() for r in alone]
    assert sum(r.error is not None for r in paired) == 1
