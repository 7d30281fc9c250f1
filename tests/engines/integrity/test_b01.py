"""B01 official <-> supplier kinship: the spouse's holding, an officeholder's directorship; near
misses: a marriage ended before the award, an owner four ties away, an official of another body."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.engines.integrity.world import World, by_rule, make_bin, path_of

BUYER, OTHER_BUYER = make_bin("0501", 100), make_bin("0601", 150)
A, B = make_bin("1001", 200), make_bin("1001", 300)


def _world() -> World:
    world = World()
    world.body("akimat", BUYER)
    world.body("ministry", OTHER_BUYER)
    world.company("alpha", A)
    world.company("beta", B)
    world.person("official")
    world.tie("Employment", "official", "akimat", "2019-01-01")
    return world


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_spouse_owning_the_supplier_through_a_holding(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("wife")
    world.company("holding", make_bin("0901", 700))
    world.tie("Family", "official", "wife", "2010-05-01", relationship="spouse")
    world.tie("Ownership", "wife", "holding", "2018-01-01")
    world.tie("Ownership", "holding", "alpha", "2018-02-01")
    world.tender("ocds-1", BUYER, [A, B], A, award_day="2023-04-01")
    [finding] = by_rule(world.run(tmp_path, backend, ["B01"]).findings, "B01")
    assert (finding.subject_id, finding.evidence["official"], finding.evidence["interested"]) == (
        "ocds-1",
        "official",
        "wife",
    )
    assert path_of(finding) == (
        ["akimat", "official", "wife", "holding", "alpha", "ocds-1/1"],
        ["Employment", "Family", "Ownership", "Ownership", "ContractAward"],
    )
    assert finding.evidence["path"]["edges"][-1]["start_day"] == "2023-04-01"
    assert finding.score == pytest.approx(0.8 * 0.9)
    assert "wife (spouse of the official)" in finding.explanation


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_officeholder_directing_the_supplier(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.entity("head-post", "Position", name="Head of akimat", organization="akimat")
    world.person("head")
    world.tie("Occupancy", "head", "head-post", "2020-01-01", "2024-12-31")
    world.tie("Directorship", "head", "beta", "2021-01-01")
    world.tender("ocds-1", BUYER, [A, B], B)
    [finding] = by_rule(world.run(tmp_path, backend, ["B01"]).findings, "B01")
    assert path_of(finding) == (
        ["akimat", "head-post", "head", "beta", "ocds-1/1"],
        ["Position organization", "Occupancy", "Directorship", "ContractAward"],
    )
    assert finding.score == 1.0


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_marriage_ended_before_the_award_links_nothing(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("wife")
    world.tie("Family", "official", "wife", "2010-05-01", "2022-12-31", relationship="spouse")
    world.tie("Ownership", "wife", "alpha", "2018-01-01")
    world.tender("ocds-1", BUYER, [A], A, award_day="2023-04-01")
    assert by_rule(world.run(tmp_path, backend, ["B01"]).findings, "B01") == []


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_an_owner_four_ties_away_is_outside_the_limit(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    chain = ["official", "h1", "h2", "h3", "alpha"]
    for serial, holding in enumerate(chain[1:4]):
        world.company(holding, make_bin("0901", 710 + serial * 10))
    for owner, asset in pairwise(chain):
        world.tie("Ownership", owner, asset)
    world.tender("ocds-1", BUYER, [A], A)
    assert by_rule(world.run(tmp_path, backend, ["B01"]).findings, "B01") == []
    world.tender("ocds-2", BUYER, [make_bin("0901", 720)], make_bin("0901", 720))
    [found] = by_rule(world.run(tmp_path / "again", backend, ["B01"]).findings, "B01")
    assert (found.subject_id, found.evidence["control_hops"]) == ("ocds-2", 2)


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_official_of_another_body_is_no_conflict(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.tie("Ownership", "official", "alpha", "2018-01-01")
    world.tender("ocds-1", OTHER_BUYER, [A], A)
    assert by_rule(world.run(tmp_path, backend, ["B01"]).findings, "B01") == []
    world.tender("ocds-2", BUYER, [A], A)
    assert [
        f.subject_id for f in by_rule(world.run(tmp_path / "b", backend, ["B01"]).findings, "B01")
    ] == ["ocds-2"]


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_official_of_the_overseeing_body(tmp_path: Path, backend: Backend) -> None:
    world = World()
    world.body("ministry", OTHER_BUYER)
    world.entity("department", "PublicBody", name="department", registrationNumber=BUYER,
                 parent="ministry")  # fmt: skip
    world.company("alpha", A)
    world.person("vice-minister")
    world.tie("Employment", "vice-minister", "ministry", "2019-01-01")
    world.tie("Directorship", "vice-minister", "alpha", "2020-01-01")
    world.tender("ocds-1", BUYER, [A], A)
    [finding] = by_rule(world.run(tmp_path, backend, ["B01"]).findings, "B01")
    assert path_of(finding) == (
        ["department", "ministry", "vice-minister", "alpha", "ocds-1/1"],
        ["Organization parent", "Employment", "Directorship", "ContractAward"],
    )
    assert (finding.evidence["seat"], finding.score) == ("ministry", pytest.approx(0.9))
    params = {"B01": {"oversight": False}}
    assert by_rule(world.run(tmp_path / "off", backend, ["B01"], params).findings, "B01") == []
