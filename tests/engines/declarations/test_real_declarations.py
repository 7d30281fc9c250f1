"""The real NACP sample: screened end to end through the CLI with every declaration accounted
for, and two declarations checked by hand (numbers read by eye in the JSON files)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from adaldyq.jobs.declarations import screen_declarations_job
from adaldyq.settings import load_settings
from tests.conftest import SHARED_DATA

DATA = SHARED_DATA / "declarations_ua"
NBU_RATES = (
    "date,currency,rate\n"
    "31.12.2015,USD,24.000667\n31.12.2015,EUR,26.223129\n"
    "31.12.2016,USD,27.190858\n31.12.2016,EUR,28.422604\n"
)
"""The National Bank of Ukraine's official rates of 31 December (UAH per unit)."""


def _rates(tmp_path: Path) -> Path:
    path = tmp_path / "rates.csv"
    path.write_text(NBU_RATES, encoding="utf-8")
    return path


def test_the_sample_is_screened_end_to_end_with_every_declaration_accounted_for(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "ws"
    done = subprocess.run(
        [sys.executable, "-m", "adaldyq", "declarations", "screen", str(DATA), "--format",
         "nacp", "--workspace", str(workspace), "--rates", str(_rates(tmp_path))],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read 714 = loaded 712 + rejected 2 declarations" in done.stdout
    assert "loaded 712 = screened 470 + superseded 226" in done.stdout
    assert "not annual 16; amounts in UAH" in done.stdout
    assert "top persons" in done.stdout
    findings = pq.read_table(workspace / "findings.parquet").to_pylist()
    assert findings
    assert {f["engine"] for f in findings} == {"declarations"}
    assert {f["subject_type"] for f in findings} == {"person"}
    assert all(0 < f["score"] <= 1 and "formula" in json.loads(f["evidence"]) for f in findings)
    assert (workspace / "runs" / "declarations.json").is_file()


@pytest.fixture(scope="module")
def hand_checked(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """poroshenko_jr.json and derkatch.json screened with A05's ratio lowered to 5, so that
    both declarations show their assets-to-income arithmetic."""
    tmp = tmp_path_factory.mktemp("hand")
    settings = load_settings(workspace=tmp / "ws", declarations={"params": {"A05": {"ratio": 5}}})
    files = [str(DATA / "poroshenko_jr.json"), str(DATA / "derkatch.json")]
    summary = screen_declarations_job(settings, files, "nacp", _rates(tmp))
    rows = pq.read_table(summary.findings_file).to_pylist()
    return {(r["subject_id"], r["rule_code"]): json.loads(r["evidence"]) for r in rows}


def test_poroshenko_jr_by_hand(hand_checked: dict[tuple[str, str], Any]) -> None:
    """Step 12, by eye: cash of the declarant and of his wife, each 187,000 UAH, 141,000 USD and
    88,000 EUR; so cash = 2 x (187,000 + 141,000 x 24.000667 + 88,000 x 26.223129)
    = 2 x (187,000 + 3,384,094.05 + 2,307,635.35) = 11,757,458.80 UAH. Bank accounts: 205,240
    USD x 24.000667 = 4,925,896.90; 137,742 EUR x 26.223129 = 3,612,026.23; 229,968 UAH;
    15,011 EUR x 26.223129 = 393,635.39; 31,592 UAH. Monetary assets = 20,950,577.32 UAH.
    Step 11: incomes 77,212 + 1,933,367 + 68,808 + 59,158 + 80,559 + 24,628 + 26,721
    = 2,270,453 UAH. Ratio 20,950,577.32 / 2,270,453 = 9.23."""
    person = "порошенко олексій петрович"
    cash = hand_checked[(person, "A04")]
    assert cash["cash"] == 11_757_458.80
    assert sorted(i["declared"] for i in cash["items"]) == [
        88_000, 88_000, 141_000, 141_000, 187_000, 187_000,
    ]  # fmt: skip
    assert cash["rates"]["USD"] == {"rate": 24.000667, "day": "2015-12-31"}
    assert cash["rates"]["EUR"] == {"rate": 26.223129, "day": "2015-12-31"}
    ratio = hand_checked[(person, "A05")]
    assert (ratio["monetary_assets"], ratio["income"]) == (20_950_577.32, 2_270_453.0)
    assert ratio["formula"] == ("monetary_assets / income = 20950577.32 / 2270453.00 = 9.23 > 5")
    bank = [4_925_896.90, 3_612_026.23, 229_968, 393_635.39, 31_592]
    cash = [187_000, 187_000, 3_384_094.05, 3_384_094.05, 2_307_635.35, 2_307_635.35]
    assert sorted(i["amount"] for i in ratio["items"]) == sorted([*bank, *cash])


def test_derkatch_by_hand(hand_checked: dict[tuple[str, str], Any]) -> None:
    """Step 12, by eye: the declarant's bank accounts 93,250 and 191,159 UAH and cash 850,000
    UAH; his wife's bank account 6,041,040 UAH (her cash, loans given and metals are refused,
    so not counted). Monetary assets = 7,175,449 UAH; cash 850,000 > 500,000. Step 11: 70,633
    + 7,257 + 3,899 (declarant) + 831,291 + 500,000 + 17,820 (wife) = 1,430,900 UAH. Ratio
    7,175,449 / 1,430,900 = 5.01 > 5."""
    person = "деркач андрій леонідович"
    cash = hand_checked[(person, "A04")]
    assert cash["formula"] == "cash = 850000.00 > 500000.00"
    assert cash["rates"] == {} and cash["unconverted"] == {}
    ratio = hand_checked[(person, "A05")]
    assert ratio["formula"] == "monetary_assets / income = 7175449.00 / 1430900.00 = 5.01 > 5"
    assert sorted(i["declared"] for i in ratio["items"]) == [93_250, 191_159, 850_000, 6_041_040]


def test_late_filings_in_the_mp_sample(tmp_path: Path) -> None:
    """A21 on the MP sample: the 2015 declarations were due by 30 Oct 2016 (the first electronic
    campaign), later years by 31 March. Checked by eye in decl_mps.json.bz2: Kozachenko's only
    2015 annual declaration (nacp_4811c6cb...) has `intro.date` 2016-11-19 and `corrected`
    false, so 20 days late; Ishcheikin's (nacp_2ebb60bc...) 2016-11-01, 2 days late."""
    settings = load_settings(workspace=tmp_path / "ws", declarations={"rules": ["A21"]})
    summary = screen_declarations_job(settings, [str(DATA / "decl_mps.json.bz2")], "nacp")
    rows = pq.read_table(summary.findings_file).to_pylist()
    late = {r["subject_id"]: json.loads(r["evidence"]) for r in rows}
    assert len(late) == 11
    assert {e["variant"] for e in late.values()} == {"late"}
    assert {e["year"] for e in late.values()} == {2015}
    kozachenko = late["козаченко леонід петрович"]
    assert kozachenko["declaration_id"] == "4811c6cb-f442-41ee-bb2e-c6e25f00269e"
    assert kozachenko["formula"] == "first filed 2016-11-19 > due 2016-10-30: 20 days late"
    assert late["іщейкін костянтин євгенович"]["days_late"] == 2
    assert summary.result.not_run == {
        "A21 corrected after a check": "not run: no checks started on declarants (--checks) given"
    }
