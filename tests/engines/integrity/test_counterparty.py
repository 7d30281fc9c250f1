"""The counterparty check on a hand-built graph: lookup by BIN (valid, bad check digit), node id
and name (other script, legal form), each graph fact with its points, `as_of` before a tie began,
and the job's JSON and errors."""

# Company names are Cyrillic on purpose: the lookup must meet them from Latin.
# ruff: noqa: RUF001

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from adaldyq.errors import NotFound
from adaldyq.jobs.counterparty import counterparty_check_job
from adaldyq.jobs.integrity import graph_findings_job
from adaldyq.settings import load_settings
from tests.engines.integrity.world import GRAPH, World, make_bin, settings_for

ROMASHKA_LLP, ROMASHKA_JSC, SHELL = make_bin("1001", 10), make_bin("1001", 20), make_bin("1501", 30)
DAY = date(2024, 6, 1)


def _world() -> World:
    world = World()
    world.entity("romashka", "Company", name="ТОО «Ромашка»", registrationNumber=ROMASHKA_LLP,
                 incorporationDate="2010-01-15")  # fmt: skip
    world.entity("romashka-jsc", "Company", name="АО «Ромашка»", registrationNumber=ROMASHKA_JSC,
                 incorporationDate="2010-01-20")  # fmt: skip
    world.person("owner")
    world.tie("Ownership", "owner", "romashka", "2010-01-15")
    world.tie("Ownership", "owner", "romashka-jsc", "2010-01-20")
    # a PEP owns the JSC's holding from 2022: the signal must not exist before
    world.person("minister", topics="role.pep")
    world.entity("holding", "Company", name="Holding", registrationNumber=make_bin("0901", 5))
    world.tie("Ownership", "minister", "holding", "2009-01-01")
    world.tie("Ownership", "holding", "romashka-jsc", "2022-03-01")
    # the shell: young, owned from abroad through a three-company cycle, a nominee director
    world.entity("shell", "Company", name="Shell", registrationNumber=SHELL,
                 incorporationDate="2024-03-01")  # fmt: skip
    for name in ("a", "b"):
        world.entity(f"offshore-{name}", "Company", name=f"Offshore {name}", jurisdiction="vg")
    world.tie("Ownership", "offshore-a", "shell", "2024-03-01")
    world.tie("Ownership", "offshore-b", "offshore-a", "2024-03-01")
    world.tie("Ownership", "shell", "offshore-b", "2024-03-01")
    world.person("nominee")
    for index in range(10):
        company = world.company(f"firm-{index}", make_bin("1201", 100 + index))
        world.tie("Directorship", "nominee", company, "2023-01-01")
    world.tie("Directorship", "nominee", "shell", "2024-03-01")
    world.entity("gone", "Company", name="Gone", dissolutionDate="2020-05-01")
    return world


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("counterparty")
    _world().write(root)
    return root


def _check(root: Path, query: str, as_of: date = DAY, **counterparty: Any) -> dict[str, Any]:
    settings = load_settings(workspace=root / "ws", counterparty=counterparty)
    return counterparty_check_job(settings, query, GRAPH, as_of).to_json()


def _codes(match: dict[str, Any]) -> dict[str, float]:
    return {s["code"]: s["points"] for s in match["signals"]}


def _adds_up(match: dict[str, Any]) -> None:
    assert match["score"] == round(100 - min(100, sum(s["points"] for s in match["signals"])), 1)


def test_lookup_by_valid_bin(root: Path) -> None:
    report = _check(root, f"{ROMASHKA_LLP[:4]} {ROMASHKA_LLP[4:]}")
    assert report["query_kind"] == "bin"
    assert [(m["id"], m["bin"], m["matched_on"]) for m in report["matches"]] == [
        ("romashka", ROMASHKA_LLP, "BIN")
    ]


def test_lookup_by_bin_with_a_bad_check_digit_says_so(root: Path) -> None:
    bad = ROMASHKA_LLP[:11] + str((int(ROMASHKA_LLP[11]) + 1) % 10)
    report = _check(root, bad)
    assert report["matches"] == []
    assert any("not a valid BIN" in n and "check digit" in n for n in report["notes"])


def test_lookup_by_node_id_and_a_person_is_no_company(root: Path) -> None:
    assert [m["id"] for m in _check(root, "shell")["matches"]] == ["shell"]
    report = _check(root, "owner")
    assert report["matches"] == [] and "not a company" in report["notes"][0]


def test_lookup_by_name_in_latin_returns_every_candidate_ranked(root: Path) -> None:
    report = _check(root, "Romashka LLP")
    assert report["query_kind"] == "name"
    ranked = [(m["id"], m["rank"]) for m in report["matches"]]
    assert ranked == [("romashka", 1.0), ("romashka-jsc", 0.9)]
    assert [m["id"] for m in _check(root, "Romashka JSC")["matches"]] == [
        "romashka-jsc",
        "romashka",
    ]
    assert _check(root, "Nonexistent Trading LLP")["matches"] == []


