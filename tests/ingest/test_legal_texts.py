"""Drafts read from .txt, .docx and .pdf into the one text the act parser takes.

The real Water Code in ../shared/data/legal is the reference: read as a file it must give the
same units as its text, and as a PDF typeset from it the same article, part and item numbers.
DOCX and PDF files are built in the tests (see `tests.legal_builders`).
"""

# Acts are Russian text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from adaldyq.engines.legal_drafts import parse_act
from adaldyq.errors import InputError
from adaldyq.ingest.docx_numbering import format_number
from adaldyq.ingest.legal_texts import legal_files, read_legal_text
from adaldyq.ingest.pdf_text import reflow
from adaldyq.model.legal import UnitKind
from tests.conftest import SHARED_DATA
from tests.legal_builders import (
    W_NS,
    Lvl,
    add_list,
    encrypted_pdf,
    numbered,
    scanned_pdf,
    text_pdf,
)

WATER_CODE = SHARED_DATA / "legal" / "ru_water_code_2006_pravo_102107048.txt"
PROVISION = "Уполномоченный орган вправе по своему усмотрению отказать в выдаче разрешения."


def _excerpt(first: str, stop: str) -> str:
    text = WATER_CODE.read_text(encoding="utf-8")
    return text[text.index(first) : text.index(stop)]


def _numbers(text: str) -> list[tuple[str, str]]:
    """(kind, number) of the articles, parts and items of a parsed text."""
    kinds = {UnitKind.ARTICLE, UnitKind.POINT, UnitKind.SUBPOINT, UnitKind.ITEM}
    return [(u.kind.value, u.number) for u in parse_act(text).units if u.kind in kinds]


def test_plain_text_utf8_is_the_file_as_is() -> None:
    read = read_legal_text(WATER_CODE)
    assert (read.format, read.pages) == ("txt", None)
    assert read.text == WATER_CODE.read_text(encoding="utf-8")
    assert len(parse_act(read.text).of_kind(UnitKind.ARTICLE)) == 78


def test_bom_is_stripped_and_windows_1251_russian_accepted(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + PROVISION.encode())
    assert read_legal_text(bom).text == PROVISION
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(f"Статья 5. Разрешения\n1. {PROVISION}\r\n".encode("cp1251"))
    assert read_legal_text(legacy).text == f"Статья 5. Разрешения\n1. {PROVISION}\n"
    notepad = tmp_path / "notepad-unicode.txt"
    notepad.write_bytes(PROVISION.encode("utf-16"))
    assert read_legal_text(notepad).text == PROVISION


