"""FollowTheMoney entities into the graph and back out: the donations sample, bad entities,
ownership cycles, and the export round trip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.errors import InputError
from adaldyq.ingest.graph import detect_format
from adaldyq.jobs.graph import export_graph, import_graph
from adaldyq.store.catalog import Workspace
from tests.ingest.graph_helpers import BODS, DONATIONS, run_import, write_json_lines


def test_donations_import_by_schema(tmp_path: Path) -> None:
    run = run_import(tmp_path, [DONATIONS])
    counts = run.report.counts(str(DONATIONS))
    assert (counts.read, counts.loaded, counts.rejected) == (474, 474, 0)
    assert run.schemata("nodes") == {"Address": 89, "Company": 56, "Person": 22, "Organization": 17}
    assert run.schemata("edges") == {"Payment": 290}
    assert run.issues == []


def test_a_donation_read_by_hand(tmp_path: Path) -> None:
    """Line 4 of the sample: Frau Lina Dachner gave MLPD 100,000 EUR on 29 December 2011."""
    run = run_import(tmp_path, [DONATIONS])
    payment = run.edge("2216b422a31242fe204654ce194864661f515921")
    donor, party = run.node(payment["source"]), run.node(payment["target"])
    assert (donor["schema"], donor["name"], party["name"]) == (
        "Person",
        "Frau Lina Dachner",
        "MLPD",
    )
    assert (payment["date"], payment["start_day"], payment["end_day"]) == (
        "2011-12-29",
        date(2011, 12, 29),
        date(2011, 12, 29),
    )
    assert json.loads(payment["extra"])["amountEur"] == ["100000"]
    assert (payment["source_line"], payment["source_record"]) == (4, payment["id"])
    [home] = donor["refs"]
    assert home["property"] == "addressEntity"
    address = run.node(home["id"])
    assert (address["schema"], address["address"], address["country"]) == (
        "Address",
        ["Schillerstraße 19, 76135 Karlsruhe"],
        ["de"],
    )


def test_export_round_trip(tmp_path: Path) -> None:
    """Import, export, import again: the same rows (bar the file they were read from)."""
    workspace = Workspace(tmp_path / "workspace")
    import_graph(workspace, [str(DONATIONS)], "first")
    exported = tmp_path / "export.ftm.jsonl"
    assert export_graph(workspace, exported, "first") == 474
    again = import_graph(workspace, [str(exported)], "second")
    assert (again.read, again.loaded, again.issues) == (474, 474, 0)
    for table in ("nodes", "edges"):
        first, second = (
            pq.read_table(workspace.partition_dir(table, dataset))
            .drop_columns(["dataset", "source_file"])
            .sort_by("id")
            for dataset in ("first", "second")
        )
        assert first.num_rows > 0
        assert first.drop_columns(["source_line"]).equals(second.drop_columns(["source_line"]))


def test_export_keeps_ftm_property_names(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "workspace")
    import_graph(workspace, [str(BODS / "full-pep-declaration.json")], "pep")
    exported = tmp_path / "pep.ftm.jsonl"
    export_graph(workspace, exported, "pep")
    entities = {e["id"]: e for e in map(json.loads, exported.read_text().splitlines())}
    assert entities["9bcdcc85e803"]["properties"] == {
        "name": ["Michael Hubbard"],
        "topics": ["role.pep"],
    }
    assert entities["9bcdcc85e803-pep-0-held"]["properties"] == {
        "holder": ["9bcdcc85e803"],
        "post": ["9bcdcc85e803-pep-0"],
        "startDate": ["2017-10-15"],
    }
    ownership = entities["91e4b9055ca0-0"]
    assert ownership["schema"] == "Ownership"
    assert ownership["properties"]["owner"] == ["9bcdcc85e803"]
    assert ownership["properties"]["asset"] == ["a7b3bd81d8ba"]
    assert ownership["properties"]["summary"] == [
        "share >= 25 and < 50 %; direct; beneficial ownership or control"
    ]


def _entity(entity_id: str, schema: str, **props: list[str]) -> dict[str, Any]:
    return {"id": entity_id, "schema": schema, "properties": props}


def test_bad_entities_are_rejected_or_reported(tmp_path: Path) -> None:
    lines = [
        _entity("p1", "Person", name=["Asel"], birthDate=["1980-02-30"]),
        _entity("c1", "Company", name=["Zhol"], addressEntity=["nowhere"]),
        _entity("v1", "Vessel", name=["Boat"]),
        {"schema": "Person", "properties": {"name": ["No Id"]}},
        _entity("o1", "Ownership", owner=["p1"], asset=["c9"], percentage=["about half"]),
        _entity("o2", "Ownership", asset=["c1"]),
        _entity("p1", "Person", name=["Asel again"]),
        _entity(
            "f1", "Family", person=["p1"], relative=["p1"], startDate=["2020"], endDate=["2019-05"]
        ),
    ]
    path = write_json_lines(tmp_path / "bad.jsonl", lines)
    path.write_bytes(path.read_bytes() + b"{not json\n")
    run = run_import(tmp_path, [path])
    assert (run.report.read, run.report.loaded, run.report.rejected) == (9, 4, 5)
    rejects = {(r["line"], r["record"], r["path"]) for r in run.rejects}
    assert rejects == {
        (3, "v1", "schema"),
        (4, None, "id"),
        (6, "o2", "properties.owner"),
        (7, "p1", "id"),
        (9, None, ""),
    }
    assert "'Vessel' is not a schema the graph reads" in run.rejects[0]["reason"]
    issues = {(i["record"], i["path"]): i["reason"] for i in run.issues}
    assert issues == {
        ("p1", "properties.birthDate"): "not a calendar date: '1980-02-30'",
        ("c1", "properties.addressEntity"): "nowhere names no entity or person of the dataset",
        ("o1", "properties.percentage"): "not a number: 'about half'",
        ("o1", "properties.asset"): "c9 names no entity or person of the dataset",
        ("f1", "properties.endDate"): "the tie ends (2019-05) before it starts (2020)",
    }
    person = run.node("p1")
    assert (person["birth_date"], json.loads(person["extra"])) == (
        None,
        {"birthDate": ["1980-02-30"]},
    )


def _ownership(
    edge_id: str, owner: str, asset: str, start: str, end: str | None = None
) -> dict[str, Any]:
    dates = {"startDate": [start]} | ({"endDate": [end]} if end else {})
    return _entity(edge_id, "Ownership", owner=[owner], asset=[asset], percentage=["50"], **dates)


@pytest.mark.parametrize(
    ("back_end", "expected"),
    [
        (None, "ownership cycle from 2021-06-01: a -> b -> c -> a"),
        ("2021-05-31", None),  # c sold its stake in a the day before b bought into c
    ],
)
def test_ownership_cycle_only_when_the_ties_overlap(
    tmp_path: Path, back_end: str | None, expected: str | None
) -> None:
    companies = [_entity(i, "Company", name=[i.upper()]) for i in "abc"]
    ties = [
        _ownership("ab", "a", "b", "2020-01-01"),
        _ownership("bc", "b", "c", "2021-06-01"),
        _ownership("ca", "c", "a", "2019", back_end),
    ]
    run = run_import(tmp_path, [write_json_lines(tmp_path / "cycle.jsonl", companies + ties)])
    cycles = [i for i in run.issues if "cycle" in i["reason"]]
    if expected is None:
        assert cycles == []
        return
    [cycle] = cycles
    assert cycle["reason"].startswith(expected)
    assert all(f"{record} (" in cycle["reason"] for record in ("ab", "bc", "ca"))
    assert run.report.loaded == 6  # reported, not refused


def test_format_detection_and_override(tmp_path: Path) -> None:
    assert detect_format(str(BODS / "nomination.json")) == "bods"
    assert detect_format(str(DONATIONS)) == "ftm"
    other = tmp_path / "other.json"
    other.write_text('{"releases": []}', encoding="utf-8")
    with pytest.raises(InputError, match=r"neither BODS 0\.4 statements nor FtM entities"):
        detect_format(str(other))
    forced = run_import(tmp_path, [BODS / "nomination.json"], fmt="ftm")
    assert forced.report.rejected == 8  # statements read as entities: no id, no schema
