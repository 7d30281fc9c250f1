"""A Word draft (.docx) as plain text: one line per paragraph, numbers included.

Paragraphs and tables come in document order. A paragraph numbered by Word's automatic numbering
gets its number written in front ("1. ", "а) ", "Статья 5. "), because the act parser finds units
by the numbers at the start of lines and drafts are almost always numbered that way. A table row
becomes one line with its cells separated by " | " (forms and annexes are tables), merged cells
once. Tracked changes are read as accepted: the draft is what its last revision says.
"""

# Acts are Russian text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF002

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.parts.document import DocumentPart
from docx.table import Table
from docx.text.paragraph import Paragraph

from adaldyq.errors import InputError
from adaldyq.ingest.docx_numbering import Numbering

_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"
"""Runs a reader sees: python-docx's `Paragraph.text` leaves out runs inside tracked insertions,
content controls and simple fields, which drafts under negotiation are full of; deleted and
moved-away runs and text boxes (not part of the paragraph's line) stay out."""


def docx_text(path: Path) -> str:
    """The text of a .docx file; `InputError` when it is not a Word document."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            f"not a Word .docx document ({exc}): open it in Word or LibreOffice and save it as "
            ".docx (an old .doc renamed to .docx does not work), then try again",
            path=path,
        ) from exc
    part = document.part
    numbering = Numbering.parse(
        _related_blob(part, RELATIONSHIP_TYPE.NUMBERING),
        _related_blob(part, RELATIONSHIP_TYPE.STYLES),
    )
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            line = _paragraph_line(block, numbering)
            if line.strip():
                lines.append(line)
        else:
            lines.extend(_table_lines(block))
    return "\n".join(lines) + "\n" if lines else ""


def _related_blob(part: DocumentPart, relationship: str) -> bytes | None:
    try:
        return part.part_related_by(relationship).blob
    except KeyError:
        return None


def _paragraph_line(paragraph: Paragraph, numbering: Numbering) -> str:
    """The paragraph's text as Word shows it with changes accepted, with its automatic number
    in front when it has one."""
    element = paragraph._p  # python-docx has no public accessor for numPr or tracked changes
    text = "".join(run.text for run in element.xpath(_VISIBLE_RUNS))
    num_id = _first(element.xpath("./w:pPr/w:numPr/w:numId/@w:val"))
    ilvl = _first(element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val"))
    style_id = _first(element.xpath("./w:pPr/w:pStyle/@w:val"))
    found = numbering.resolve(num_id, int(ilvl) if ilvl is not None else None, style_id)
    if found is None or not text.strip():
        return text
    label = numbering.label(*found)
    return f"{label} {text.lstrip()}" if label else text


def _table_lines(table: Table) -> list[str]:
    """Each row as one line of its distinct cells' texts."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # a merged cell is repeated for every column it spans
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


def _first(values: list[str]) -> str | None:
    return str(values[0]) if values else None
