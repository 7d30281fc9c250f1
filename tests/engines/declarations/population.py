"""Small canonical declarations built in code, one planted pattern per person, and the helper
that imports and screens them the way `adaldyq declarations screen` does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from adaldyq.jobs.declarations import ScreenSummary, screen_declarations_job
from adaldyq.settings import load_settings

RATES = "date,currency,rate\n2015-12-31,USD,25\n2015-12-31,EUR,30\n2016-12-31,USD,27\n"
"""Round rates, so the expected sums can be computed by hand."""


def declaration(person: str, year: int = 2015, **sections: Any) -> dict[str, Any]:
    """An annual declaration of `person` (id `<person>-<year>` unless given)."""
    head = {
        "declaration_id": f"{person}-{year}",
        "person_id": person,
        "year": year,
        "declaration_type": "annual",
        "country": "UA",
    }
    return head | sections


def income(kind: str, amount: float, owner: str = "declarant", currency: str = "UAH") -> dict:
    return _item("i", owner, income_type=kind, amount=amount, amount_currency=currency)


def money(kind: str, amount: float, owner: str = "declarant", currency: str = "UAH") -> dict:
    return _item("m", owner, asset_type=kind, amount=amount, amount_currency=currency)


def debt(kind: str, amount: float, owner: str = "declarant") -> dict:
    return _item("l", owner, liability_type=kind, amount=amount, amount_currency="UAH")


def spent(amount: float) -> dict:
    return _item(
        "e", "declarant", expenditure_kind="expenditure", action="purchase", amount=amount,
        amount_currency="UAH",
    )  # fmt: skip


_counter = iter(range(1_000_000))


def _item(prefix: str, owner: str, **fields: Any) -> dict[str, Any]:
    return {"item_id": f"{prefix}{next(_counter)}", "owner_id": owner, **fields}


def write_inputs(folder: Path, inputs: dict[str, str]) -> dict[str, list[Path]]:
    """Each optional screening input's CSV text written to `<kind>.csv`; kind -> [file]."""
    files = {}
    for kind, content in inputs.items():
        files[kind] = [folder / f"{kind}.csv"]
        files[kind][0].write_text(content, encoding="utf-8")
    return files


def screen(
    tmp_path: Path,
    people: list[dict[str, Any]],
    inputs: dict[str, str] | None = None,
    **settings: Any,
) -> tuple[ScreenSummary, list[dict[str, Any]]]:
    """Write the declarations as canonical JSON Lines, import and screen them with the round
    rates and the optional inputs given as CSV text by kind; the summary and the findings
    (evidence parsed)."""
    source = tmp_path / "declarations.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in people), encoding="utf-8")
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES, encoding="utf-8")
    options = load_settings(workspace=tmp_path / "ws", **settings)
    files = write_inputs(tmp_path, inputs or {})
    summary = screen_declarations_job(
        options, [str(source)], "canonical", rates, screening_inputs=files
    )
    rows = pq.read_table(summary.findings_file).to_pylist()
    for row in rows:
        row["evidence"] = json.loads(row["evidence"])
    return summary, rows
