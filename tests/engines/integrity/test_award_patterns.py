"""B03, B05, B07, B09, B10: each planted once with its expected path, and its near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.engines.integrity.world import World, by_rule, make_bin, path_of

BUYER = make_bin("0501", 100)
OLD, NEW = make_bin("1001", 200), make_bin("2301", 300)


def _world() -> World:
    world = World()
    world.body("akimat", BUYER)
    world.company("old", OLD)
    world.company("new", NEW)
    world.person("official", phone="+7 701 111 22 33", email="boss@akimat.kz")
    world.tie("Employment", "official", "akimat", "2019-01-01")
    return world


pytestmark = pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)


def test_b03_official_shares_a_phone_with_the_supplier_s_director(
    tmp_path: Path, backend: Backend
) -> None:
    world = _world()
    world.person("director", phone="8 701 111 2233")
    world.tie("Directorship", "director", "old", "2020-01-01")
    world.tender("ocds-1", BUYER, [OLD], OLD)
    [finding] = by_rule(world.run(tmp_path, backend, ["B03"]).findings, "B03")
    assert path_of(finding) == (
        ["akimat", "official", "phone:+77011112233", "director", "old", "ocds-1/1"],
        ["Employment", "SharedPhone", "SharedPhone", "Directorship", "ContractAward"],
    )


def test_b03_free_mail_domain_is_no_link(tmp_path: Path, backend: Backend) -> None:
    world = World()
    world.body("akimat", BUYER)
    world.company("old", OLD, email="sales@mail.ru")
    world.person("official", email="me@mail.ru")
    world.tie("Employment", "official", "akimat", "2019-01-01")
    world.tender("ocds-1", BUYER, [OLD], OLD)
    assert by_rule(world.run(tmp_path, backend, ["B03"]).findings, "B03") == []


def test_b05_company_registered_weeks_before_the_tender(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.tender("ocds-1", BUYER, [NEW, OLD], NEW, tender_day="2023-02-15", award_day="2023-03-20")
    world.tender("ocds-2", BUYER, [OLD], OLD, tender_day="2023-02-15", award_day="2023-03-20")
    result = world.run(tmp_path, backend, ["B05"])
    [finding] = by_rule(result.findings, "B05")
    assert finding.subject_id == "ocds-1"
    assert finding.evidence["registered"] == "2023-01-01"
    assert finding.evidence["registered_from"] == f"BIN {NEW} (month of registration)"
    assert finding.evidence["signs"] == [
        "registered 45 days before the tender",
        "registered 78 days before the award",
    ]
    assert path_of(finding) == (["new", "ocds-1/1"], ["ContractAward"])


def test_b05_incorporation_date_wins_over_the_bin(tmp_path: Path, backend: Backend) -> None:
    world = World()
    world.body("akimat", BUYER)
    world.company("new", NEW, incorporationDate="2015-06")  # an old firm re-registered in 2023
    world.tender("ocds-1", BUYER, [NEW], NEW, tender_day="2023-02-15", award_day="2023-03-20")
    assert by_rule(world.run(tmp_path, backend, ["B05"]).findings, "B05") == []


def test_b05_young_company_with_a_large_award(tmp_path: Path, backend: Backend) -> None:
    world = World()
    world.body("akimat", BUYER)
    world.company("new", NEW, incorporationDate="2022-09-10")
    world.tender("ocds-1", BUYER, [NEW], NEW, "2023-05-01", "2023-06-01", amount=80_000_000)
    world.tender("ocds-2", BUYER, [NEW], NEW, "2023-05-01", "2023-06-01", amount=1_000_000)
    [finding] = by_rule(world.run(tmp_path, backend, ["B05"]).findings, "B05")
    assert finding.subject_id == "ocds-1"
    assert finding.evidence["signs"] == ["264 days old at an award above 50,000,000"]


def test_b05_old_company_bought_weeks_before_the_award(tmp_path: Path, backend: Backend) -> None:
    world = World()
    world.body("akimat", BUYER)
    world.company("old", OLD, incorporationDate="2010-01-01")
    world.person("seller")
    world.person("buyer")
    world.tie("Ownership", "seller", "old", "2010-01-01", "2023-02-28")
    bought = world.tie("Ownership", "buyer", "old", "2023-03-01")
    world.tender("ocds-1", BUYER, [OLD], OLD, "2023-03-10", "2023-04-01")
    world.tender("ocds-2", BUYER, [OLD], OLD, "2023-08-01", "2023-09-01")  # 184 days on
    [finding] = by_rule(world.run(tmp_path, backend, ["B05"]).findings, "B05")
    assert finding.subject_id == "ocds-1"
    assert finding.evidence["signs"] == ["owner buyer since 2023-03-01, 31 days before the award"]
    assert path_of(finding) == (["buyer", "old", "ocds-1/1"], ["Ownership", "ContractAward"])
    assert finding.evidence["path"]["edges"][0]["id"] == bought


def test_b07_official_leaves_and_becomes_director(tmp_path: Path, backend: Backend) -> None:
    world = World()
    world.body("akimat", BUYER)
    world.company("old", OLD)
    world.person("former")
    world.tie("Employment", "former", "akimat", "2015-01-01", "2022-01-31")
    world.tie("Directorship", "former", "old", "2022-06-01")
    world.person("long-ago")
    world.tie("Employment", "long-ago", "akimat", "2010-01-01", "2018-12-31")
    world.tie("Ownership", "long-ago", "old", "2022-01-01")  # 3 years later: outside 24 months
    world.tender("ocds-1", BUYER, [OLD], OLD, award_day="2023-04-01")
    [finding] = by_rule(world.run(tmp_path, backend, ["B07"]).findings, "B07")
    assert (finding.evidence["person"], finding.evidence["gap_days"]) == ("former", 121)
    assert path_of(finding) == (
        ["akimat", "former", "old", "ocds-1/1"],
        ["Employment", "Directorship", "ContractAward"],
    )


def test_b07_former_owner_joins_the_buyer(tmp_path: Path, backend: Backend) -> None:
    world = World()
    world.body("akimat", BUYER)
    world.company("old", OLD)
    world.person("owner")
    world.tie("Ownership", "owner", "old", "2015-01-01", "2022-03-01")
    world.tie("Employment", "owner", "akimat", "2022-09-01")
    world.tender("ocds-1", BUYER, [OLD], OLD, award_day="2023-04-01")
    world.tender("ocds-0", BUYER, [OLD], OLD, award_day="2022-02-01")  # before the move
    [finding] = by_rule(world.run(tmp_path, backend, ["B07"]).findings, "B07")
    assert finding.subject_id == "ocds-1"
    assert finding.evidence["direction"] == "left the supplier, then joined the buyer"


def test_b09_pep_owner_and_b10_convicted_director(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("minister", topics="role.pep")
    world.person("convict", topics="crime.corruption")
    world.company("holding", make_bin("0901", 700))
    world.tie("Ownership", "minister", "holding", "2018-01-01")
    world.tie("Ownership", "holding", "old", "2018-01-01")
    world.tie("Directorship", "convict", "new", "2021-01-01", "2022-12-31")  # left before award
    world.tie("Directorship", "convict", "old", "2023-01-01")
    world.tender("ocds-1", BUYER, [OLD], OLD, award_day="2023-04-01")
    world.tender("ocds-2", BUYER, [NEW], NEW, award_day="2023-04-01")
    result = world.run(tmp_path, backend, ["B09", "B10"])
    [pep] = by_rule(result.findings, "B09")
    assert path_of(pep) == (
        ["minister", "holding", "old", "ocds-1/1"],
        ["Ownership", "Ownership", "ContractAward"],
    )
    assert pep.evidence["topics"] == ["role.pep"]
    [convict] = by_rule(result.findings, "B10")
    assert path_of(convict) == (
        ["convict", "old", "ocds-1/1"],
        ["Directorship", "ContractAward"],
    )


def test_award_rules_wait_for_procurement_data(tmp_path: Path, backend: Backend) -> None:
    result = _world().run(tmp_path, backend, ["B01", "B05", "B06"])
    assert result.not_run == {"B01": "not given: procurement", "B05": "not given: procurement"}
