"""The declarations report: persons ranked (CSV, Parquet, JSON), the balance, a page per person.

On a generated population with planted patterns the planted persons rank above every clean one
and their pages show the flagged year's arithmetic; the real NACP sample goes through the CLI
(screen, then report again without screening); names from the data are escaped.
"""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from markupsafe import escape

from adaldyq.engines.declarations.ranking import PersonRank
from adaldyq.jobs.declarations import screen_declarations_job
from adaldyq.jobs.declarations_report import ReportSummary, declarations_report_job
from adaldyq.reports.declarations_pages import page_name
from adaldyq.reports.declarations_persons import persons_table
from adaldyq.settings import load_settings
from adaldyq.synthetic.declarations import (
    PopulationSettings,
    generate_declarations,
    read_declaration_truth,
)
from tests.engines.declarations.population import declaration, money, screen
from tests.engines.declarations.test_real_declarations import DATA, _rates


class Planted:
    """A generated population screened and reported with a page for everyone."""

    def __init__(self, root: Path) -> None:
        generated = generate_declarations(
            root / "syn.jsonl", 400, seed=5, settings=PopulationSettings(share=0.3)
        )
        self.truth = read_declaration_truth(generated.truth)
        self.settings = load_settings(workspace=root / "ws")
        screen_declarations_job(
            self.settings,
            [str(generated.path)],
            "canonical",
            generated.rates,
            screening_inputs=generated.inputs,
        )
        self.report: ReportSummary = declarations_report_job(self.settings, pages=None)
        self.out = self.report.out_dir
        self.persons = pq.read_table(self.out / "persons.parquet").to_pylist()
        self.by_id = {row["person_id"]: row for row in self.persons}
        self.run = json.loads((root / "ws" / "runs" / "declarations.json").read_text())

    def page(self, person_id: str) -> str:
        return (self.out / page_name(person_id)).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Planted:
    return Planted(tmp_path_factory.mktemp("planted"))


def test_planted_persons_rank_above_every_clean_one(planted: Planted) -> None:
    """Every planted person with a finding ranks above every clean person, whose score is 0
    (whether each pattern is found is the generator test's concern, not the report's)."""
    planted_ids = {row["person_id"] for row in planted.truth}
    flagged = [planted.by_id[p] for p in planted_ids if planted.by_id[p]["score"] > 0]
    assert len(flagged) >= 10
    clean = [p for p in planted.persons if p["person_id"] not in planted_ids]
    assert clean
    assert all(p["score"] == 0 and p["findings"] == 0 and p["rules"] == "" for p in clean)
    assert max(p["rank"] for p in flagged) < min(p["rank"] for p in clean)
    for person in flagged:
        assert person["findings"] >= len(person["rules"].split("; "))


def test_the_table_adds_up(planted: Planted) -> None:
    """Each score is the sum of its rule columns; ranks are competition ranks by score."""
    codes = sorted(planted.run["params"])
    previous: dict[str, Any] | None = None
    for index, person in enumerate(planted.persons, start=1):
        assert person["score"] == pytest.approx(sum(person[code] for code in codes))
        if previous is not None and person["score"] == previous["score"]:
            assert person["rank"] == previous["rank"]
        else:
            assert person["rank"] == index
        previous = person
    balance = pq.read_table(planted.out / "balance.parquet")
    assert len(planted.persons) == len(set(balance.column("person_id").to_pylist()))


def test_the_planted_years_balance_shows_the_planted_gap(planted: Planted) -> None:
    """The generator's gap (NW change - income + its own living cost x household) equals the
    balance's NW change - income + that living cost: the balance holds the planted money."""
    balance = {
        (r["person_id"], r["year"]): r
        for r in pq.read_table(planted.out / "balance.parquet").to_pylist()
    }
    living = PopulationSettings().living_cost
    checked = 0
    for row in planted.truth:
        if "net_worth_gap" not in row:
            continue
        [year] = row["years"]
        year_row = balance[(row["person_id"], year)]
        explained = year_row["net_worth_change"] - year_row["income"]
        assert explained + living * year_row["household"] == pytest.approx(row["net_worth_gap"])
        checked += 1
    assert checked


def test_a_planted_page_shows_the_flagged_years_formula(planted: Planted) -> None:
    [row] = [r for r in planted.truth if r["pattern"] == "cash_hoard"][:1]
    findings = pq.read_table(planted.settings.workspace / "findings.parquet").to_pylist()
    [a04] = [
        f
        for f in findings
        if f["subject_id"] == row["person_id"]
        and f["rule_code"] == "A04"
        and json.loads(f["evidence"])["year"] == row["years"][0]
    ]
    page = planted.page(row["person_id"])
    formula = json.loads(a04["evidence"])["formula"]
    flagged_year = page.index(f"<h3>{row['years'][0]}</h3>")
    assert page.index(html.escape(formula), flagged_year) > flagged_year
    assert f"Rank <b>{planted.by_id[row['person_id']]['rank']}</b>" in page
    assert 'href="../index.html"' in page
    assert "A04.md" in page  # the link to the rule's doc page


