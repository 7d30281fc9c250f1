"""B04 collusive bidders: a common owner, co-ownership through a holding, a shared phone, a
shared corporate domain; near misses (an owner who sold before the tender, two different gmail
mailboxes, bidders sharing nothing) give nothing; linked pairs form rings."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.engines.integrity.world import World, by_rule, make_bin, org_id, path_of

BUYER = make_bin("0501", 100)
A, B, C, D = (make_bin("1001", n) for n in (200, 300, 400, 500))


def _world() -> World:
    world = World()
    world.body("akimat", BUYER)
    for key, bin_ in (("alpha", A), ("beta", B), ("gamma", C), ("delta", D)):
        world.company(key, bin_)
    return world


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_common_owner_is_found_with_its_path(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("owner")
    own_a = world.tie("Ownership", "owner", "alpha", "2020-01-01")
    own_b = world.tie("Ownership", "owner", "beta", "2021-06-01")
    world.tender("ocds-1", BUYER, [A, B, C], A)
    [finding] = by_rule(world.run(tmp_path, backend, ["B04"]).findings, "B04")
    assert (finding.subject_type, finding.subject_id, finding.ocid) == (
        "process",
        "ocds-1",
        "ocds-1",
    )
    assert (finding.evidence["bidder_a"], finding.evidence["bidder_b"]) == tuple(
        sorted([org_id(A), org_id(B)])
    )
    nodes, types = path_of(finding)
    assert types == ["Ownership", "Ownership"]
    assert set(nodes) == {"alpha", "owner", "beta"} and nodes[1] == "owner"
    assert {e["id"] for e in finding.evidence["path"]["edges"]} == {own_a, own_b}
    assert finding.evidence["ring"] == sorted([org_id(A), org_id(B)])
    assert "common controller owner" in finding.explanation


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_owner_who_sold_before_the_tender_links_nothing(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("owner")
    world.tie("Ownership", "owner", "alpha", "2020-01-01")
    world.tie("Ownership", "owner", "beta", "2019-01-01", "2023-02-28")
    world.tender("ocds-1", BUYER, [A, B], A, tender_day="2023-03-01")
    assert by_rule(world.run(tmp_path, backend, ["B04"]).findings, "B04") == []


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_co_ownership_through_a_holding_within_two_hops(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("owner")
    world.company("holding", make_bin("0901", 700))
    world.tie("Ownership", "owner", "holding")
    world.tie("Ownership", "holding", "alpha")
    world.tie("Directorship", "owner", "beta")
    world.tender("ocds-1", BUYER, [A, B], B)
    [finding] = by_rule(world.run(tmp_path, backend, ["B04"]).findings, "B04")
    nodes, types = path_of(finding)
    assert nodes == ["alpha", "holding", "owner", "beta"]
    assert types == ["Ownership", "Ownership", "Directorship"]
    one_hop = world.run(tmp_path / "one", backend, ["B04"], {"B04": {"hops": 1}})
    assert by_rule(one_hop.findings, "B04") == []


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_shared_phone_and_corporate_domain_but_not_free_mail(
    tmp_path: Path, backend: Backend
) -> None:
    world = _world()
    contacts = {
        A: {"contactPoint": {"telephone": "8 (727) 123-45-67", "email": "a@gmail.com"}},
        B: {"contactPoint": {"telephone": "+7 727 1234567", "email": "b@gmail.com"}},
        C: {"contactPoint": {"email": "tenders@stroy.kz"}},
        D: {"contactPoint": {"email": "Office@Stroy.kz"}},
    }
    world.tender("ocds-1", BUYER, [A, B, C, D], A, contacts=contacts)
    found = by_rule(world.run(tmp_path, backend, ["B04"]).findings, "B04")
    pairs = {(f.evidence["bidder_a"], f.evidence["bidder_b"]): f for f in found}
    assert set(pairs) == {
        tuple(sorted([org_id(A), org_id(B)])),
        tuple(sorted([org_id(C), org_id(D)])),
    }
    phone = pairs[tuple(sorted([org_id(A), org_id(B)]))]
    assert [link["kind"] for link in phone.evidence["links"]] == ["shared phone"]
    assert path_of(phone)[0][1] == "phone:+77271234567"
    assert path_of(phone)[1] == ["SharedPhone", "SharedPhone"]
    domain = pairs[tuple(sorted([org_id(C), org_id(D)]))]
    assert [link["via"] for link in domain.evidence["links"]] == ["email_domain:stroy.kz"]


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_bidders_sharing_nothing_give_nothing(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("p1")
    world.person("p2")
    world.tie("Ownership", "p1", "alpha")
    world.tie("Ownership", "p2", "beta")
    world.tie("Family", "p1", "p2")  # kin, but B04 reads control and contacts only
    city = {"address": {"locality": "Алматы"}}  # a city alone is no shared address
    contacts = {
        A: {**city, "contactPoint": {"telephone": "+7 727 111 1111"}},
        B: {**city, "contactPoint": {"telephone": "+7 727 222 2222"}},
    }
    world.tender("ocds-1", BUYER, [A, B, C], A, contacts=contacts)
    result = world.run(tmp_path, backend, ["B04"])
    assert by_rule(result.findings, "B04") == []


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_pairs_across_tenders_form_one_ring(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    world.person("x")
    world.person("y")
    world.tie("Directorship", "x", "alpha")
    world.tie("Directorship", "x", "beta")
    world.tie("Directorship", "y", "beta")
    world.tie("Directorship", "y", "gamma")
    world.tender("ocds-1", BUYER, [A, B], A)
    world.tender("ocds-2", BUYER, [B, C], C)
    found = by_rule(world.run(tmp_path, backend, ["B04"]).findings, "B04")
    assert [f.subject_id for f in found] == ["ocds-1", "ocds-2"]
    ring = sorted(org_id(b) for b in (A, B, C))
    assert all(f.evidence["ring"] == ring for f in found)


@pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
def test_unmatched_bidders_are_counted(tmp_path: Path, backend: Backend) -> None:
    world = _world()
    stranger = make_bin("1105", 900)
    world.tender("ocds-1", BUYER, [A, stranger], A)
    result = world.run(tmp_path, backend, ["B04"])
    assert result.unmatched["bidder"]["sample"] == [org_id(stranger)]
