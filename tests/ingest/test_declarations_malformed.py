"""Malformed declarations: each is reported with file, declaration id, path and reason; a bad
field is an issue in a declaration that is still loaded; nothing is dropped silently."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.errors import InputError
from adaldyq.ingest.declarations import DeclarationsIngest
from adaldyq.store.catalog import Workspace
from tests.conftest import SHARED_DATA

REAL = SHARED_DATA / "declarations_ua" / "poroshenko_jr.json"


def _real() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(REAL.read_text(encoding="utf-8"))
    return document


def _variant(ident: str) -> dict[str, Any]:
    document = copy.deepcopy(_real())
    document["id"] = ident
    return document


def _lines(path: Path, *records: object) -> Path:
    text = "\n".join(
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_bad_records_are_rejected_and_bad_fields_reported(tmp_path: Path) -> None:
    no_declarant = _variant("no-step-1")
    del no_declarant["data"]["step_1"]
    bad_values = _variant("bad-values")
    incomes = bad_values["data"]["step_11"]
    first_income = next(iter(incomes))
    incomes[first_income]["sizeIncome"] = "12,3,4 грн"
    assets = bad_values["data"]["step_12"]
    first_asset = next(iter(assets))
    assets[first_asset]["assetsCurrency"] = "XYZ"
    source = _lines(
        tmp_path / "mixed.jsonl",
        _real(),
        "{not json",
        no_declarant,
        bad_values,
        ["a", "list"],
    )
    garbage = tmp_path / "garbage.json"
    garbage.write_text("this is not JSON at all", encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")

    report = DeclarationsIngest(workspace, "nacp").run([str(source), str(garbage)])

    assert (report.read, report.loaded, report.rejected) == (6, 2, 4)
    assert report.balanced
    rejects = {
        (Path(r["file"]).name, r["line"]): r
        for r in _jsonl(workspace.output("rejects-declarations.jsonl"))
    }
    assert rejects[("mixed.jsonl", 2)]["reason"].startswith("invalid JSON")
    assert rejects[("mixed.jsonl", 3)] == {
        "file": str(source),
        "line": 3,
        "declaration_id": "no-step-1",
        "path": "data.step_1",
        "reason": "missing section step_1 (declarant)",
    }
    assert rejects[("mixed.jsonl", 5)]["reason"] == "not a JSON object but list"
    assert rejects[("garbage.json", None)]["reason"].startswith("not JSON")
    assert workspace.output("rejects-declarations.csv").read_text().count("\n") == 5

    issues = _jsonl(workspace.output("issues-declarations.jsonl"))
    assert {(i["declaration_id"], i["line"], i["path"]) for i in issues} == {
        ("bad-values", 4, f"data.step_11.{first_income}.sizeIncome"),
        ("bad-values", 4, f"data.step_12.{first_asset}"),
    }
    reasons = {i["path"].rsplit(".", 1)[-1]: i["reason"] for i in issues}
    assert reasons["sizeIncome"] == "not a number: '12,3,4 грн'"
    assert reasons[first_asset].startswith("amount_currency: unknown currency 'XYZ'")

    # the declaration is kept, with the bad values marked invalid rather than lost
    incomes_table = pq.read_table(workspace.partition_dir("declaration_incomes", "declarations"))
    bad_income = [
        r for r in incomes_table.to_pylist()
        if r["declaration_id"] == "bad-values" and r["item_id"] == first_income
    ]  # fmt: skip
    assert [(r["amount"], r["amount_status"]) for r in bad_income] == [(None, "invalid")]
    assets_table = pq.read_table(
        workspace.partition_dir("declaration_monetary_assets", "declarations")
    )
    bad_asset = [
        r for r in assets_table.to_pylist()
        if r["declaration_id"] == "bad-values" and r["item_id"] == first_asset
    ]  # fmt: skip
    assert [(r["amount"], r["amount_currency"], r["amount_status"]) for r in bad_asset] == [
        (205_240.0, None, "invalid")
    ]
    assert sum(r["declaration_id"] == "bad-values" for r in incomes_table.to_pylist()) == 7


def test_missing_year_and_missing_data_are_rejected(tmp_path: Path) -> None:
    no_year = _variant("no-year")
    no_year["data"]["step_0"] = {"declarationType": "1"}
    not_nacp = {"id": "x", "releases": []}
    workspace = Workspace(tmp_path / "ws")
    source = _lines(tmp_path / "two.jsonl", _real(), no_year, not_nacp)
    report = DeclarationsIngest(workspace, "nacp").run([str(source)])
    assert (report.read, report.loaded, report.rejected) == (3, 1, 2)
    rejects = _jsonl(workspace.output("rejects-declarations.jsonl"))
    assert [(r["declaration_id"], r["path"]) for r in rejects] == [
        ("no-year", "data.step_0.declarationYear1"),
        ("x", "data"),
    ]
    assert rejects[0]["reason"].startswith("no declaration year")


def test_nothing_loadable_is_an_input_error(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(InputError, match="no declaration could be loaded; first: not JSON"):
        DeclarationsIngest(Workspace(tmp_path / "ws"), "nacp").run([str(garbage)])
