"""The synthetic integrity world (`synthetic/integrity_world.py`) tied to synthetic procurement
and to its officials' declarations: every rule B01-B11 flags exactly the companies planted for
it (and those a plant makes it fire on by design, the truth's `also`), each planted pattern is
found with its path, no near miss fires, and the clean world gives no finding of any rule.

The declarations go through the real declarations import and screening (engine A), whose
findings B11 reads, as `adaldyq declarations screen` leaves them in the workspace."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
import pytest

from adaldyq.engines.integrity.runner import IntegrityResult, run_patterns
from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.jobs.declarations import screen_declarations_job
from adaldyq.jobs.graph import import_graph
from adaldyq.model.findings import Finding
from adaldyq.settings import load_settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import read_findings
from adaldyq.synthetic.integrity_world import MASS, generate_world
from tests.engines.integrity.truth import companies_of, expected_companies
from tests.engines.integrity.world import settings_for

PROCESSES = 300
GRAPH_RULES = ["B01", "B03", "B04", "B05", "B06", "B07", "B09", "B10"]
"""The rules that need neither declarations nor the market alone (the counterparty tests)."""
RULES = [f"B{n:02d}" for n in range(1, 12)]
PARAMS = {"B06": {"mass_address": MASS, "mass_director": MASS}}
DECLARED = "declared"


def _run(root: Path, planted: bool) -> tuple[IntegrityResult, list[Any]]:
    world = generate_world(root / "world", PROCESSES, seed=3, planted=planted)
    workspace = Workspace(root / "ws")
    import_graph(workspace, [str(world.graph), str(world.facts)], "graph")
    OcdsIngest(workspace, dataset="tenders").run([str(world.releases)])
    settings = settings_for(root, RULES, PARAMS)
    screen_declarations_job(settings, [str(world.declarations)], "canonical", dataset=DECLARED)
    declared = read_findings(workspace, "declarations")
    with connect(load_settings(backend="duckdb")) as backend:
        result = run_patterns(backend, workspace, settings, "test", "graph", "tenders", declared,
                              declarations_dataset=DECLARED)  # fmt: skip
    truth = [orjson.loads(line) for line in world.truth.read_bytes().splitlines()]
    return result, truth


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[IntegrityResult, list[Any]]:
    return _run(tmp_path_factory.mktemp("planted"), planted=True)


def _in_order(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(node in rest for node in part)


def _by(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.rule_code == code]


def _companies(finding: Finding) -> set[str]:
    return companies_of(finding.rule_code, finding.subject_id, finding.evidence)


def test_clean_world_gives_no_finding(tmp_path: Path) -> None:
    result, truth = _run(tmp_path, planted=False)
    assert truth == []
    assert result.not_run == {}
    assert result.findings == []
    assert result.unmatched == {}


def test_each_rule_flags_exactly_its_plants(planted: tuple[IntegrityResult, list[Any]]) -> None:
    result, truth = planted
    assert result.not_run == {}
    expected = expected_companies(truth)
    flagged: dict[str, set[str]] = defaultdict(set)
    for finding in result.findings:
        flagged[finding.rule_code] |= _companies(finding)
    assert set(expected) == set(RULES)
    for code in RULES:
        assert flagged[code] == expected[code], code


def test_every_plant_is_found_with_its_path(planted: tuple[IntegrityResult, list[Any]]) -> None:
    """At the truth's example award, a finding of the rule whose path visits the truth's path
    in order (B06's groups, planted on no award, are checked in `test_what_each_path_rests_on`)."""
    result, truth = planted
    for row in (r for r in truth if not r["near_miss"] and r["ocid"] is not None):
        found = [f for f in _by(result.findings, row["rule"])
                 if set(row["subjects"]) <= _companies(f)
                 and row["ocid"] in (f.ocid, *_ocids(f))]  # fmt: skip
        paths = [f.evidence["path"]["nodes"] for f in found]
        assert any(_in_order(row["path"], nodes) for nodes in paths), (row["pattern"], paths)


def _ocids(finding: Finding) -> list[str]:
    """The awards a supplier's finding rests on (B08, B09's share jump)."""
    evidence = finding.evidence
    return [*evidence.get("ocids", []), *evidence.get("after", {}).get("ocids", [])]


def _at(findings: list[Finding], row: dict[str, Any]) -> Finding:
    """The finding of the row's rule at the row's example award."""
    return next(f for f in _by(findings, row["rule"]) if f.subject_id == row["ocid"])


def _planted(truth: list[Any]) -> dict[str, Any]:
    return {row["pattern"]: row for row in truth}


def test_what_each_path_rests_on(planted: tuple[IntegrityResult, list[Any]]) -> None:
    result, truth = planted
    rows = _planted(truth)
    findings = result.findings
    b01 = next(f for f in _by(findings, "B01") if f.subject_id == rows["B01"]["ocid"])
    assert b01.evidence["path"]["edge_types"][:3] == ["Employment", "Family", "Ownership"]
    assert b01.evidence["path"]["edges"][0]["role"] == "tender committee"
    director = next(f for f in _by(findings, "B04") if f.subject_id == rows["B04-director"]["ocid"])
    assert director.evidence["path"]["nodes"] == rows["B04-director"]["path"]
    sections = {f.evidence["section"]: f.evidence["interest"] for f in _by(findings, "B02")}
    assert sections == {"declaration_securities": "shares", "declaration_incomes": "dividends"}
    b03 = _at(findings, rows["B03"])
    assert (b03.evidence["kind"], b03.evidence["holder"]) == ("phone", rows["B03"]["path"][2])
    b07 = _at(findings, rows["B07"])
    assert b07.evidence["gap_days"] == 183
    [b08] = _by(findings, "B08")
    assert (b08.evidence["share"], b08.evidence["buyers"]) == (1.0, 1)
    [jump] = [f for f in _by(findings, "B09") if "after" in f.evidence]
    assert jump.evidence["before"]["share"] == 0.0
    assert jump.evidence["after"]["share"] == pytest.approx(2 / 3)
    assert jump.evidence["path"]["edge_types"] == ["Employment", "Family", "Ownership"]
    assert {f.evidence["topics"][0] for f in _by(findings, "B10")} == {"crime.corruption"}
    capital = [f for f in _by(findings, "B05") if f.evidence["capital_raised"]]
    assert {f.evidence["path"]["edge_types"][0] for f in capital} == {"CompanyFact"}
    assert {r["to"] / r["from"] for f in capital for r in f.evidence["capital_raised"]} == {500}
    [staff] = [f for f in _by(findings, "B06") if "facts" in f.evidence]
    assert staff.evidence["facts"]["employees"] == 0
    assert staff.evidence["path"]["nodes"] == rows["B06-staff"]["path"]
    b11 = _at(findings, rows["B11"])
    assert [d["rule_code"] for d in b11.evidence["declarations"]] == ["A21"]
    assert b11.evidence["declared_year"] == int(b11.evidence["day"][:4])
    nominee = rows["B06-director"]["path"][0]
    b06 = _by(findings, "B06")
    at_address = [f for f in b06 if f.subject_id in rows["B06-address"]["subjects"]]
    assert len({f.evidence["path"]["nodes"][-1] for f in at_address}) == 1
    assert {f.evidence["path"]["nodes"][0] for f in b06 if "directed by" in f.evidence["sign"]} == {
        nominee
    }
