"""The counterparty check on the synthetic integrity world after `graph_findings_job`: planted
B04, B05 and B06 companies score below 100 with their findings as signals (a stored B06 finding
and the mass address read from the graph count once), an untouched company scores 100, `as_of`
before the award drops the B05 finding, and in the clean world every company scores 100."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from adaldyq.ingest.ocds import OcdsIngest
from adaldyq.jobs.counterparty import counterparty_check_job
from adaldyq.jobs.graph import import_graph
from adaldyq.jobs.integrity import graph_findings_job
from adaldyq.settings import Settings
from adaldyq.store.catalog import Workspace
from adaldyq.synthetic.integrity_world import generate_world, read_awards
from tests.engines.integrity.test_synthetic_world import GRAPH_RULES, PARAMS, PROCESSES
from tests.engines.integrity.world import settings_for


def _world(root: Path, planted: bool) -> tuple[Settings, list[dict[str, Any]], Path]:
    world = generate_world(root / "world", PROCESSES, seed=3, planted=planted)
    workspace = Workspace(root / "ws")
    import_graph(workspace, [str(world.graph)], "graph")
    OcdsIngest(workspace, dataset="tenders").run([str(world.releases)])
    settings = settings_for(root, GRAPH_RULES, PARAMS)
    graph_findings_job(settings, "graph", "tenders")
    truth = [orjson.loads(line) for line in world.truth.read_bytes().splitlines()]
    return settings, truth, world.releases


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, Any], Path]:
    settings, truth, releases = _world(tmp_path_factory.mktemp("planted"), planted=True)
    return settings, {row["pattern"]: row for row in truth}, releases


def _only(settings: Settings, node: str, **kwargs: Any) -> dict[str, Any]:
    (match,) = counterparty_check_job(settings, node, **kwargs).to_json()["matches"]
    total = min(100.0, sum(s["points"] for s in match["signals"]))
    assert match["score"] == round(100 - total, 1), "the contributions must add up to the score"
    return dict(match)


def _codes(match: dict[str, Any]) -> set[str]:
    return {s["code"] for s in match["signals"] if s["points"]}


@pytest.mark.parametrize(
    ("pattern", "counted", "finding"),
    [
        ("B05", {"B05"}, "B05"),
        ("B04-director", {"B04"}, "B04"),
        ("B04-phone", {"B04"}, "B04"),
        ("B06-address", {"MASS_ADDRESS"}, "B06"),  # the graph fact has more points
        ("B06-director", {"MASS_DIRECTOR"}, "B06"),
    ],
)
def test_planted_companies_score_below_a_clean_one(
    planted: tuple[Settings, dict[str, Any], Path], pattern: str, counted: set[str], finding: str
) -> None:
    settings, truth, _ = planted
    company = truth[pattern]["subjects"][0]
    match = _only(settings, company)
    assert counted <= _codes(match)
    assert match["score"] < 100 and match["band"] != "no signals"
    stored = next(s for s in match["signals"] if s["code"] == finding)
    assert stored["evidence"]["findings"] and company in stored["evidence"]["nodes"]
    touched = {node for row in truth.values() for node in (*row["subjects"], *row["path"])}
    clean = next(
        f"kz-bin-{award.supplier}" for award in read_awards(planted[2])
        if f"kz-bin-{award.supplier}" not in touched
    )  # fmt: skip
    assert _only(settings, clean)["score"] == 100.0 > match["score"]


def test_a_stored_b06_finding_and_the_graph_fact_count_once(
    planted: tuple[Settings, dict[str, Any], Path],
) -> None:
    settings, truth, _ = planted
    match = _only(settings, truth["B06-address"]["subjects"][0])
    on_address = [s for s in match["signals"] if s["code"] in ("B06", "MASS_ADDRESS")]
    assert sorted(s["code"] for s in on_address) == ["B06", "MASS_ADDRESS"]
    assert sorted(s["points"] > 0 for s in on_address) == [False, True]
    assert any("counted there" in s["reason"] for s in on_address)


def test_as_of_before_the_award_drops_the_finding(
    planted: tuple[Settings, dict[str, Any], Path],
) -> None:
    settings, truth, releases = planted
    row = truth["B05"]
    day = next(a.day for a in read_awards(releases) if a.ocid == row["ocid"])
    company = row["subjects"][0]
    assert "B05" in _codes(_only(settings, company, as_of=day))
    assert "B05" not in _codes(_only(settings, company, as_of=day - timedelta(days=1)))


def test_clean_world_companies_all_score_100(tmp_path: Path) -> None:
    settings, truth, releases = _world(tmp_path, planted=False)
    assert truth == []
    companies = sorted({f"kz-bin-{a.supplier}" for a in read_awards(releases)})
    assert companies
    for company in companies:
        match = _only(settings, company)
        assert (match["score"], match["signals"]) == (100.0, []), company
