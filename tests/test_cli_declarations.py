"""`adaldyq declarations import` as users run it: counts printed, tables written, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq

from tests.cli_run import adaldyq
from tests.conftest import SHARED_DATA

DATA = SHARED_DATA / "declarations_ua"


def test_import_prints_balanced_counts(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    raw = [str(DATA / name) for name in ("poroshenko_jr.json", "derkatch.json", "poroshenko.json")]
    done = adaldyq(
        "declarations", "import", *raw, "--format", "nacp", "--workspace", str(workspace)
    )
    assert done.returncode == 0, done.stderr
    assert "read 3 = loaded 3 + rejected 0 declarations" in done.stdout
    assert "declaration_real_estate" in done.stdout
    assert any((workspace / "tables" / "declarations" / "dataset=declarations").glob("*.parquet"))
    assert (workspace / "rejects-declarations.jsonl").is_file()


def test_unloadable_input_exits_2_with_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json", encoding="utf-8")
    done = adaldyq("declarations", "import", str(garbage), "--workspace", str(tmp_path / "ws"))
    assert done.returncode == 2
    assert done.stderr.startswith("adaldyq: error: no declaration could be loaded; first: not JSON")
    bad_format = adaldyq("declarations", "import", str(garbage), "--format", "xml")
    assert bad_format.returncode == 2
    assert "xml" in bad_format.stderr


def test_screen_with_the_optional_inputs(tmp_path: Path) -> None:
    """The real sample screened with a reference price, a register line and two checks: each
    input's counts printed, the rules that need them run, the register kinds not given named.
    The inputs are test values, not statistics or real checks."""
    files = {
        "rates": "date,currency,rate\n31.12.2015,USD,24.000667\n31.12.2015,EUR,26.223129\n",
        "prices": "kind,country,region,property_type,brand,model,year,median,currency,source\n"
        "real_estate,UA,,apartment,,,2015,30000,UAH,test value\n",
        "registers": "register,person_id,person_name,object,property_type,area_m2,brand,model,"
        "manufacture_year,company_code,company_name,share,held_from,held_to\n"
        "vehicle,деркач андрій леонідович,,test line,,,Bentley,Continental,2014,,,100,"
        "2014-01-01,\n",
        # Vitko filed on 24 Oct 2016 and corrected on 19 Feb 2017; Solyar corrected on 2 Nov
        # 2016, before the check of 10 Nov.
        "checks": "person_id,started_on,kind,reference\n"
        "вітко артем леонідович,2016-12-01,full check,TEST-1\n"
        "соляр володимир миронович,2016-11-10,full check,TEST-2\n",
    }
    options = []
    for kind, content in files.items():
        (tmp_path / f"{kind}.csv").write_text(content, encoding="utf-8")
        options += [f"--{kind}", str(tmp_path / f"{kind}.csv")]
    workspace = tmp_path / "ws"
    done = adaldyq("declarations", "screen", str(DATA), "--workspace", str(workspace), *options)
    assert done.returncode == 0, done.stderr
    for line in (
        "prices: read 1 = loaded 1 + rejected 0 lines",
        "registers: read 1 = loaded 1 + rejected 0 lines",
        "checks: read 2 = loaded 2 + rejected 0 lines",
        "A17 real_estate register not run: no real_estate lines in the registers given",
        "A17 family members not matched",
    ):
        assert line in done.stdout
    counts = dict(
        reversed(line.split())
        for line in done.stdout.splitlines()
        if re.match(r"\s+\d+\s+A\d", line)
    )
    assert (counts["A17"], counts["A17R"], counts["A21"]) == ("1", "0", "12")
    assert int(counts["A11"]) > 0
    findings = pq.read_table(workspace / "findings.parquet").to_pylist()
    [fixed] = [
        json.loads(f["evidence"])
        for f in findings
        if f["rule_code"] == "A21" and f["subject_id"] == "вітко артем леонідович"
    ]
    assert fixed["formula"] == (
        "filed 2016-10-24 < check started 2016-12-01 <= corrected 2017-02-19 "
        "(80 days after the check started)"
    )
    for finding in (f for f in findings if f["rule_code"] == "A11"):
        for item in json.loads(finding["evidence"])["items"]:
            assert item["ratio"] < 0.5 and item["base_median"] == 30_000.0
            assert round(item["base_value"] / item["area_m2"], 2) == item["unit_price"]
