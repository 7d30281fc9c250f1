"""Canonical declarations: the shipped JSON Schema matches the tables, and NACP declarations go
out as canonical JSON and CSV and come back as the same rows."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from adaldyq.ingest.declarations import DeclarationsIngest
from adaldyq.ingest.declarations_canonical import schema_errors, schema_text
from adaldyq.ingest.declarations_export import write_canonical_csv, write_canonical_json
from adaldyq.model.declaration_schema import declaration_json_schema
from adaldyq.model.declarations import SECTIONS
from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.declarations import histories
from tests.conftest import SHARED_DATA

RAW = [str(SHARED_DATA / "declarations_ua" / name) for name in ("derkatch.json", "poroshenko.json")]
WHERE_READ = ("source_format", "source_file", "source_line")


def test_shipped_schema_is_the_one_the_tables_define() -> None:
    assert json.loads(schema_text()) == declaration_json_schema()


@pytest.fixture(scope="module")
def nacp(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace(tmp_path_factory.mktemp("canonical") / "nacp")
    DeclarationsIngest(workspace, "nacp").run(RAW)
    return workspace


def _tables(workspace: Workspace) -> dict[str, pa.Table]:
    tables = {}
    for section in SECTIONS:
        table = pq.read_table(workspace.partition_dir(section.table, "declarations"))
        tables[section.table] = table.drop_columns(
            [c for c in WHERE_READ if c in table.column_names]
        )
    return tables


def test_canonical_json_round_trip(nacp: Workspace, tmp_path: Path) -> None:
    exported = tmp_path / "declarations.jsonl"
    assert write_canonical_json(nacp, "declarations", exported) == 2
    back = Workspace(tmp_path / "back")
    report = DeclarationsIngest(back, "canonical").run([str(exported)])
    assert (report.read, report.loaded, report.rejected, report.issues) == (2, 2, 0, 0)
    assert _tables(back) == _tables(nacp)


def test_canonical_csv_round_trip(nacp: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    written = write_canonical_csv(nacp, "declarations", folder)
    assert [p.name for p in written][:3] == ["declarations.csv", "family.csv", "incomes.csv"]
    back = Workspace(tmp_path / "back")
    report = DeclarationsIngest(back, "canonical").run([str(folder)])
    assert (report.read, report.loaded, report.rejected, report.issues) == (2, 2, 0, 0)
    assert _tables(back) == _tables(nacp)


def test_canonical_item_errors_are_issues_and_declaration_errors_rejects(tmp_path: Path) -> None:
    good = {
        "declaration_id": "kz-1",
        "person_id": "870101300123",
        "person_id_scheme": "KZ-IIN",
        "year": 2024,
        "declaration_type": "annual",
        "family": [{"member_id": "s1", "relation": "spouse"}],
        "real_estate": [
            {"item_id": "r1", "owner_id": "s1", "property_type": "land", "area": 6,
             "area_unit": "sotka", "value": 12_000_000, "value_currency": "KZT"},
            {"item_id": "r2", "owner_id": "declarant", "area": "big", "area_unit": "m2",
             "value": 5, "value_currency": "XYZ", "colour": "red"},
        ],
    }  # fmt: skip
    misspelt = {**good, "declaration_id": "kz-2", "incomess": []}
    no_year = {key: value for key, value in good.items() if key != "year"} | {
        "declaration_id": "kz-3"
    }
    source = tmp_path / "kz.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in (good, misspelt, no_year)) + "\n")
    workspace = Workspace(tmp_path / "ws")
    report = DeclarationsIngest(workspace, "canonical").run([str(source)])
    assert (report.read, report.loaded, report.rejected) == (3, 1, 2)
    rejects = [json.loads(line) for line in workspace.output("rejects-declarations.jsonl").open()]
    assert [(r["declaration_id"], r["line"]) for r in rejects] == [("kz-2", 2), ("kz-3", 3)]
    assert "'incomess' was unexpected" in rejects[0]["reason"]
    assert "'year' is a required property" in rejects[1]["reason"]
    issues = [json.loads(line) for line in workspace.output("issues-declarations.jsonl").open()]
    assert sorted(i["path"] for i in issues) == [
        "real_estate[1].area",
        "real_estate[1].colour",
        "real_estate[1].value_currency",
    ]
    rows = pq.read_table(workspace.partition_dir("declaration_real_estate", "declarations"))
    assert [
        (r["area_m2"], r["area_status"], r["value_currency"], r["value_status"], r["owner_role"])
        for r in rows.to_pylist()
    ] == [(600.0, None, "KZT", None, "family"), (None, "invalid", None, "invalid", "declarant")]


def test_fast_validity_check_agrees_with_the_reporting_validator() -> None:
    """The Rust validator decides "valid?", the Python one names the errors: on generated
    declarations and on each of them with one field broken, both must give the same answer,
    or a broken declaration would load unreported."""
    reporting = Draft202012Validator(json.loads(schema_text()))
    documents = [d for h in histories(40, seed=3) for d in h.documents]
    broken = []
    for number, document in enumerate(documents):
        section = ("incomes", "real_estate", "monetary_assets")[number % 3]
        if document.get(section):
            item = dict(document[section][0])
            item[("amount" if section != "real_estate" else "area")] = "a lot"
            broken.append({**document, section: [item, *document[section][1:]]})
        broken.append({**document, "year": str(document["year"])})
    assert all(reporting.is_valid(d) and schema_errors(d) == [] for d in documents)
    assert all(not reporting.is_valid(d) and schema_errors(d) for d in broken)
    assert len(broken) > len(documents)
