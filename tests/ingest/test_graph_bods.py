"""BODS 0.4 into the graph: the seven official examples, checked by hand, and bad statements."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.graph_helpers import BODS, run_import

EXAMPLES = {
    # file: (statements, nodes by schema, edges by schema), counted by hand from the files
    "bods-package-fi-soe.json": (
        9,
        {"Company": 2, "PublicBody": 2},
        {"Ownership": 4, "UnknownLink": 1},
    ),
    "full-pep-declaration.json": (
        3,
        {"Company": 1, "Person": 1, "Position": 1},
        {"Ownership": 2, "Occupancy": 1},
    ),
    "indirect-ownership.json": (6, {"Company": 2, "Person": 1}, {"Ownership": 2, "UnknownLink": 1}),
    "joint-ownership.json": (7, {"Company": 1, "LegalEntity": 1, "Person": 2}, {"Ownership": 3}),
    "multiple-indirect-ownership.json": (
        9,
        {"Company": 3, "Person": 1},
        {"Ownership": 3, "UnknownLink": 2},
    ),
    "nomination.json": (8, {"LegalEntity": 2, "Person": 2}, {"Directorship": 1, "UnknownLink": 3}),
    "simple-pep-declaration.json": (3, {"Company": 1, "Person": 1}, {"Ownership": 2}),
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_statement_of_each_example_is_loaded(tmp_path: Path, name: str) -> None:
    statements, nodes, edges = EXAMPLES[name]
    run = run_import(tmp_path, [BODS / name])
    counts = run.report.counts(str(BODS / name))
    assert (counts.read, counts.loaded, counts.rejected) == (statements, statements, 0)
    assert run.schemata("nodes") == nodes
    assert run.schemata("edges") == edges
    assert run.issues == []  # no dangling reference, cycle or overfull share in the examples
    assert {e["source"] for e in run.edges} | {e["target"] for e in run.edges} <= {
        n["id"] for n in run.nodes
    }


def test_indirect_ownership_chain(tmp_path: Path) -> None:
    """Person 1 holds 30 % of Company A through Company B (60 % of A) since November 2017."""
    run = run_import(tmp_path, [BODS / "indirect-ownership.json"])
    company_a, company_b, person = "ad3f6c2fcc9e", "d4ab89ea169a", "c25d4d612c2c"
    assert run.node(company_a)["identifiers"] == [
        {"property": "registrationNumber", "scheme": "GB-COH", "id": "XE9999"}
    ]
    assert run.node(person)["birth_date"] == "1965-11"
    direct = run.edge("4cf2837bd01f-0")
    assert (direct["source"], direct["target"], direct["schema"]) == (
        company_b,
        company_a,
        "Ownership",
    )
    assert (direct["share_exact"], direct["direct_or_indirect"], direct["beneficial"]) == (
        60.0,
        "direct",
        False,
    )
    assert (direct["start_date"], direct["start_day"], direct["end_day"]) == (
        "2017-11-01",
        date(2017, 11, 1),
        None,
    )
    link = run.edge("05e81af035e4-0")  # an interest of no stated type: kept, as a link
    assert (link["schema"], link["source"], link["target"]) == ("UnknownLink", person, company_b)
    assert (link["interest_type"], link["direct_or_indirect"]) == (None, "unknown")
    indirect = run.edge("d8d75ccf40e4-0")
    assert (indirect["source"], indirect["target"], indirect["share_exact"]) == (
        person,
        company_a,
        30.0,
    )
    assert (indirect["direct_or_indirect"], indirect["beneficial"]) == ("indirect", True)
    assert indirect["source_record"] == "cdb6acc7-426e-4a7a-9410-895d556fd329"
    assert indirect["source_file"] == str(BODS / "indirect-ownership.json")


def test_joint_ownership_through_an_arrangement(tmp_path: Path) -> None:
    run = run_import(tmp_path, [BODS / "joint-ownership.json"])
    arrangement, company = "91b4236a7d89", "31c55e425764"
    assert run.node(arrangement)["schema"] == "LegalEntity"
    assert json.loads(run.node(arrangement)["extra"]) == {"classification": ["arrangement"]}
    holders = {
        (e["source"], e["share_exact"], e["beneficial"])
        for e in run.edges
        if e["target"] == arrangement
    }
    assert holders == {("1accb8b18b99", 50.0, True), ("f040df24d9ec", 50.0, True)}
    whole = run.edge("2670f25aee62-0")
    assert (whole["source"], whole["target"], whole["share_exact"]) == (arrangement, company, 100.0)
    assert run.node(company)["address"] == ["Aston House, Cornwall Avenue, London, N3 1LF"]
    assert run.node(company)["incorporation_date"] == "2010-11-18"


def test_nomination(tmp_path: Path) -> None:
    """Silvia nominates Vanessa through an arrangement that sits on the company's board."""
    run = run_import(tmp_path, [BODS / "nomination.json"])
    silvia, vanessa, nomination, company = "101AB1984F", "102AB1984E", "103AB1984D", "104AB1984C"
    roles = {(e["source"], e["target"]): (e["schema"], e["role"]) for e in run.edges}
    assert roles == {
        (silvia, nomination): ("UnknownLink", "nominator"),
        (vanessa, nomination): ("UnknownLink", "nominee"),
        (nomination, company): ("Directorship", "boardMember"),
        (silvia, company): ("UnknownLink", "otherInfluenceOrControl"),
    }
    control = run.edge("108AC1984E-0")
    assert (control["direct_or_indirect"], control["beneficial"]) == ("indirect", True)
    assert all(e["start_day"] == date(2023, 4, 30) for e in run.edges)
    assert json.loads(run.node(nomination)["extra"]) == {
        "classification": ["arrangement/nomination"]
    }
    assert run.node(company)["identifiers"][0]["scheme"] == "MX-RFC"