def test_the_three_formats_hold_the_same_rows(planted: Planted) -> None:
    for name in ("persons", "balance"):
        parquet = pq.read_table(planted.out / f"{name}.parquet")
        rows = json.loads((planted.out / f"{name}.json").read_text(encoding="utf-8"))
        assert rows == parquet.to_pylist()
        with (planted.out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            read = list(csv.DictReader(handle))
        assert len(read) == parquet.num_rows
        assert list(read[0]) == parquet.column_names
        for text_row, row in zip(read, rows, strict=True):
            assert text_row == {k: _as_csv(v) for k, v in row.items()}


def _as_csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_the_index_links_every_page(planted: Planted) -> None:
    index = (planted.out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(persons/[^"]+)"', index)
    assert len(links) == len(planted.persons) == planted.report.pages
    assert all((planted.out / link).is_file() for link in links)


def test_only_the_top_get_pages_by_default(planted: Planted, tmp_path: Path) -> None:
    report = declarations_report_job(planted.settings, tmp_path / "top", pages=5)
    assert report.pages == 5
    assert len(list((tmp_path / "top" / "persons").glob("*.html"))) == 5
    top = [p["person_id"] for p in planted.persons[:5]]
    assert sorted((tmp_path / "top" / page_name(p)).name for p in top) == sorted(
        p.name for p in (tmp_path / "top" / "persons").iterdir()
    )


def test_names_from_the_data_are_escaped(tmp_path: Path) -> None:
    name = '<script>alert("x")</script> Іван & Co'
    people = [
        declaration("evil", full_name=name, position="<b>boss</b>",
                    monetary_assets=[money("cash", 9_000_000)]),
        declaration("plain", monetary_assets=[money("cash", 10)]),
    ]  # fmt: skip
    _, findings = screen(tmp_path, people)
    assert {f["subject_id"] for f in findings} == {"evil"}
    settings = load_settings(workspace=tmp_path / "ws")
    report = declarations_report_job(settings, formats=["html"], pages=None)
    for page in (report.out_dir / "index.html", report.out_dir / page_name("evil")):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<b>boss" not in text
        assert str(escape(name)) in text
        assert "&lt;b&gt;boss&lt;/b&gt;" in text
    assert report.files and not list(report.out_dir.glob("*.csv"))


def test_persons_table_keeps_clean_persons_at_score_zero() -> None:
    balance = pa.Table.from_pylist(
        [
            {"person_id": p, "full_name": p.upper(), "position": f"{p} {y}", "body": None,
             "region": None, "year": y}
            for p, y in (("a", 2015), ("a", 2016), ("b", 2016), ("c", 2015))
        ]
    )  # fmt: skip
    ranking = [
        PersonRank("c", 1.0, 2, {"A04": 0.5, "A05": 0.5}, {"A04": [2015], "A05": [2015]}),
        PersonRank("b", 1.0, 1, {"A01": 1.0}, {"A01": [2016]}),
    ]
    rows = persons_table(ranking, balance, ["A01", "A04", "A05"]).to_pylist()
    assert [(r["person_id"], r["rank"]) for r in rows] == [("c", 1), ("b", 1), ("a", 3)]
    assert rows[0]["rules"] == "A04 2015; A05 2015"
    assert (rows[0]["A04"], rows[0]["A01"], rows[2]["score"]) == (0.5, 0.0, 0.0)
    assert (rows[2]["position"], rows[2]["latest_year"], rows[2]["years"]) == (
        "a 2016",
        2016,
        "2015, 2016",
    )


def _adaldyq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adaldyq", *args],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_real_sample_through_the_cli(tmp_path: Path) -> None:
    """`screen` writes the report (top 20 pages); `report` writes it again from the workspace,
    with the same persons table, without the declarations."""
    workspace = tmp_path / "ws"
    done = _adaldyq("declarations", "screen", str(DATA), "--workspace", str(workspace),
                    "--rates", str(_rates(tmp_path)), "--pages", "20")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "report: 448 persons ranked, 20 page(s)" in done.stdout
    first = workspace / "declarations" / "report"
    again = _adaldyq("declarations", "report", "--workspace", str(workspace),
                     "--out", str(tmp_path / "again"), "--pages", "all",
                     "--outputs", "csv,html")  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "448 page(s)" in again.stdout
    persons = (first / "persons.csv").read_text(encoding="utf-8")
    assert (tmp_path / "again" / "persons.csv").read_text(encoding="utf-8") == persons
    assert not (tmp_path / "again" / "persons.json").exists()
    top = next(csv.DictReader(persons.splitlines()))
    page = (first / page_name(top["person_id"])).read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in page
    assert f"<h1>{top['full_name']}</h1>" in page  # Cyrillic as is, not as entities
    assert "Year-by-year balance (UAH)" in page


def test_report_errors(tmp_path: Path) -> None:
    none = _adaldyq("declarations", "report", "--workspace", str(tmp_path / "empty"))
    assert none.returncode == 5
    assert "run `adaldyq declarations screen` first" in none.stderr
    bad = _adaldyq("declarations", "report", "--workspace", str(tmp_path), "--pages", "many")
    assert bad.returncode == 3
    assert "--pages" in bad.stderr
    for option, value in (("--pages", "lots"), ("--outputs", "csv,pdf")):
        early = _adaldyq("declarations", "screen", str(DATA / "derkatch.json"),
                         "--workspace", str(tmp_path / "ws"), option, value)  # fmt: skip
        assert early.returncode == 3, early.stderr
        assert value.split(",")[-1] in early.stderr
        assert not (tmp_path / "ws").exists()  # checked before anything was read or screened
