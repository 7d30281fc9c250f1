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


def _income(person: str, year: int, income_type: str) -> dict[str, Any]:
    """The declarant's spouse was paid by the supplier (`income_type`) in `year`."""
    document = _declaration(person, year, OTHER)
    document["family"] = [{"member_id": "wife", "relation": "spouse"}]
    document["incomes"] = [
        {"item_id": f"i-{income_type}", "owner_id": "wife", "income_type": income_type,
         "source_code": SUPPLIER, "source_name": "TOO alpha", "amount": 5e6,
         "amount_currency": "KZT"}
    ]  # fmt: skip
    return document


def test_income_from_the_supplier_is_a_declared_interest(tmp_path: Path, backend: Backend) -> None:
    world = _world(_income("850101300123", 2023, "dividends"))
    [finding] = by_rule(world.run(tmp_path, backend, ["B02"]).findings, "B02")
    evidence = finding.evidence
    assert (evidence["section"], evidence["interest"], evidence["holder"]) == (
        "declaration_incomes",
        "dividends",
        "wife",
    )
    declared = evidence["path"]["edges"][1]
    assert (declared["id"], declared["source_file"]) == (
        "850101300123-2023/incomes/i-dividends",
        "declaration_incomes",
    )


def test_interest_income_or_securities_only_is_no_finding(tmp_path: Path, backend: Backend) -> None:
    world = _world(_income("850101300123", 2023, "interest"))
    assert by_rule(world.run(tmp_path / "interest", backend, ["B02"]).findings, "B02") == []
    world = _world(_income("850101300123", 2023, "dividends"))
    found = world.run(tmp_path / "off", backend, ["B02"], {"B02": {"income_types": []}}).findings
    assert by_rule(found, "B02") == []
