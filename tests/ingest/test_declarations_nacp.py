"""The real Ukrainian NACP declarations import with every record and item accounted for.

The counts are checked against an independent count over the raw JSON (items of each `step_N`),
and one declaration against values read in the file by eye.
"""

from __future__ import annotations

import bz2
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from adaldyq.ingest.declarations import DeclarationsIngest
from adaldyq.ingest.rate_table import read_exchange_rates
from adaldyq.ingest.report import IngestReport
from adaldyq.store.catalog import Workspace
from tests.conftest import SHARED_DATA

DATA = SHARED_DATA / "declarations_ua"
EXPORT = DATA / "decl_mps.json.bz2"
RAW = ("poroshenko_jr.json", "derkatch.json", "poroshenko.json")

# NACP steps and the tables they go to (change notices: step 2 is the change, an income)
STEP_TABLES = {
    "step_2": "declaration_family",
    "step_3": "declaration_real_estate",
    "step_4": "declaration_real_estate",
    "step_5": "declaration_valuables",
    "step_6": "declaration_vehicles",
    "step_7": "declaration_securities",
    "step_8": "declaration_securities",
    "step_11": "declaration_incomes",
    "step_12": "declaration_monetary_assets",
    "step_13": "declaration_liabilities",
    "step_14": "declaration_expenditures",
}


def _raw_declarations() -> Iterator[dict[str, Any]]:
    """The `data` of every declaration the folder import keeps: the export's 711, then
    poroshenko.json (derkatch.json and poroshenko_jr.json repeat export lines 653 and 447)."""
    with bz2.open(EXPORT, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)["_source"]["nacp_orig"]
    yield json.loads((DATA / "poroshenko.json").read_text(encoding="utf-8"))["data"]


def _independent_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for data in _raw_declarations():
        counts["declarations"] += 1
        change_notice = "changesYear" in data["step_0"]
        steps = {"step_2": "declaration_incomes"} if change_notice else STEP_TABLES
        for step, table in steps.items():
            section = data.get(step) or {}
            items = section.values() if isinstance(section, dict) else section
            counts[table] += sum(isinstance(item, dict) for item in items)
    return counts


