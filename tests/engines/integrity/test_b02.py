"""B02 declared interest wins: the official's own declaration and the spouse's list the supplier's
shares; near misses: a declaration too old for the award, another company's shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adaldyq.store.backend import Backend
from tests.engines.integrity.world import World, by_rule, make_bin, path_of

BUYER, SUPPLIER, OTHER = make_bin("0501", 100), make_bin("1001", 200), make_bin("1001", 300)
pytestmark = pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)


def _declaration(person: str, year: int, issuer: str) -> dict[str, Any]:
    shares = {
        "item_id": f"s-{person}-{year}",
        "owner_id": "declarant",
        "issuer_code": issuer,
        "issuer_name": f"TOO {issuer}",
        "share_percent": 50,
        "security_type": "shares",
    }
    return {
        "declaration_id": f"{person}-{year}",
        "person_id": person,
        "year": year,
        "declaration_type": "annual",
        "country": "KZ",
        "securities": [shares],
    }


def _world(*declarations: dict[str, Any]) -> World:
    world = World(declarations=list(declarations))
    world.body("akimat", BUYER)
    world.company("alpha", SUPPLIER)
    world.person("official", idNumber="850101300123")
    world.person("wife", idNumber="870202400456")
    world.tie("Employment", "official", "akimat", "2019-01-01")
    world.tie("Family", "official", "wife", "2010-01-01", relationship="spouse")
    world.tender("ocds-1", BUYER, [SUPPLIER], SUPPLIER, award_day="2023-04-01")
    return world


def test_official_s_own_declared_shares(tmp_path: Path, backend: Backend) -> None:
    world = _world(_declaration("850101300123", 2022, SUPPLIER))
    [finding] = by_rule(world.run(tmp_path, backend, ["B02"]).findings, "B02")
    assert path_of(finding) == (
        ["akimat", "official", "alpha", "ocds-1/1"],
        ["Employment", "DeclaredInterest", "ContractAward"],
    )
    declared = finding.evidence["path"]["edges"][1]
    assert (declared["source_record"], declared["start_day"]) == ("850101300123-2022", "2022-01-01")
    assert finding.score == 1.0


def test_spouse_s_declaration(tmp_path: Path, backend: Backend) -> None:
    world = _world(_declaration("870202400456", 2023, SUPPLIER))
    [finding] = by_rule(world.run(tmp_path, backend, ["B02"]).findings, "B02")
    assert path_of(finding)[0] == ["akimat", "official", "wife", "alpha", "ocds-1/1"]
    assert finding.score == pytest.approx(0.8)


def test_old_declaration_or_other_company_is_no_finding(tmp_path: Path, backend: Backend) -> None:
    world = _world(
        _declaration("850101300123", 2020, SUPPLIER), _declaration("870202400456", 2023, OTHER)
    )
    assert by_rule(world.run(tmp_path, backend, ["B02"]).findings, "B02") == []


def test_b02_is_not_run_without_declarations(tmp_path: Path, backend: Backend) -> None:
    result = _world().run(tmp_path, backend, ["B02"])
    assert result.not_run == {"B02": "not given: declarations"}
