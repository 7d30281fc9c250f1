"""B06 shell signs (mass address, mass director at one time) and B08 single-buyer dependency."""

# ruff: noqa: RUF001  (Cyrillic addresses are the subject)

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from adaldyq.engines.integrity.rules.shell import peak
from adaldyq.engines.integrity.ties import Tie
from adaldyq.store.backend import Backend
from tests.engines.integrity.world import World, by_rule, make_bin, org_id, path_of

DUCKDB = pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)
PARAMS = {"B06": {"mass_address": 3, "mass_director": 3}}


@DUCKDB
def test_b06_mass_address_written_three_ways(tmp_path: Path, backend: Backend) -> None:
    world = World()
    addresses = ["г. Алматы, ул. Абая, д. 10, оф. 5", "Алматы қаласы, Абая көшесі, 10 үй, 5 кеңсе",
                 "050000, Almaty, Abaya street 10, office 5"]  # fmt: skip
    for n, address in enumerate(addresses):
        world.company(f"firm{n}", make_bin("1501", 100 + 10 * n), address=address)
    world.company("dissolved", make_bin("1501", 200), address=addresses[0],
                  dissolutionDate="2020-01-01")  # fmt: skip
    world.company("elsewhere", make_bin("1501", 300), address="г. Алматы, ул. Абая, д. 10, оф. 6")
    found = by_rule(world.run(tmp_path, backend, ["B06"], PARAMS).findings, "B06")
    assert [f.subject_id for f in found] == ["firm0", "firm1", "firm2"]
    assert {f.subject_type for f in found} == {"company"}
    nodes, types = path_of(found[0])
    assert nodes == ["firm0", "address:10 abaia almati office5"] and types == ["SharedAddress"]


@DUCKDB
def test_b06_mass_director_only_when_seats_overlap(tmp_path: Path, backend: Backend) -> None:
    world = World()
    for n in range(3):
        world.company(f"a{n}", make_bin("1501", 100 + 10 * n))
        world.company(f"b{n}", make_bin("1601", 100 + 10 * n))
    world.person("nominee")
    world.person("career")
    for n in range(3):
        world.tie("Directorship", "nominee", f"a{n}", f"2020-0{n + 1}-01")
        world.tie("Directorship", "career", f"b{n}", f"201{n}-01-01", f"201{n}-12-31")
    found = by_rule(world.run(tmp_path, backend, ["B06"], PARAMS).findings, "B06")
    assert [f.subject_id for f in found] == ["a0", "a1", "a2"]
    assert "on 2020-03-01" in found[0].evidence["sign"]
    assert path_of(found[1]) == (["nominee", "a1"], ["Directorship"])


def test_peak_counts_ties_alive_on_one_day() -> None:
    def tie(start: date | None, end: date | None) -> Tie:
        return Tie("t", "Directorship", "p", "c", start, end)

    ties = [tie(None, date(2020, 1, 1)), tie(date(2020, 1, 1), None), tie(date(2020, 1, 2), None)]
    assert peak(ties) == (2, date(2020, 1, 1))
    assert peak([tie(None, None), tie(None, None)]) == (2, None)


@DUCKDB
def test_b08_supplier_living_off_one_buyer(tmp_path: Path, backend: Backend) -> None:
    world = World()
    buyer, other = make_bin("0501", 100), make_bin("0601", 100)
    captured, diverse = make_bin("1001", 200), make_bin("1001", 300)
    for n in range(3):
        world.tender(f"ocds-c{n}", buyer, [captured], captured, amount=100.0)
        world.tender(f"ocds-d{n}", buyer, [diverse], diverse, amount=100.0)
    world.tender("ocds-d3", other, [diverse], diverse, amount=100.0)
    world.tender("ocds-c3", other, [captured], captured, amount=50.0)
    found = by_rule(world.run(tmp_path, backend, ["B08"]).findings, "B08")
    [finding] = found
    assert finding.subject_id == org_id(captured)
    assert finding.evidence["share"] == pytest.approx(300 / 350)
    assert finding.evidence["ocids"] == ["ocds-c0", "ocds-c1", "ocds-c2"]
    assert path_of(finding) == ([org_id(buyer), org_id(captured)], ["ContractAward"])


@DUCKDB
def test_b08_two_large_contracts_are_no_dependency(tmp_path: Path, backend: Backend) -> None:
    """Two awards of 100 from one buyer and one of 10 elsewhere: 95 % of the value, but fewer
    awards from that buyer than `min_buyer_awards` (3); with 2 it is flagged, its path on the
    graph's nodes."""
    world = World()
    buyer, other, supplier = make_bin("0501", 100), make_bin("0601", 100), make_bin("1001", 200)
    world.body("akimat", buyer)
    world.company("alpha", supplier)
    world.tender("ocds-1", buyer, [supplier], supplier, amount=100.0)
    world.tender("ocds-2", buyer, [supplier], supplier, amount=100.0)
    world.tender("ocds-3", other, [supplier], supplier, amount=10.0)
    assert by_rule(world.run(tmp_path / "3", backend, ["B08"]).findings, "B08") == []
    found = world.run(tmp_path / "2", backend, ["B08"], {"B08": {"min_buyer_awards": 2}})
    [finding] = by_rule(found.findings, "B08")
    assert path_of(finding) == (["akimat", "alpha"], ["ContractAward"])