def _table(workspace: Workspace, table: str) -> pa.Table:
    return pq.read_table(workspace.partition_dir(table, "declarations"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, IngestReport]:
    workspace = Workspace(tmp_path_factory.mktemp("nacp") / "ws")
    return workspace, DeclarationsIngest(workspace, "nacp").run([str(DATA)])


def test_every_declaration_is_loaded_or_rejected(imported: tuple[Workspace, IngestReport]) -> None:
    workspace, report = imported
    assert (report.read, report.loaded, report.rejected) == (714, 712, 2)
    assert report.balanced
    assert report.files[str(EXPORT)].as_dict() == {"read": 711, "loaded": 711, "rejected": 0}
    rejects = [json.loads(line) for line in workspace.output("rejects-declarations.jsonl").open()]
    assert {(Path(r["file"]).name, r["declaration_id"]) for r in rejects} == {
        ("derkatch.json", "a30ef15d-e56a-4d75-9745-a7c00dd866e3"),
        ("poroshenko_jr.json", "00aaa888-1ce1-474c-bff9-b89f0fd9b00c"),
    }
    assert all(r["reason"].startswith(f"already loaded from {EXPORT}, line") for r in rejects)
    written = json.loads(workspace.output("ingest-declarations.json").read_text())
    assert written["read"] == written["loaded"] + written["rejected"]


def test_every_item_of_every_section_is_a_row(imported: tuple[Workspace, IngestReport]) -> None:
    workspace, report = imported
    expected = _independent_counts()
    for table, count in expected.items():
        assert _table(workspace, table).num_rows == count, table
        assert report.rows[table] == count, table
    assert expected["declaration_real_estate"] == 7219
    assert expected["declaration_incomes"] == 4378


def test_declaration_types_and_years(imported: tuple[Workspace, IngestReport]) -> None:
    workspace, _ = imported
    declarations = _table(workspace, "declarations").to_pylist()
    kinds = Counter((d["declaration_type"], d["year"]) for d in declarations)
    # the README's census of the export, plus poroshenko.json (annual 2015)
    assert kinds == {
        ("annual", 2015): 644,
        ("annual", 2016): 50,
        ("annual", 2017): 2,
        ("change_notice", 2017): 9,
        ("candidate", 2015): 4,
        ("candidate", 2016): 2,
        ("after_dismissal", 2015): 1,
    }
    # the export's 451 persons, and the President from poroshenko.json
    assert len({d["person_id"] for d in declarations}) == 452


def test_derkatch_family_and_their_items(imported: tuple[Workspace, IngestReport]) -> None:
    """derkatch.json: wife Оксана (1477128985030) and two sons; the wife refused to give values."""
    workspace, _ = imported
    ident = "a30ef15d-e56a-4d75-9745-a7c00dd866e3"
    family = {
        m["member_id"]: (m["first_name"], m["relation"])
        for m in _table(workspace, "declaration_family").to_pylist()
        if m["declaration_id"] == ident
    }
    assert family == {
        "1477128985030": ("Оксана", "spouse"),
        "1477129178060": ("Григорій", "child"),
        "1477129558566": ("Міхаіл", "child"),
    }
    estate = [
        r for r in _table(workspace, "declaration_real_estate").to_pylist()
        if r["declaration_id"] == ident
    ]  # fmt: skip
    owners = Counter((r["owner_id"], r["owner_role"]) for r in estate)
    assert owners == {("1477128985030", "family"): 9, ("declarant", "declarant"): 4}
    assert sum(r["under_construction"] for r in estate) == 1
    assets = [
        r for r in _table(workspace, "declaration_monetary_assets").to_pylist()
        if r["declaration_id"] == ident and r["owner_id"] == "1477128985030"
    ]  # fmt: skip
    assert sorted((r["asset_type"], r["amount"], r["amount_status"]) for r in assets) == [
        ("bank_account", 6_041_040.0, None),
        ("cash", None, "refused"),
        ("lent_to_others", None, "refused"),
        ("other", None, "refused"),
        ("precious_metals", None, "refused"),
    ]
    bmw = [
        r for r in _table(workspace, "declaration_rights").to_pylist()
        if r["declaration_id"] == ident and r["item_id"] == "1477143676525"
    ]  # fmt: skip
    assert [(r["holder_role"], r["ownership_type"]) for r in bmw] == [("third_party", "use")]


def test_masked_values_stay_masked(imported: tuple[Workspace, IngestReport]) -> None:
    workspace, _ = imported
    estate = _table(workspace, "declaration_real_estate").to_pylist()
    cities = Counter(r["city"] for r in estate)
    assert cities["[Конфіденційна інформація]"] == 106  # text kept as the publisher masked it
    statuses = Counter(r["value_status"] for r in estate)
    assert statuses["not_applicable"] > 3000
    assert statuses["refused"] > 0
    assert statuses[None] + sum(v for k, v in statuses.items() if k) == len(estate)


def test_field_issues_name_the_source_path(imported: tuple[Workspace, IngestReport]) -> None:
    workspace, report = imported
    issues = [json.loads(line) for line in workspace.output("issues-declarations.jsonl").open()]
    assert len(issues) == report.issues == 43
    currency = [i for i in issues if "amount given without currency" in i["reason"]]
    assert len(currency) == 3
    assert all(i["path"].startswith("_source.nacp_orig.step_12.") for i in currency)
    owners = [i for i in issues if i["reason"].startswith("owner_id:")]
    assert {(i["line"], i["path"]) for i in owners} >= {
        (101, "_source.nacp_orig.step_6.1476617408606")
    }


def test_hand_checked_declaration(tmp_path: Path) -> None:
    """poroshenko_jr.json, read by eye: annual 2015, filed 17.02.2017; 7 incomes summing to
    77,212 + 1,933,367 + 68,808 + 59,158 + 80,559 + 24,628 + 26,721 = 2,270,453 UAH; 5 real
    estate items (an office of 178.50 m² bought 15.11.2013 for 1,800,000 UAH and four shares of
    one 80.66 m² flat); a bank account of 205,240 USD, which at NBU's 24.000667 UAH/USD of
    31.12.2015 is 4,925,896.89 UAH; a 2011 BMW 320i bought for 424,640 UAH."""
    workspace = Workspace(tmp_path / "ws")
    report = DeclarationsIngest(workspace, "nacp").run([str(DATA / "poroshenko_jr.json")])
    assert (report.read, report.loaded, report.issues) == (1, 1, 0)
    tables = Path(workspace.tables_dir)
    sql = duckdb.connect()
    head = sql.execute(
        f"select full_name, year, declaration_type, submitted_on "
        f"from '{tables}/declarations/*/*.parquet'"
    ).fetchall()
    assert head == [("Порошенко Олексій Петрович", 2015, "annual", date(2017, 2, 17))]
    income = sql.execute(
        f"select count(*), sum(amount), min(amount_currency), "
        f"sum(amount) filter (where owner_role = 'declarant') "
        f"from '{tables}/declaration_incomes/*/*.parquet'"
    ).fetchone()
    assert income == (7, 2_270_453.0, "UAH", 157_771.0)
    office = sql.execute(
        f"select count(*), max(area_m2), max(value), max(acquired_on) filter (where value > 0) "
        f"from '{tables}/declaration_real_estate/*/*.parquet'"
    ).fetchone()
    assert office == (5, 178.5, 1_800_000.0, date(2013, 11, 15))
    (usd,) = sql.execute(
        f"select amount from '{tables}/declaration_monetary_assets/*/*.parquet' "
        f"where owner_id = 'declarant' and asset_type = 'bank_account' and amount_currency = 'USD'"
    ).fetchone() or (None,)
    rates = tmp_path / "rates.csv"
    rates.write_text("date,currency,rate\n31.12.2015,USD,24.000667\n", encoding="utf-8")
    converted = read_exchange_rates(rates, "UAH").convert(usd, "USD", date(2015, 12, 31))
    assert converted.amount == pytest.approx(4_925_896.89, abs=0.01)
    bmw = sql.execute(
        f"select manufacture_year, value, acquired_on from "
        f"'{tables}/declaration_vehicles/*/*.parquet' where brand = 'BMW'"
    ).fetchall()
    assert bmw == [(2011, 424_640.0, date(2011, 6, 9))]
