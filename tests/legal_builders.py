"""Draft files built in the tests: Word documents with real automatic numbering, PDFs with a
Cyrillic text layer, and the broken kinds an expert receives (scanned, encrypted, not a DOCX).

Numbering is written into the document's numbering part the way Word writes it (abstract list
definitions, list instances, `numPr` on paragraphs), so the reader is tested against Word's
structure, not against a convenience of python-docx.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Lvl:
    """One list level: format, pattern, start."""

    fmt: str
    text: str
    start: int = 1


def add_list(
    document: docx.document.Document, num_id: int, levels: list[Lvl], restart: bool = False
) -> str:
    """Define an abstract list and a list instance using it in the numbering part; `restart` adds
    a startOverride so the instance counts on its own."""
    numbering = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    abstract_id = 100 + num_id
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{lvl.start}"/><w:numFmt w:val="{lvl.fmt}"/>'
        f'<w:lvlText w:val="{lvl.text}"/></w:lvl>'
        for i, lvl in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    num = parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f"{override if restart else ''}</w:num>"
    )
    first_num = numbering.find(f"{{{W_NS}}}num")
    first_num.addprevious(abstract)  # abstract definitions come before list instances
    numbering.append(num)
    return str(num_id)


def numbered(document: docx.document.Document, text: str, num_id: str, level: int = 0) -> Paragraph:
    """A paragraph in a list at a level, numbered by Word (the number is not in its text)."""
    paragraph = document.add_paragraph(text)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def text_pdf(path: Path, text: str, font_size: float = 11) -> Path:
    """A PDF whose text layer is `text`, wrapped at the page width as a word processor would."""
    from fpdf import FPDF

    font = FONT_DIR / "DejaVuSans.ttf"
    if not font.is_file():
        pytest.skip(f"{font} is missing: install Debian's fonts-dejavu-core for Cyrillic PDFs")
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=font_size)
    pdf.add_page()
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF with one page that is only an image: what a scanner produces."""
    from fpdf import FPDF
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("RGB", (200, 100), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    pdf.output(str(path))
    image.unlink()
    return path


def encrypted_pdf(path: Path, text: str) -> Path:
    """A PDF that opens only with a password."""
    from pypdf import PdfReader, PdfWriter

    plain = text_pdf(path.with_name("plain-" + path.name), text)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path
