"""The expertise conclusion: the JSON record automated checks read, the HTML page a drafter reads
and the DOCX agencies exchange, on the real Water Code and on small provisions with markup in them.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from functools import cache
from html import unescape
from pathlib import Path

import docx
import pytest

from adaldyq.engines.legal_drafts import FACTORS, check_text
from adaldyq.model.legal import Expertise
from adaldyq.reports.legal_conclusion import conclusion_record, summarise
from adaldyq.reports.legal_conclusion_docx import write_conclusion_docx
from adaldyq.reports.legal_conclusion_html import segments, write_conclusion_html
from tests.conftest import SHARED_DATA

WATER_CODE = SHARED_DATA / "legal" / "ru_water_code_2006_pravo_102107048.txt"
STABLE_KEYS = {"factor", "locator", "start", "end", "text", "explanation", "recommendation"}
MARKUP = (
    "Статья 1. Полномочия\n"
    "1. <b>Комиссия</b> & «x» вправе отказать в выдаче разрешения <script>alert(1)</script>.\n"
    "2. Оператором является организация, определяемая уполномоченным органом.\n"
)


@cache
def _water() -> tuple[str, Expertise]:
    text = WATER_CODE.read_text(encoding="utf-8")
    return text, check_text(text)


def test_json_record_has_the_stable_shape_and_offsets_into_the_text() -> None:
    text, expertise = _water()
    record = conclusion_record(str(WATER_CODE), expertise, summarise(expertise, text))
    assert {"file", "language", "findings"} <= set(record)
    assert (record["file"], record["language"]) == (str(WATER_CODE), "ru")
    assert record["findings"], "the Water Code has auction exceptions (F08) at least"
    for finding in record["findings"]:
        assert {*STABLE_KEYS, "advisory"} <= set(finding)
        assert text[finding["start"] : finding["end"]] == finding["text"]
        assert isinstance(finding["advisory"], bool)
    assert sum(record["counts"].values()) == len(record["findings"])


def test_summary_counts_per_factor_and_chapter() -> None:
    text, expertise = _water()
    summary = summarise(expertise, text)
    assert summary.findings == len(expertise.findings)
    assert sum(summary.per_factor.values()) == sum(summary.per_chapter.values()) == summary.findings
    assert list(summary.per_factor) == sorted(summary.per_factor)  # F01..F17 order
    assert all(chapter.startswith("гл. ") for chapter in summary.per_chapter)
    assert 0 < summary.provisions_with_findings <= summary.findings < summary.provisions


def test_segments_cover_the_text_and_mark_exactly_the_findings() -> None:
    text, expertise = _water()
    pieces = segments(text, expertise)
    assert "".join(p.text for p in pieces) == text
    for n, finding in enumerate(expertise.findings, start=1):
        marked = "".join(p.text for p in pieces if n in p.findings)
        assert marked == finding.text
        assert any(f"finding-{n}" in p.anchors for p in pieces)


def test_html_highlights_spans_links_them_and_escapes_everything(tmp_path: Path) -> None:
    expertise = check_text(MARKUP)
    advisory = [f for f in expertise.findings if f.advisory]
    assert advisory and len(expertise.findings) > len(advisory), "fixture needs both kinds"
    page = write_conclusion_html(
        tmp_path / "c.html", "<act>.txt", expertise, MARKUP, summarise(expertise, MARKUP)
    ).read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>Комиссия" not in page and "<act>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp; «x»" in page
    assert 'lang="ru"' in page and "http" not in page.replace("http-equiv", "")
    marks = re.findall(r'<mark class="fnd f-(F\d\d)( adv)?[^"]*"[^>]*>([^<]*)</mark>', page)
    for n, finding in enumerate(expertise.findings, start=1):
        assert (finding.factor, " adv" if finding.advisory else "", finding.text) in [
            (code, adv, unescape(words)) for code, adv, words in marks
        ]
        assert f'id="finding-{n}"' in page and f'href="#finding-{n}"' in page
        assert f'id="u-{finding.unit_id}"' in page and f'href="#u-{finding.unit_id}"' in page
    for code, info in FACTORS.items():  # the legend defines every factor
        assert f".f-{code} " in page and info.name_ru in unescape(page)


def test_docx_reads_back_with_the_findings_table(tmp_path: Path) -> None:
    expertise = check_text(MARKUP)
    path = write_conclusion_docx(
        tmp_path / "c.docx", "act.txt", expertise, MARKUP, summarise(expertise, MARKUP)
    )
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Заключение по результатам антикоррупционной экспертизы"
    assert "Файл: act.txt" in paragraphs
    assert paragraphs[-1].startswith("Экспертиза проведена автоматически")
    per_factor, _per_chapter, findings = document.tables
    assert [c.text for c in findings.rows[0].cells] == [
        "№", "Положение", "Текст положения", "Фактор", "Обоснование", "Рекомендуемая редакция",
    ]  # fmt: skip
    rows = [[c.text for c in row.cells] for row in findings.rows[1:]]
    assert len(rows) == len(expertise.findings)
    for (number, locator, words, factor, why, fix), finding in zip(
        rows, expertise.findings, strict=True
    ):
        assert (locator, why, fix) == (finding.locator, finding.explanation, finding.recommendation)
        assert finding.text in words and number.isdigit()
        assert factor.startswith(finding.factor)
        assert ("рекомендательный" in factor) == finding.advisory
    flagged = [r.text for r in findings.rows[1].cells[2].paragraphs[0].runs if r.bold]
    assert flagged == [expertise.findings[0].text]
    assert sum(int(r.cells[1].text) for r in per_factor.rows[1:]) == len(expertise.findings)


@pytest.mark.parametrize(
    ("text", "title", "label"),
    [
        ("The Minister may refuse the licence at his discretion.", "Anti-corruption", "Why"),
        (
            "Уәкілетті орган өз қалауы бойынша рұқсат беруден бас тартуға құқылы.",
            "Заключение",  # Kazakh acts get a Russian conclusion
            "Обоснование",
        ),
    ],
)
def test_conclusion_language_follows_the_act(
    tmp_path: Path, text: str, title: str, label: str
) -> None:
    expertise = check_text(text)
    assert expertise.findings
    summary = summarise(expertise, text)
    page = write_conclusion_html(tmp_path / "c.html", "p.txt", expertise, text, summary)
    assert f"<h1>{title}" in page.read_text(encoding="utf-8")
    document = docx.Document(
        str(write_conclusion_docx(tmp_path / "c.docx", "p.txt", expertise, text, summary))
    )
    assert document.paragraphs[0].text.startswith(title)
    assert document.tables[-1].rows[0].cells[4].text == label
