"""Every Cardinal fixture gives exactly Cardinal's expected output, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adaldyq.store.backend import Backend
from tests.conftest import CARDINAL
from tests.engines.procurement.cardinal_fixture import run_fixture

FIXTURES = sorted((CARDINAL / "indicators").glob("*.jsonl"))

# Fixtures whose expected output needs a Cardinal quirk run with it (`procurement.compat`); the
# rule's own golden test shows the default, correct behaviour on the same kind of data.
QUIRKS: dict[str, dict[str, bool]] = {
    # Cardinal checks buyers against minimum_contracting_processes by counting submitted bids.
    "R038": {"bids_as_contracting_processes": True},
}


def _implemented() -> set[str]:
    from adaldyq.engines.procurement.registry import PROCUREMENT_RULES
    from adaldyq.engines.procurement.rules import load_all

    load_all()
    return set(PROCUREMENT_RULES.rules)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_matches_cardinal(fixture: Path, backend: Backend, tmp_path: Path) -> None:
    code = fixture.stem.split("-")[0]
    if code not in _implemented():
        pytest.fail(f"rule {code} is not implemented")
    expected = json.loads(fixture.with_suffix(".expected").read_text())
    compat = QUIRKS.get(fixture.stem, {})
    assert run_fixture(fixture, backend, tmp_path, compat=compat) == expected
