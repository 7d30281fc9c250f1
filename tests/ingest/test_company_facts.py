"""The company facts CSV form: dated capital, staff, turnover and tax loaded into the graph
dataset's `company_facts` table beside the nodes; every other line rejected with its field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from adaldyq.store.catalog import Workspace
from tests.engines.integrity.world import make_bin
from tests.ingest.graph_helpers import run_import

ALPHA = make_bin("1502", 200)
FACTS = f"""company_id;date;capital;capital_currency;employees;turnover;tax_paid;currency
{ALPHA};2015-02-10;100 000;KZT;;;;
{ALPHA};2023-03-01;50000000;KZT;;;;
{ALPHA};2023;;;0;800 000 000,5;120000;KZT
{ALPHA};2024;;;;;;
{ALPHA};2024;1000;;;;;
{ALPHA};2024;;;;5000;;
{ALPHA};2024;;;2.5;;;
local-7;2024-13;;;3;;;
"""


def test_facts_load_with_their_days_and_bad_lines_are_rejected(tmp_path: Path) -> None:
    source = tmp_path / "facts.csv"
    source.write_text(FACTS, encoding="utf-8")
    run = run_import(tmp_path, [source])
    assert (run.report.read, run.report.loaded, run.report.rejected) == (8, 3, 5)
    assert run.report.rows["company_facts"] == 3
    assert [(r["line"], r["path"]) for r in run.rejects] == [
        (5, "capital"), (6, "capital_currency"), (7, "currency"), (8, "employees"), (9, "date"),
    ]  # fmt: skip
    table = Workspace(tmp_path / "workspace").partition_dir("company_facts", "test")
    rows = pq.read_table(table).to_pylist()
    assert {r["company"] for r in rows} == {f"kz-bin-{ALPHA}"}
    raised, yearly = rows[1], rows[2]
    assert (raised["capital"], raised["first_day"], raised["last_day"]) == (
        50_000_000.0,
        date(2023, 3, 1),
        date(2023, 3, 1),
    )
    assert (yearly["employees"], yearly["turnover"], yearly["tax_paid"]) == (
        0,
        800_000_000.5,
        1.2e5,
    )
    assert (yearly["first_day"], yearly["last_day"]) == (date(2023, 1, 1), date(2023, 12, 31))
    assert yearly["source_line"] == 4