def test_bytes_that_are_not_russian_text_are_refused(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Überprüfung der Maßnahmen für Behörden".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    for path in (latin1, binary):
        with pytest.raises(InputError, match="save it as UTF-8") as raised:
            read_legal_text(path)
        assert raised.value.path == str(path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty"):
        read_legal_text(empty)


def test_unknown_extension_and_missing_file(tmp_path: Path) -> None:
    rtf = tmp_path / "draft.rtf"
    rtf.write_text("{\\rtf1 text}")
    with pytest.raises(InputError, match=r"draft\.rtf: unknown file type '\.rtf': save the draft"):
        read_legal_text(rtf)
    with pytest.raises(InputError, match="no such file"):
        read_legal_text(tmp_path / "missing.docx")


def test_docx_paragraphs_tables_and_style_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Правила выдачи разрешений")
    document.add_paragraph("Разрешение выдается уполномоченным органом.", style="List Number")
    document.add_paragraph("Срок выдачи – десять рабочих дней.", style="List Number")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Документ"
    table.cell(0, 2).text = "Срок"
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "Заявление", "", "5 дней"
    document.add_paragraph("")
    path = tmp_path / "rules.docx"
    document.save(str(path))
    read = read_legal_text(path)
    assert read.format == "docx"
    assert read.text.splitlines() == [
        "Правила выдачи разрешений",
        "1. Разрешение выдается уполномоченным органом.",
        "2. Срок выдачи – десять рабочих дней.",
        "Документ | Срок",
        "Заявление |  | 5 дней",
    ]


def test_docx_numbering_part_gives_articles_points_and_letters(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Закон О разрешениях")
    law = add_list(
        document,
        41,
        [Lvl("decimal", "Статья %1."), Lvl("decimal", "%2."), Lvl("decimal", "%3)"),
         Lvl("russianLower", "%4)")],
    )  # fmt: skip
    numbered(document, "Выдача разрешений", law, 0)
    numbered(document, "Уполномоченный орган вправе:", law, 1)
    numbered(document, "выдавать разрешения;", law, 2)
    numbered(document, "отзывать разрешения в случаях:", law, 2)
    numbered(document, "нарушения условий;", law, 3)
    numbered(document, "неуплаты платы.", law, 3)
    numbered(document, "Решение может быть обжаловано.", law, 1)
    numbered(document, "Плата за разрешение", law, 0)
    numbered(document, "Размер платы определяется уполномоченным органом.", law, 1)
    annex = add_list(document, 42, [Lvl("upperRoman", "%1."), Lvl("lowerLetter", "(%2)", 3)])
    numbered(document, "Общие положения", annex, 0)
    numbered(document, "first", annex, 1)
    numbered(document, "second", annex, 1)
    path = tmp_path / "law.docx"
    document.save(str(path))
    lines = read_legal_text(path).text.splitlines()
    assert lines == [
        "Закон О разрешениях",
        "Статья 1. Выдача разрешений",
        "1. Уполномоченный орган вправе:",
        "1) выдавать разрешения;",
        "2) отзывать разрешения в случаях:",
        "а) нарушения условий;",
        "б) неуплаты платы.",
        "2. Решение может быть обжаловано.",
        "Статья 2. Плата за разрешение",
        "1. Размер платы определяется уполномоченным органом.",
        "I. Общие положения",
        "(c) first",
        "(d) second",
    ]
    act = parse_act("\n".join(lines[:10]))
    assert [u.locator for u in act.units if u.kind is UnitKind.ITEM] == [
        "ст. 1 п. 1 пп. 2) пп. а)",
        "ст. 1 п. 1 пп. 2) пп. б)",
    ]


def test_docx_lists_restart_or_continue_as_word_counts(tmp_path: Path) -> None:
    document = docx.Document()
    first = add_list(document, 51, [Lvl("decimal", "%1.")], restart=True)
    second = add_list(document, 52, [Lvl("decimal", "%1.")], restart=True)
    numbered(document, "один", first)
    numbered(document, "два", first)
    numbered(document, "снова один", second)
    numbered(document, "три", first)
    path = tmp_path / "lists.docx"
    document.save(str(path))
    assert read_legal_text(path).text.splitlines() == [
        "1. один",
        "2. два",
        "1. снова один",
        "3. три",
    ]


def test_docx_heading_styles_bound_to_a_list(tmp_path: Path) -> None:
    """Word's "link level to style": the numbering is on the heading styles, not the paragraphs."""
    document = docx.Document()
    law = add_list(document, 61, [Lvl("decimal", "Глава %1."), Lvl("decimal", "Статья %2.")])
    for style, level in (("Heading 1", None), ("Heading 2", 1)):
        p_pr = document.styles[style].element.get_or_add_pPr()
        ilvl = "" if level is None else f'<w:ilvl w:val="{level}"/>'
        p_pr.append(
            parse_xml(f'<w:numPr xmlns:w="{W_NS}">{ilvl}<w:numId w:val="{law}"/></w:numPr>')
        )
    document.add_paragraph("Общие положения", style="Heading 1")
    document.add_paragraph("Цели", style="Heading 2")
    document.add_paragraph("Задачи", style="Heading 2")
    document.add_paragraph("Порядок", style="Heading 1")
    document.add_paragraph("Сроки", style="Heading 2")
    path = tmp_path / "headings.docx"
    document.save(str(path))
    assert read_legal_text(path).text.splitlines() == [
        "Глава 1. Общие положения",
        "Статья 1. Цели",
        "Статья 2. Задачи",
        "Глава 2. Порядок",
        "Статья 1. Сроки",
    ]


def test_docx_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Разрешение выдается ")
    ns = f'xmlns:w="{W_NS}"'
    for change in (
        f'<w:ins {ns} w:id="1" w:author="A"><w:r><w:t xml:space="preserve">в течение 10 дней '
        "</w:t></w:r></w:ins>",
        f'<w:del {ns} w:id="2" w:author="A"><w:r><w:delText>в разумный срок </w:delText></w:r>'
        "</w:del>",
        f"<w:sdt {ns}><w:sdtContent><w:r><w:t>органом.</w:t></w:r></w:sdtContent></w:sdt>",
    ):
        paragraph._p.append(parse_xml(change))
    path = tmp_path / "revised.docx"
    document.save(str(path))
    assert read_legal_text(path).text == "Разрешение выдается в течение 10 дней органом.\n"


def test_word_number_formats() -> None:
    assert [format_number(n, "russianLower") for n in (1, 9, 10, 29, 30)] == [
        "а", "и", "к", "я", "аа",
    ]  # fmt: skip
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert [format_number(n, "upperLetter") for n in (1, 27)] == ["A", "AA"]
    assert format_number(7, "decimalZero") == "07"


def test_not_a_docx_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "draft.docx"
    fake.write_text(PROVISION, encoding="utf-8")
    with pytest.raises(InputError, match=r"draft\.docx: not a Word \.docx document"):
        read_legal_text(fake)
    import zipfile

    no_document = tmp_path / "empty-zip.docx"
    with zipfile.ZipFile(no_document, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"not a Word \.docx document"):
        read_legal_text(no_document)


def test_pdf_of_the_water_code_parses_to_the_same_numbers(tmp_path: Path) -> None:
    excerpt = _excerpt("Глава 2. Право собственности", "Статья 18.")
    path = text_pdf(tmp_path / "water.pdf", excerpt)
    read = read_legal_text(path)
    assert read.format == "pdf" and read.pages is not None and read.pages >= 3
    assert _numbers(read.text) == _numbers(excerpt)
    assert len(_numbers(excerpt)) > 60
    assert "информационно-телекоммуникационной" in read.text  # compound kept across a break


def test_reflow_joins_lines_hyphens_and_drops_page_numbers() -> None:
    full = "Договор водопользования заключается уполномоченным органом исполнительной"
    pages = [
        ["Статья 16. Порядок", full, "власти без проведения аукциона в случаях:", "1) водо-"],
        ["2", "пользования в целях питьевого водоснабжения;", "2) иных случаях."],
    ]
    assert reflow(pages) == (
        "Статья 16. Порядок\n"
        f"{full} власти без проведения аукциона в случаях:\n"
        "1) водопользования в целях питьевого водоснабжения;\n"
        "2) иных случаях.\n"
    )


def test_scanned_and_encrypted_pdfs_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match=r"scan\.pdf: the PDF has no text layer.*run OCR, e\.g\. `ocrmypdf"
    ):
        read_legal_text(scanned_pdf(tmp_path / "scan.pdf"))
    with pytest.raises(InputError, match=r"locked\.pdf: the PDF is encrypted.*without a password"):
        read_legal_text(encrypted_pdf(tmp_path / "locked.pdf", PROVISION))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n")
    with pytest.raises(InputError, match=r"broken\.pdf: "):
        read_legal_text(broken)


def test_folder_listing_skips_lock_files_and_other_types(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("a.txt", "b/c.DOCX", "b/~$c.docx", ".hidden.txt", "notes.md", "d.pdf"):
        (tmp_path / name).write_text("x")
    single = tmp_path / "notes.md"
    assert [p.relative_to(tmp_path).as_posix() for p in legal_files([tmp_path, single])] == [
        "a.txt", "b/c.DOCX", "d.pdf", "notes.md",
    ]  # fmt: skip