def test_a_plain_company_scores_100(root: Path) -> None:
    (match,) = _check(root, "romashka")["matches"]
    assert (match["score"], match["band"], match["signals"]) == (100.0, "no signals", [])


def test_as_of_before_a_tie_began_removes_its_signal(root: Path) -> None:
    (after,) = _check(root, "romashka-jsc")["matches"]
    assert _codes(after) == {"PEP": 30.0 * (1 - 0.15)}  # two ties: minister -> holding -> JSC
    pep = after["signals"][0]
    assert pep["evidence"]["nodes"] == ["minister", "holding", "romashka-jsc"]
    assert len(pep["evidence"]["edges"]) == 2
    (before,) = _check(root, "romashka-jsc", as_of=date(2021, 12, 31))["matches"]
    assert before["signals"] == [] and before["score"] == 100.0


def test_shell_facts_with_their_points_add_up(root: Path) -> None:
    (match,) = _check(root, "shell")["matches"]
    codes = _codes(match)
    assert codes == {
        "YOUNG": 20.0,
        "MASS_DIRECTOR": 25.0,
        "OWNERSHIP_CYCLE": 25.0,
        "FOREIGN_OWNER": 5.0,
    }
    _adds_up(match)
    assert match["score"] == 25.0 and match["band"] == "high risk"
    cycle = next(s for s in match["signals"] if s["code"] == "OWNERSHIP_CYCLE")
    assert set(cycle["evidence"]["nodes"]) == {"shell", "offshore-a", "offshore-b"}
    # the nominee's eleventh seat began on 2024-03-01; on 2023-12-31 the shell did not exist yet
    (early,) = _check(root, "shell", as_of=date(2023, 12, 31))["matches"]
    assert "MASS_DIRECTOR" not in _codes(early) and "OWNERSHIP_CYCLE" not in _codes(early)
    assert "not registered yet" in early["signals"][0]["reason"]


def test_weights_and_bands_are_settings(root: Path) -> None:
    (match,) = _check(root, "shell", young=0.0, mass_director=0.0, high_risk_below=10.0)["matches"]
    assert match["score"] == 70.0 and match["band"] == "review"
    _adds_up(match)


def test_long_chain(root: Path) -> None:
    (match,) = _check(root, "romashka-jsc", long_chain_ties=2, pep=0.0)["matches"]
    assert _codes(match) == {"LONG_CHAIN": 10.0, "PEP": 0.0}
    chain = match["signals"][0]
    assert chain["evidence"]["nodes"] == ["minister", "holding", "romashka-jsc"]


def test_dissolved_and_ownerless(root: Path) -> None:
    (match,) = _check(root, "gone")["matches"]
    assert _codes(match) == {"DISSOLVED": 60.0, "UNKNOWN_OWNER": 10.0}
    _adds_up(match)


def test_no_findings_is_a_note_and_no_graph_is_not_found(root: Path, tmp_path: Path) -> None:
    report = _check(root, "romashka")
    assert report["as_of"] == DAY.isoformat() and report["dataset"] == GRAPH
    assert any("adaldyq graph findings" in note for note in report["notes"])
    with pytest.raises(NotFound, match="adaldyq graph build"):
        counterparty_check_job(load_settings(workspace=tmp_path / "empty"), "x")


def test_findings_by_org_id_and_a_pep_counted_once(tmp_path: Path) -> None:
    """B08 names the supplier by its org id, B09 by the award: both reach the company; B09 and
    today's PEP owner rest on one fact and count once."""
    world, buyer, supplier = World(), make_bin("0501", 1), make_bin("1001", 2)
    world.body("akimat", buyer)
    world.company("dep", supplier, incorporationDate="2010-01-10")
    world.person("minister", topics="role.pep")
    world.tie("Ownership", "minister", "dep", "2019-01-01")
    for month in (4, 5, 6):
        world.tender(f"ocds-{month}", buyer, [supplier], supplier, award_day=f"2023-0{month}-01")
    procurement = world.write(tmp_path)
    graph_findings_job(settings_for(tmp_path, ["B08", "B09"]), GRAPH, procurement)
    (match,) = _check(tmp_path, supplier)["matches"]
    points = {s["code"]: s["points"] for s in match["signals"]}
    assert points == {"B09": 42.0, "B08": 24.0, "PEP": 0.0}
    b09 = match["signals"][0]
    assert len(b09["evidence"]["findings"]) == 3 and "(and 2 more finding(s))" in b09["reason"]
    assert "counted there" in match["signals"][2]["reason"]
    assert (match["score"], match["band"]) == (34.0, "high risk")
    _adds_up(match)
