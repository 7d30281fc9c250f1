"""B09's share jump: a supplier's share of a body's awarded value rises after a person tied to it
takes office there. Near misses: the tie ended before the appointment, the rise is below `jump`,
too few awards on one side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adaldyq.store.backend import Backend
from tests.engines.integrity.world import World, by_rule, make_bin, path_of

BUYER, SUPPLIER, OTHER = make_bin("0501", 100), make_bin("1001", 200), make_bin("1001", 300)
pytestmark = pytest.mark.parametrize("backend_name", ["duckdb"], indirect=True)


def _world(owned_until: str | None = None) -> World:
    """Before 2023 the body buys three times from OTHER; from 2023-01-01, when the head's brother
    owns SUPPLIER, three awards of 100 go to SUPPLIER and one to OTHER."""
    world = World()
    world.body("akimat", BUYER)
    world.company("alpha", SUPPLIER)
    world.company("other", OTHER)
    world.person("head")
    world.person("brother")
    world.tie("Employment", "head", "akimat", "2023-01-01", role="head")
    world.tie("Family", "head", "brother", "1990-01-01", relationship="brother")
    world.tie("Ownership", "brother", "alpha", "2015-01-01", owned_until)
    for n, day in enumerate(("2022-03-01", "2022-06-01", "2022-09-01")):
        world.tender(f"ocds-b{n}", BUYER, [OTHER], OTHER, "2022-01-01", day, 100.0)
    for n, day in enumerate(("2023-02-01", "2023-05-01", "2023-08-01")):
        world.tender(f"ocds-a{n}", BUYER, [SUPPLIER], SUPPLIER, "2023-01-15", day, 100.0)
    world.tender("ocds-a3", BUYER, [OTHER], OTHER, "2023-01-15", "2023-09-01", 100.0)
    return world


def _jumps(world: World, root: Path, backend: Backend, **params: Any) -> list[Any]:
    found = world.run(root, backend, ["B09"], {"B09": params}).findings
    return [f for f in by_rule(found, "B09") if "after" in f.evidence]


def test_share_jumps_after_the_brother_takes_office(tmp_path: Path, backend: Backend) -> None:
    [finding] = _jumps(_world(), tmp_path, backend)
    evidence = finding.evidence
    assert (finding.subject_type, finding.subject_id) == ("supplier", f"KZ-BIN-{SUPPLIER}")
    assert (evidence["before"]["share"], evidence["after"]["share"]) == (0.0, 0.75)
    assert finding.value == 0.75
    assert evidence["before"]["from"] == "2022-01-01" and evidence["after"]["to"] == "2024-01-01"
    assert evidence["after"]["ocids"] == ["ocds-a0", "ocds-a1", "ocds-a2"]
    assert path_of(finding) == (
        ["akimat", "head", "brother", "alpha"],
        ["Employment", "Family", "Ownership"],
    )


def test_no_jump_without_the_tie_or_the_rise_or_the_awards(
    tmp_path: Path, backend: Backend
) -> None:
    assert _jumps(_world(owned_until="2022-12-31"), tmp_path / "sold", backend) == []
    assert _jumps(_world(), tmp_path / "rise", backend, jump=0.8) == []
    assert _jumps(_world(), tmp_path / "few", backend, min_body_awards=4) == []
    assert _jumps(_world(), tmp_path / "short", backend, window_days=200) == []
