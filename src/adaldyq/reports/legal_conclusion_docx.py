"""The expertise conclusion as a Word document, the form in which agencies exchange it.

Title, the act, the summary (counts per factor and per chapter), then one table row per finding:
number, provision, the provision's words with the ones that raised the factor in bold, the
factor, why, and the recommended rewrite; advisory findings say so in the factor cell. A closing
paragraph states the method, so the reader knows the findings are indicators for an expert. The
findings table is on a landscape page: six columns do not fit a portrait one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from adaldyq.model.legal import Expertise, FactorFinding
from adaldyq.reports.legal_conclusion import ConclusionSummary, factor_name, labels

_CONTEXT = 160
"""Characters of the provision shown on each side of the flagged words."""


def write_conclusion_docx(
    path: Path, file: str, expertise: Expertise, text: str, summary: ConclusionSummary
) -> Path:
    """Write the DOCX conclusion of one act; `text` is what the act was parsed from."""
    language = expertise.act.language
    words = labels(language)
    document = docx.Document()
    normal = cast(ParagraphStyle, document.styles["Normal"])
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    document.add_heading(words["title"], level=1)
    for label, value in (
        (words["act"], expertise.act.title or Path(file).name),
        (words["file"], file),
        (words["language"], language),
        (words["date"], date.today().isoformat()),
    ):
        _labelled(document.add_paragraph(), label, value)
    document.add_heading(words["summary"], level=2)
    if not summary.findings:
        document.add_paragraph(words["none"])
    else:
        document.add_paragraph(
            words["found"].format(
                findings=summary.findings,
                provisions=summary.provisions_with_findings,
                total=summary.provisions,
                advisory=summary.advisory,
            )
        )
        _counts(
            document.add_table(rows=1, cols=2),
            (words["factor"], words["count"]),
            {factor_name(code, language): n for code, n in summary.per_factor.items()},
        )
        document.add_paragraph()
        _counts(
            document.add_table(rows=1, cols=2),
            (words["chapter"], words["count"]),
            {(chapter or words["no_chapter"]): n for chapter, n in summary.per_chapter.items()},
        )
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        document.add_heading(words["findings"], level=2)
        _findings_table(document, expertise, text)
    document.add_paragraph().add_run(words["method"]).italic = True
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _labelled(paragraph: Paragraph, label: str, value: str) -> None:
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)


def _counts(table: Table, header: tuple[str, str], counts: dict[str, int]) -> None:
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    for name, count in counts.items():
        row = _new_row(table)
        row[0].text, row[1].text = name, str(count)


def _findings_table(document: docx.document.Document, expertise: Expertise, text: str) -> None:
    words = labels(expertise.act.language)
    columns = ("number", "locator", "words", "factor", "why", "fix")
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(words[key]).bold = True
    units = {u.id: u for u in expertise.act.units}
    for number, finding in enumerate(expertise.findings, start=1):
        cells = _new_row(table)
        cells[0].text = str(number)
        cells[1].text = finding.locator
        unit = units.get(finding.unit_id)
        _quoted(cells[2].paragraphs[0], text, finding, unit.start if unit else finding.start)
        cells[3].text = factor_name(finding.factor, expertise.act.language)
        if finding.advisory:
            cells[3].add_paragraph(words["advisory"]).runs[0].italic = True
        cells[4].text = finding.explanation
        cells[5].text = finding.recommendation


def _new_row(table: Table) -> list[_Cell]:
    return list(table.add_row().cells)  # type: ignore[no-untyped-call]  # python-docx 1.2


def _quoted(paragraph: Paragraph, text: str, finding: FactorFinding, unit_start: int) -> None:
    """The provision around the finding, its flagged words bold and highlighted."""
    left = max(unit_start, finding.start - _CONTEXT)
    if left > unit_start:  # start at a whole word
        left = max(text.find(" ", left, finding.start) + 1, left)
    line_end = text.find("\n", finding.end)
    right = min(finding.end + _CONTEXT, len(text) if line_end < 0 else line_end)
    if right < len(text) and text[right] != "\n":  # end at a whole word
        right = max(text.rfind(" ", finding.end, right), finding.end)
    paragraph.add_run(("…" if left > unit_start else "") + _flat(text[left : finding.start]))
    flagged = paragraph.add_run(_flat(text[finding.start : finding.end]))
    flagged.bold = True
    flagged.font.highlight_color = WD_COLOR_INDEX.YELLOW
    paragraph.add_run(
        _flat(text[finding.end : right])
        + ("…" if right < len(text) and text[right] != "\n" else "")
    )


def _flat(piece: str) -> str:
    """Runs of white space (line breaks too) as one space, kept at the ends where they were."""
    words = " ".join(piece.split())
    if not words:
        return " " if piece else ""
    return (" " if piece[0].isspace() else "") + words + (" " if piece[-1].isspace() else "")