def test_pep_status_and_post(tmp_path: Path) -> None:
    simple = run_import(tmp_path / "simple", [BODS / "simple-pep-declaration.json"])
    assert simple.node("c9ceb68d7241")["topics"] == ["role.pep"]
    assert "Position" not in simple.schemata("nodes")  # no details: no post to name
    full = run_import(tmp_path / "full", [BODS / "full-pep-declaration.json"])
    person = full.node("9bcdcc85e803")
    assert person["topics"] == ["role.pep"]
    post = full.node("9bcdcc85e803-pep-0")
    assert (post["schema"], post["name"], post["country"]) == (
        "Position",
        "Member of Parliament",
        ["gb"],
    )
    held = full.edge("9bcdcc85e803-pep-0-held")
    assert (held["schema"], held["source"], held["target"]) == (
        "Occupancy",
        person["id"],
        post["id"],
    )
    assert held["start_day"] == date(2017, 10, 15)
    ranges = {
        (e["interest_type"], e["share_min"], e["share_max"], e["share_max_exclusive"])
        for e in full.edges
        if e["schema"] == "Ownership"
    }
    assert ranges == {("shareholding", 25.0, 50.0, True), ("votingRights", 25.0, 50.0, True)}


def _statement(
    statement_id: str,
    record_id: str,
    record_type: str,
    details: dict[str, Any],
    on: str = "2024-01-01",
) -> dict[str, Any]:
    return {
        "statementId": statement_id,
        "recordId": record_id,
        "recordType": record_type,
        "statementDate": on,
        "recordStatus": "new",
        "recordDetails": details,
    }


def _company(record_id: str, name: str) -> dict[str, Any]:
    details = {"entityType": {"type": "registeredEntity"}, "name": name}
    return _statement(f"s-{record_id}", record_id, "entity", details)


def _holding(
    record_id: str,
    subject: str,
    party: str,
    share: float,
    start: str,
    end: str | None = None,
    on: str = "2024-01-01",
) -> dict[str, Any]:
    interest: dict[str, Any] = {
        "type": "shareholding",
        "directOrIndirect": "direct",
        "share": {"exact": share},
        "startDate": start,
    }
    if end:
        interest["endDate"] = end
    details = {"subject": subject, "interestedParty": party, "interests": [interest]}
    return _statement(f"s-{record_id}-{on}", record_id, "relationship", details, on)


def _write(path: Path, statements: list[Any]) -> Path:
    path.write_text(json.dumps(statements), encoding="utf-8")
    return path


def test_a_later_statement_replaces_the_earlier_one(tmp_path: Path) -> None:
    """The record's latest statement wins whatever the order in the file; the older one counts
    as loaded, with an issue naming what replaced it."""
    statements = [
        _company("a", "A"),
        _company("b", "B"),
        _holding("r", "a", "b", 40, "2020-01-01", end="2023-06-30", on="2023-07-01"),
        _holding("r", "a", "b", 40, "2020-01-01", on="2021-01-01"),
    ]
    run = run_import(tmp_path, [_write(tmp_path / "updates.json", statements)])
    assert (run.report.read, run.report.loaded, run.report.rejected) == (4, 4, 0)
    [edge] = run.edges
    assert (edge["end_date"], edge["end_day"], edge["source_record"]) == (
        "2023-06-30",
        date(2023, 6, 30),
        "s-r-2023-07-01",
    )
    [issue] = run.issues
    assert issue["record"] == "s-r-2021-01-01"
    assert "replaced by statement s-r-2023-07-01" in issue["reason"]


