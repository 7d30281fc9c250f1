"""Legal drafts as files: plain text, Word (.docx) or PDF, read into one text the parser takes.

Drafts reach an expert as whatever the developer sent: a .docx with automatic numbering, a PDF
printed from it, or a text file saved by an old Windows program in Windows-1251. Each is turned
into the same thing, one structural unit per line (`LegalText.text`); every offset a finding
carries refers to that text. A file that cannot be read gives an `InputError` that names it and
says what to do, because a batch of drafts must tell which file failed and how to fix it.
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from adaldyq.errors import InputError
from adaldyq.ingest.docx_text import docx_text
from adaldyq.ingest.pdf_text import pdf_text

LegalFormat = Literal["txt", "docx", "pdf"]
FORMATS: dict[str, LegalFormat] = {".txt": "txt", ".docx": "docx", ".pdf": "pdf"}
"""File suffixes read, and the format each is read as."""

_RUSSIAN_LETTER = re.compile(r"[А-Яа-яЁё]")
_RUSSIAN_SHARE = 0.9
"""Windows-1251 is accepted when this share of the letters are Russian ones: bytes of another
encoding decoded as Windows-1251 come out as Ђ, ‰, Ћ and Latin letters instead."""


@dataclass(frozen=True, slots=True)
class LegalText:
    """A draft's text as read from its file; `pages` is known for PDFs only."""

    path: Path
    text: str
    format: LegalFormat
    pages: int | None = None


def read_legal_text(path: Path) -> LegalText:
    """Read a .txt, .docx or .pdf draft into text with one structural unit per line."""
    if not path.is_file():
        raise InputError("no such file: give the path of a .txt, .docx or .pdf draft", path=path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"unknown file type {path.suffix or '(no extension)'!r}: save the draft as .docx, "
            ".pdf or UTF-8 .txt and try again",
            path=path,
        )
    pages = None
    if fmt == "docx":
        text = docx_text(path)
    elif fmt == "pdf":
        text, pages = pdf_text(path)
    else:
        text = decode_text(path.read_bytes(), path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(
            "the file is empty (no text): check that it is the draft you meant, save it again "
            "with its text and try again",
            path=path,
        )
    return LegalText(path, text, fmt, pages)


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; else Windows-1251 if that reads as
    Russian; else an `InputError` asking for UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        legacy = data.decode("cp1251")
    except UnicodeDecodeError:
        legacy = ""
    letters = [c for c in legacy if c.isalpha()]
    russian = sum(1 for c in letters if _RUSSIAN_LETTER.match(c))
    if letters and "\x00" not in legacy and russian >= _RUSSIAN_SHARE * len(letters):
        return legacy
    raise InputError(
        "not UTF-8 text, nor Russian text in Windows-1251: save it as UTF-8 (Notepad: Save as, "
        "Encoding UTF-8; Word: Save as Plain Text, Unicode UTF-8) and try again",
        path=path,
    )


def legal_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The drafts to read: each file given, and the .txt/.docx/.pdf files under each folder
    (recursively, sorted), leaving out hidden files and Word's "~$" lock files."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path).parts
            if (
                found.is_file()
                and found.suffix.lower() in FORMATS
                and not any(part.startswith((".", "~$")) for part in relative)
            ):
                yield found
