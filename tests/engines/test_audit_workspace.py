"""The audit list of a workspace: canonical tables from ingest, findings from the last analysis."""

from __future__ import annotations

from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest

from adaldyq.engines.audit import audit_workspace
from adaldyq.errors import NotFound
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.settings import ScoringSettings
from adaldyq.store.catalog import Workspace
from tests.engines.scoring_fixtures import finding, findings


def _release(
    ocid: str, amount: float | None, award: float, status: str = "active"
) -> dict[str, object]:
    tender: dict[str, object] = {"id": ocid, "title": f"tender {ocid}"}
    if amount is not None:
        tender["value"] = {"amount": amount, "currency": "KZT"}
    return {
        "ocid": ocid,
        "id": ocid,
        "date": "2022-01-01T00:00:00Z",
        "tag": ["compiled"],
        "buyer": {"id": "B1", "name": "Akimat"},
        "parties": [
            {"id": "B1", "name": "Akimat", "roles": ["buyer"]},
            {"id": "S1", "name": "Supplier", "roles": ["supplier"]},
        ],
        "tender": tender,
        "awards": [
            {"id": "a1", "status": status, "value": {"amount": award, "currency": "KZT"},
             "suppliers": [{"id": "S1", "name": "Supplier"}]}
        ],
    }  # fmt: skip


def test_audit_list_of_an_ingested_workspace(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    releases = [
        _release("ocds-1", 1000.0, 900.0),
        _release("ocds-2", None, 5000.0),  # no tender value: the active award's is used
        _release("ocds-3", 10.0, 10.0, status="cancelled"),
    ]
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in releases) + b"\n")
    workspace = Workspace(tmp_path / "ws")
    with pytest.raises(NotFound, match="no procurement findings; run `adaldyq analyze`"):
        audit_workspace(workspace, ScoringSettings())
    OcdsIngest(workspace, dataset="kz").run([str(source)])
    planted = [finding("R018", "ocds-1", dataset="kz"), finding("R018", "ocds-3", dataset="kz")]
    pq.write_table(findings(planted), workspace.findings)

    audit = audit_workspace(workspace, ScoringSettings(), top_n=3)

    rows = audit.rows.set_index("ocid")
    assert list(rows.loc["ocds-2", ["value", "value_source"]]) == [5000.0, "awards"]
    assert list(rows.loc["ocds-1", ["value", "value_source", "title"]]) == [
        1000.0, "tender", "tender ocds-1"
    ]  # fmt: skip
    assert audit.rows["ocid"].tolist() == ["ocds-1", "ocds-3", "ocds-2"]
    suppliers = audit.scores.entities[audit.scores.entities["subject_type"] == "supplier"]
    # the supplier's cancelled award does not bring ocds-3's risk to it
    assert suppliers[["subject_id", "process_score", "processes"]].values.tolist() == [
        ["S1", 1.0, 2]
    ]
