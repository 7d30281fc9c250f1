"""The plan-line and bid-score CSV readers: bad lines rejected with file, line and field."""

from __future__ import annotations

from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest

from adaldyq.errors import InputError
from adaldyq.ingest.bid_scores import ingest_bid_scores
from adaldyq.ingest.plans import ingest_plan_lines, read_reference_prices
from adaldyq.store.catalog import Workspace

PLAN_HEADER = (
    "plan_id;buyer_id;buyer_name;year;classification_scheme;classification_id;description;"
    "quantity;unit;unit_price;currency;region\n"
)


def _rejects(workspace: Workspace, table: str) -> list[tuple[object, ...]]:
    lines = workspace.output(f"rejects-{table}.jsonl").read_bytes().splitlines()
    return [tuple(orjson.loads(line).values()) for line in lines]


def test_plan_lines_with_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "plans.csv"
    source.write_text(
        PLAN_HEADER
        + "p1;KZ-BIN-1;School;2023;KZ-ENSTRU;171912;Paper;1 000;pack;12,50;KZT;Almaty\n"
        + "p1;KZ-BIN-1;School;2023;KZ-ENSTRU;171912;Paper;5;pack;12;KZT;\n"
        + "p2;KZ-BIN-1;School;23;KZ-ENSTRU;171912;Paper;5;pack;12;KZT;\n"
        + "p3;KZ-BIN-1;School;2023;KZ-ENSTRU;171912;Paper;0;pack;12;KZT;\n"
        + "p4;;School;2023;KZ-ENSTRU;171912;Paper;5;pack;12;KZT;\n"
        + "p5;KZ-BIN-1;School;2023;KZ-ENSTRU;171912;Paper;5;pack;12;tenge;\n"
        + "p6;KZ-BIN-1\n"
        + "\n",
        encoding="utf-8",
    )
    workspace = Workspace(tmp_path / "ws")
    report = ingest_plan_lines(workspace, [source], "kz")
    assert (report.read, report.loaded, report.rejected) == (7, 1, 6)
    assert report.balanced
    file = str(source)
    assert _rejects(workspace, "plan_lines") == [
        (file, 3, None, "plan_id", f"duplicate plan_id: first loaded at {file}, line 2"),
        (file, 4, None, "year", "not a four-digit year: '23'"),
        (file, 5, None, "quantity", "must be greater than 0, got '0'"),
        (file, 6, None, "buyer_id", "required value is missing"),
        (file, 7, None, "currency", "not an ISO 4217 currency code (three capital letters): "
         "'tenge'"),
        (file, 8, None, "", "wrong number of fields: expected 12, got 2"),
    ]  # fmt: skip
    rows = pq.read_table(workspace.partition_dir("plan_lines", "kz")).to_pylist()
    assert [
        (r["plan_id"], r["ocid"], r["quantity"], r["unit_price"], r["region"]) for r in rows
    ] == [("p1", None, 1000.0, 12.5, "Almaty")]


def test_plan_header_errors_name_the_field(tmp_path: Path) -> None:
    source = tmp_path / "plans.csv"
    source.write_text(PLAN_HEADER.replace("unit_price", "unit_prce"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        ingest_plan_lines(Workspace(tmp_path / "ws"), [source], "kz")
    assert (error.value.path, error.value.record, error.value.field) == (
        str(source),
        1,
        "unit_prce",
    )


def test_a_file_without_one_good_line_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "plans.csv"
    source.write_text(PLAN_HEADER + "p1;B;S;20x3;S;C;D;1;u;1;KZT;\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: year: no line could be loaded"):
        ingest_plan_lines(Workspace(tmp_path / "ws"), [source], "kz")


def test_bid_scores_are_checked_against_earlier_lines(tmp_path: Path) -> None:
    source = tmp_path / "scores.csv"
    source.write_text(
        "ocid,lot_id,tenderer_id,price,criterion,weight,score,discount\n"
        "o1,L1,T1,1000,experience,,,5\n"
        "o1,L1,T1,1000,experience,,,3\n"  # same criterion twice
        "o1,L1,T1,990,taxes,,,1\n"  # another price for the same bid
        "o1,L1,T2,900,quality,0.5,80,\n"  # a score in a lot evaluated by discount
        "o1,L1,T2,,experience,,,2\n"  # a discount needs the price
        "o1,L1,T2,900,experience,,80,2\n"  # both a score and a discount
        "o1,L1,T2,900,experience,,,100\n"  # out of range
        "o2,,T1,,quality,0.5,80,\n",
        encoding="utf-8",
    )
    workspace = Workspace(tmp_path / "ws")
    report = ingest_bid_scores(workspace, [source], "kz")
    assert (report.read, report.loaded, report.rejected) == (8, 2, 6)
    assert [(line, field) for _, line, _, field, _ in _rejects(workspace, "bid_scores")] == [
        (3, "criterion"),
        (4, "price"),
        (5, "score"),
        (6, "price"),
        (7, "score"),
        (8, "discount"),
    ]
    rows = pq.read_table(workspace.partition_dir("bid_scores", "kz")).to_pylist()
    assert [(r["ocid"], r["lot_id"], r["discount"], r["score"]) for r in rows] == [
        ("o1", "L1", 5.0, None),
        ("o2", None, None, 80.0),
    ]


def test_ocds_reingest_keeps_plan_lines(tmp_path: Path) -> None:
    from adaldyq.ingest.ocds import OcdsIngest

    source = tmp_path / "plans.csv"
    source.write_text(PLAN_HEADER + "p1;B;S;2023;S;C;D;1;u;1;KZT;\n", encoding="utf-8")
    releases = tmp_path / "r.jsonl"
    releases.write_bytes(b'{"ocid": "o1"}\n')
    workspace = Workspace(tmp_path / "ws")
    ingest_plan_lines(workspace, [source], "kz")
    OcdsIngest(workspace, dataset="kz").run([str(releases)])
    assert pq.read_table(workspace.partition_dir("plan_lines", "kz")).num_rows == 1
    assert pq.read_table(workspace.partition_dir("processes", "kz")).num_rows == 1


def test_reference_prices_refuse_a_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "reference.csv"
    source.write_text(
        "classification_scheme,classification_id,unit,currency,price\nS,C,u,KZT,-1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        read_reference_prices(source)
    assert (error.value.record, error.value.field) == (2, "price")
