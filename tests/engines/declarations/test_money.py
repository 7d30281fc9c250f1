"""The family unit's totals: joint ownership counted at the family's part, never once per owner."""

from __future__ import annotations

from pathlib import Path

from adaldyq.engines.declarations.context import ScreenContext
from adaldyq.model.country import UKRAINE
from adaldyq.model.declarations import DECLARATION_TABLES
from adaldyq.settings import load_settings
from adaldyq.store.backend import connect
from adaldyq.store.catalog import Workspace
from tests.engines.declarations.population import declaration, screen


def _estate(item: str, value: float, **fields: object) -> dict[str, object]:
    return {
        "item_id": item, "owner_id": "declarant", "property_type": "apartment", "value": value,
        "value_currency": "UAH", **fields,
    }  # fmt: skip


def _right(item: str, holder: str, role: str, share: float | None) -> dict[str, object]:
    return {
        "section": "real_estate", "item_id": item, "holder_id": holder, "holder_role": role,
        "ownership_type": "joint_ownership", "ownership_share": share,
    }  # fmt: skip


def test_joint_ownership_counts_the_familys_part(tmp_path: Path) -> None:
    """r1 1,000,000 held 50/50 by declarant and spouse: 1,000,000 (not twice); r2 800,000 held
    50/50 with a third party: 400,000; r3 600,000 with a third party, no shares: 1 of 2 owners,
    300,000; r4 900,000 only used: 0; a car of 200,000 without rights rows: its own columns,
    whole. Property = 1,000,000 + 400,000 + 300,000 + 0 + 200,000 = 1,900,000."""
    owner = declaration(
        "owner",
        family=[{"member_id": "s1", "relation": "spouse"}],
        real_estate=[
            _estate("r1", 1_000_000, ownership_type="joint_ownership", ownership_share=50),
            _estate("r2", 800_000, ownership_type="joint_ownership", ownership_share=50),
            _estate("r3", 600_000, ownership_type="joint_ownership"),
            _estate("r4", 900_000, ownership_type="use"),
        ],
        vehicles=[
            {"item_id": "v1", "owner_id": "declarant", "value": 200_000, "value_currency": "UAH"}
        ],
        rights=[
            _right("r1", "declarant", "declarant", 50),
            _right("r1", "s1", "family", 50),
            _right("r2", "declarant", "declarant", 50),
            _right("r2", "t1", "third_party", 50),
            _right("r3", "declarant", "declarant", None),
            _right("r3", "t2", "third_party", None),
        ],
    )
    screen(tmp_path, [owner])
    settings = load_settings(workspace=tmp_path / "ws")
    with connect(settings) as backend:
        raw = backend.tables(Workspace(tmp_path / "ws"), "declarations", DECLARATION_TABLES)
        ctx = ScreenContext("declarations", backend, raw, "UAH", None, UKRAINE)
        (totals,) = ctx.rows(ctx.totals)
        items = ctx.items(ctx.totals, "property")["owner-2015"]
    assert totals["property"] == 1_900_000.0
    assert {i["item_id"]: i["amount"] for i in items} == {
        "r1": 1_000_000.0, "r2": 400_000.0, "r3": 300_000.0, "r4": 0.0, "v1": 200_000.0,
    }  # fmt: skip
