"""Ingest: every OCDS shape in, canonical tables out, every record loaded or rejected."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.errors import InputError
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.store.catalog import Workspace
from tests.conftest import REAL_OCDS


def _ingest(tmp_path: Path, *inputs: Path, dataset: str | None = "d") -> tuple[Workspace, Any]:
    workspace = Workspace(tmp_path / "ws")
    report = OcdsIngest(workspace, dataset=dataset).run([str(p) for p in inputs])
    return workspace, report


def _table(workspace: Workspace, name: str, dataset: str = "d") -> list[dict[str, Any]]:
    return list(pq.read_table(workspace.partition_dir(name, dataset)).to_pylist())


def _release(ocid: str, rid: str, date: str, **fields: Any) -> dict[str, Any]:
    return {"ocid": ocid, "id": rid, "date": date, "tag": ["tender"], **fields}


def test_real_samples_load_whole_and_balanced(tmp_path: Path) -> None:
    files = sorted(REAL_OCDS.glob("*.jsonl"))
    workspace, report = _ingest(tmp_path, REAL_OCDS, dataset=None)
    lines = {str(f): sum(1 for line in f.open() if line.strip()) for f in files}
    assert report.balanced
    assert {name: c.read for name, c in report.files.items()} == lines
    assert report.rejected == 0
    assert sum(report.processes.values()) == sum(lines.values()) == 610
    assert workspace.datasets() == sorted(f.stem for f in files)
    armenia = _table(workspace, "bids", "armenia")
    assert len(armenia) == 36  # bids/details[] count in the data README


def test_release_package_is_merged_per_ocid(tmp_path: Path) -> None:
    package = {
        "uri": "x",
        "releases": [
            _release("a", "1", "2020-01-01T00:00:00Z", tender={"id": "t", "title": "Old"}),
            _release("b", "1", "2020-01-01T00:00:00Z", tender={"id": "t"}),
            _release("a", "2", "2020-02-01T00:00:00Z", tender={"title": "New"}),
        ],
    }
    source = tmp_path / "package.json"
    source.write_text(json.dumps(package))
    workspace, report = _ingest(tmp_path, source)
    assert (report.read, report.loaded, report.rejected) == (3, 3, 0)
    titles = {row["ocid"]: row["tender_title"] for row in _table(workspace, "processes")}
    assert titles == {"a": "New", "b": None}


def test_record_package_uses_compiled_release_then_embedded_releases(tmp_path: Path) -> None:
    package = {
        "records": [
            {"ocid": "c", "compiledRelease": {"ocid": "c", "tender": {"title": "Compiled"}}},
            {"ocid": "e", "releases": [_release("e", "1", "2020-01-01T00:00:00Z")]},
            {"ocid": "l", "releases": [{"url": "http://x/1.json", "date": "2020-01-01"}]},
        ]
    }
    source = tmp_path / "records.json.gz"
    source.write_bytes(gzip.compress(json.dumps(package).encode()))
    workspace, report = _ingest(tmp_path, source)
    assert (report.read, report.loaded, report.rejected) == (3, 2, 1)
    assert sorted(r["ocid"] for r in _table(workspace, "processes")) == ["c", "e"]
    reject = json.loads(workspace.rejects_jsonl.read_text())
    assert reject["path"] == "records[2].releases"
    assert "linked releases are not fetched" in reject["reason"]


def test_concatenated_json_and_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "concatenated.json"
    source.write_text('{"ocid": "x"}\n{"ocid": "y",\n "tender": {"id": 7}}\n{"ocid": 3}')
    workspace, report = _ingest(tmp_path, source)
    assert (report.read, report.loaded, report.rejected) == (3, 2, 1)
    rows = _table(workspace, "processes")
    assert {r["ocid"]: r["tender_id"] for r in rows} == {"x": None, "y": "7"}


def test_json_lines_rejects_name_file_line_path_and_reason(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        '{"ocid": "a"}\n\n{bad\n{"ocid": 5}\n[1]\n{"ocid": "a"}\n'
        '{"releases": [{"ocid": "b"}, {"id": "2"}]}\n'
    )
    workspace, report = _ingest(tmp_path, source)
    assert (report.read, report.loaded, report.rejected) == (7, 2, 5)
    rejects = [json.loads(line) for line in workspace.rejects_jsonl.read_text().splitlines()]
    assert [(r["line"], r["ocid"], r["path"]) for r in rejects] == [
        (3, None, ""),
        (4, None, "ocid"),
        (5, None, ""),
        (6, "a", "ocid"),
        (7, None, "releases[1].ocid"),
    ]
    assert rejects[0]["reason"].startswith("invalid JSON")
    assert rejects[3]["reason"] == f"duplicate ocid, first loaded at {source}, line 1"
    csv_lines = workspace.rejects_csv.read_text().splitlines()
    assert csv_lines[0] == "file,line,ocid,path,reason" and len(csv_lines) == 6


def test_field_problems_are_loaded_and_reported(tmp_path: Path) -> None:
    release = {
        "ocid": "p",
        "tender": {"value": {"amount": "1,500.5", "currency": "KZT"}, "items": {"id": 1}},
        "awards": [{"id": "a", "date": "yesterday", "suppliers": [{"id": "S"}]}],
    }
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps(release) + "\n")
    workspace, report = _ingest(tmp_path, source)
    assert report.loaded == 1 and report.issues == 3
    issues = {json.loads(x)["path"]: json.loads(x)["reason"] for x in
              workspace.issues_jsonl.read_text().splitlines()}  # fmt: skip
    assert issues == {
        "tender.value.amount": "number given as a string",
        "tender.items": "expected an array, found dict",
        "awards[0].date": "not an ISO 8601 date: 'yesterday'",
    }
    assert _table(workspace, "processes")[0]["tender_value_amount"] == 1500.5


def test_organisation_ids_come_from_identifiers(tmp_path: Path) -> None:
    release = {
        "ocid": "o",
        "parties": [
            {
                "id": "1",
                "roles": ["buyer"],
                "identifier": {"scheme": "KZ-BIN", "id": "010203040506"},
            },
            {"id": "2", "roles": ["tenderer", "supplier"]},
        ],
        "bids": {"details": [{"tenderers": [{"id": "2"}], "status": "valid"}]},
        "awards": [{"suppliers": [{"id": "2", "name": "Two"}]}],
    }
    source = tmp_path / "o.jsonl"
    source.write_text(json.dumps(release) + "\n")
    workspace, _ = _ingest(tmp_path, source)
    process = _table(workspace, "processes")[0]
    assert (process["buyer_id"], process["buyer_org_id"]) == ("1", "KZ-BIN-010203040506")
    assert _table(workspace, "bid_tenderers")[0]["tenderer_org_id"] == "2"
    assert _table(workspace, "award_suppliers")[0]["supplier_name"] == "Two"


def test_reingesting_a_dataset_replaces_it(tmp_path: Path) -> None:
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    first.write_text('{"ocid": "a"}\n{"ocid": "b"}\n')
    second.write_text('{"ocid": "c"}\n')
    _ingest(tmp_path, first)
    workspace, _ = _ingest(tmp_path, second)
    assert [r["ocid"] for r in _table(workspace, "processes")] == ["c"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file or folder"),
        ("a,b,c\n1,2,3\n", "not JSON"),
        ('{"publisher": {"name": "x"}}', "not an OCDS release, record or package"),
    ],
    ids=["missing", "not-json", "wrong-package-type"],
)
def test_unusable_files_are_input_errors(tmp_path: Path, content: str | None, message: str) -> None:
    source = tmp_path / "input.json"
    if content is not None:
        source.write_text(content)
    with pytest.raises(InputError, match=message) as caught:
        _ingest(tmp_path, source)
    assert caught.value.path == str(source)
