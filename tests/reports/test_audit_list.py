"""The audit list files (CSV, Parquet, JSON, HTML) and the summary page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from adaldyq.engines.audit import AUDIT_COLUMNS, AuditList, build_audit_list
from adaldyq.errors import ConfigError
from adaldyq.reports.audit_list import write_audit_list
from adaldyq.reports.summary import write_report
from adaldyq.settings import ScoringSettings
from tests.engines.scoring_fixtures import RULES, finding, findings, population, random_case

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"
SCRIPT = "<script>alert('x')</script>"

HOSTILE = findings(
    [
        finding("R018", "p1", 1.0, evidence={"note": "<img src=x onerror=alert(1)>", "n": 1}),
        finding("R024", "p1", 0.5),
        finding("R030", "p2", 1.0),
        finding("R024", "S1", 0.0, subject_type="supplier", ocid="p1"),
    ]
)


def _hostile_audit() -> AuditList:
    pop = population(
        [
            {"ocid": "p1", "value": 1000, "title": SCRIPT, "buyer_id": "B1",
             "buyer_name": "Acme & <Sons>"},
            {"ocid": "p2", "value": 500, "title": "Roads", "buyer_id": "B2"},
            {"ocid": "p3", "value": 10, "title": "Paper", "buyer_id": "B2"},
        ]
    )  # fmt: skip
    return build_audit_list(HOSTILE, pop, ScoringSettings(), top_n=3, rules=RULES)


def test_every_format_reads_back_with_the_same_rows_and_columns(tmp_path: Path) -> None:
    pop, planted = random_case(2_000, 1_500)
    audit = build_audit_list(planted, pop, ScoringSettings(), top_n=150, rules=RULES)
    written = write_audit_list(audit, tmp_path)
    assert sorted(written) == ["csv", "html", "json", "parquet"]
    from_csv = pacsv.read_csv(written["csv"])
    from_parquet = pq.read_table(written["parquet"])
    from_json = json.loads(written["json"].read_text(encoding="utf-8"))
    assert from_csv.num_rows == from_parquet.num_rows == len(from_json) == 150
    assert from_csv.column_names == from_parquet.column_names == list(from_json[0]) == AUDIT_COLUMNS
    assert from_parquet.column("place").to_pylist() == list(range(1, 151))
    assert from_csv.column("ocid").to_pylist() == [row["ocid"] for row in from_json]
    assert from_parquet.column("reasons").to_pylist() == from_csv.column("reasons").to_pylist()
    assert written["html"].read_text(encoding="utf-8").count('<tbody class="row"') == 150


def test_only_the_formats_asked_for(tmp_path: Path) -> None:
    written = write_audit_list(_hostile_audit(), tmp_path, formats=["json"], stem="list")
    assert list(written) == ["json"]
    assert [p.name for p in tmp_path.iterdir()] == ["list.json"]
    with pytest.raises(ConfigError, match="xlsx"):
        write_audit_list(_hostile_audit(), tmp_path, formats=["xlsx"])


def test_html_escapes_untrusted_text(tmp_path: Path) -> None:
    page = write_audit_list(_hostile_audit(), tmp_path, formats=["html"])["html"]
    html = page.read_text(encoding="utf-8")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Acme &amp; &lt;Sons&gt;" in html
    # the only script is the page's own, allowed by its nonce
    scripts = re.findall(r"<script[^>]*>", html)
    nonce = re.search(r"script-src 'nonce-([^']+)'", html)
    assert nonce is not None
    assert scripts == [f'<script nonce="{nonce.group(1)}">']


def test_html_is_self_contained_and_shows_the_evidence(tmp_path: Path) -> None:
    html = write_audit_list(_hostile_audit(), tmp_path, formats=["html"], docs_dir=DOCS)[
        "html"
    ].read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "default-src 'none'" in html
    # each row expands to its findings: rule code, name, explanation, pretty evidence
    assert '<a href="#rule-R018">R018</a> Single bid' in html
    assert "R024 fired on p1" in html
    assert "{\n  &#34;n&#34;: 1,\n  &#34;note&#34;: " in html  # evidence JSON, indented
    assert "supplier<div" in html  # the supplier finding is shown, marked with its subject
    # rule codes link to their doc page text (R018 has one in docs/rules)
    assert 'id="rule-R018"' in html
    assert "Why is this a red flag?" in html
    missing = "No doc page (docs/rules/R030.md)"
    assert (missing in html) is not (DOCS / "R030.md").is_file()
    assert "No finding names this process" in html  # p3


def test_summary_page(tmp_path: Path) -> None:
    audit = _hostile_audit()
    warning = "d: R018 flags 1 of 3 processes <b>check</b>"
    path = write_report(tmp_path / "report.html", audit, HOSTILE, warnings=[warning],
                        share_warning=0.4)  # fmt: skip
    html = path.read_text(encoding="utf-8")
    assert "d: R018 flags 1 of 3 processes &lt;b&gt;check&lt;/b&gt;" in html
    for href in ("audit-list.html", "audit-list.csv", "audit-list.json", "audit-list.parquet"):
        assert f'href="{href}"' in html
    assert "<b>3</b>processes" in html
    assert "<b>4</b>findings" in html
    # R018 and R024 flag 1 of 3 processes each (33%), under 40%; nothing is implausible
    assert "implausible share" not in html
    assert "Acme &amp; &lt;Sons&gt;" in html  # top buyers
    assert "Top suppliers" in html
    tight = write_report(tmp_path / "tight.html", audit, HOSTILE, share_warning=0.3)
    assert tight.read_text(encoding="utf-8").count("implausible share: check the data") == 3