def test_bad_statements_are_rejected_or_reported_with_record_and_field(tmp_path: Path) -> None:
    no_id = _company("x", "X")
    del no_id["statementId"]
    no_subject = _holding("r2", "a", "b", 10, "2020-01-01")
    del no_subject["recordDetails"]["subject"]
    old_version = {"statementID": "old", "statementType": "entityStatement"}
    bad_date = _holding("r3", "a", "b", 10, "2020-13-01")
    dangling = _holding("r4", "a", "nobody", 10, "2020-01-01")
    closed = _holding("r5", "a", "b", 5, "2020-01-01", on="2022-05-01")
    closed["recordStatus"] = "closed"
    statements = [
        _company("a", "A"),
        _company("b", "B"),
        no_id,
        no_subject,
        old_version,
        bad_date,
        dangling,
        closed,
        "text",
    ]
    path = _write(tmp_path / "bad.json", statements)
    run = run_import(tmp_path, [path])
    assert (run.report.read, run.report.loaded, run.report.rejected) == (9, 5, 4)
    rejects = {(r["record"], r["path"]) for r in run.rejects}
    assert rejects == {
        (None, "$[2].statementId"),
        ("s-r2-2024-01-01", "$[3].recordDetails.subject"),
        (None, "$[4].statementType"),
        (None, "$[8]"),
    }
    assert all(r["file"] == str(path) for r in run.rejects)
    issues = {(i["record"], i["path"]): i["reason"] for i in run.issues}
    assert (
        issues[("s-r3-2024-01-01", "recordDetails.interests[0].startDate")]
        == "not a calendar date: '2020-13-01'"
    )
    assert run.edge("r3-0")["start_day"] is None
    assert (
        "nobody names no entity or person"
        in issues[("s-r4-2024-01-01", "recordDetails.interestedParty")]
    )
    assert run.edge("r5-0")["end_day"] == date(2022, 5, 1)
    assert issues[("s-r5-2022-05-01", "recordStatus")] == "record closed as of 2022-05-01"


def test_shares_above_100_percent_are_reported_with_the_records(tmp_path: Path) -> None:
    statements = [
        _company("a", "A"),
        _company("b", "B"),
        _company("c", "C"),
        _holding("r1", "a", "b", 70, "2020-01-01"),
        _holding("r2", "a", "c", 40, "2021-03-01"),
    ]
    run = run_import(tmp_path, [_write(tmp_path / "over.json", statements)])
    [issue] = run.issues
    assert issue["path"] == "share"
    assert "shares in a add up to 110 % on 2021-03-01" in issue["reason"]
    assert "s-r1-2024-01-01" in issue["reason"] and "s-r2-2024-01-01" in issue["reason"]


def test_kazakh_identifiers_are_checked(tmp_path: Path) -> None:
    company = _company("a", "Zhol")
    company["recordDetails"]["identifiers"] = [{"scheme": "KZ-BIN", "id": "9401 4000 0385"}]
    person = _statement("s-p", "p", "person", {"names": [{"fullName": "Asel"}]})
    person["recordDetails"]["identifiers"] = [{"scheme": "KZ-IIN", "id": "940140000385"}]
    run = run_import(tmp_path, [_write(tmp_path / "kz.json", [company, person])])
    assert run.node("a")["identifiers"][0]["id"] == "940140000385"  # cleaned
    [issue] = run.issues
    assert (issue["record"], issue["path"]) == ("s-p", "recordDetails.identifiers[0].id")
    assert issue["reason"].startswith("IIN 940140******: century/sex digit 0")  # a BIN, masked


def test_references_across_files_and_json_lines(tmp_path: Path) -> None:
    """A relationship may name records of another file; one statement a line is read too."""
    entities = _write(tmp_path / "entities.json", [_company("a", "A"), _company("b", "B")])
    lines = tmp_path / "relationships.jsonl"
    lines.write_text(json.dumps(_holding("r", "a", "b", 25, "2020")) + "\n", encoding="utf-8")
    run = run_import(tmp_path, [entities, lines])
    assert run.report.as_dict()["files"] == {
        str(entities): {"read": 2, "loaded": 2, "rejected": 0},
        str(lines): {"read": 1, "loaded": 1, "rejected": 0},
    }
    [edge] = run.edges
    assert (edge["source"], edge["target"], edge["source_line"]) == ("b", "a", 1)
    assert (edge["start_date"], edge["start_day"]) == ("2020", date(2020, 1, 1))
    assert run.issues == []
