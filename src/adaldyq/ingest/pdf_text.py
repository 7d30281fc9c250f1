"""A PDF draft's text layer as lines the act parser can read.

A PDF has no paragraphs, only lines as they were typeset: a provision wraps over several lines,
words are hyphenated at line ends, and page numbers sit between them. The parser needs one
structural unit per line, starting with its marker, so the lines are put back together:

- a line is joined to the one before unless it starts like a unit ("Статья 5.", "1.", "1)", "а)",
  "(a)", "2-бап") or the one before ended the paragraph: it is clearly shorter than a full line
  (a title, a heading, the last line of a paragraph) or ends with ":" or ";" (a list intro or
  item);
- a word hyphenated at a line end is joined without the hyphen, unless the document writes that
  word with a hyphen elsewhere ("информационно-телекоммуникационной");
- a line that is only a page number, first or last on its page, is dropped.

The unit-start pattern is deliberately broader than the parser's markers (this layer cannot use
them, and a false start only splits a line the parser then reads as an абзац).
"""

# Acts are Russian and Kazakh text; Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from adaldyq.errors import InputError

_UNIT_START = re.compile(
    r"^(?:\d{1,3}(?:[.-]\d{1,3}){0,2}[.)]\s"
    r"|[а-яёәғқңөұүһіa-z]\)\s"
    r"|\((?:\d{1,3}[A-Z]?|[a-z]{1,2}|[ivxl]+)\)"
    r"|(?:Статья|СТАТЬЯ|Глава|ГЛАВА|Раздел|РАЗДЕЛ|Параграф|Приложение|ПРИЛОЖЕНИЕ|Article|ARTICLE"
    r"|Section|SECTION|Chapter|CHAPTER|Part|PART|Schedule|SCHEDULE|Regulation)\s+[\dIVXLC]"
    r"|\d{1,3}(?:-\d{1,3})?-(?:бап|тарау|бөлім|параграф|қосымша)\b"
    r"|§\s*\d"
    r"|[IVXLC]+\.\s)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—\s]*\d{1,4}[-–—\s]*|(?:стр\.?|страница|бет|page)\s*\d{1,4}(?:\s*(?:из|of)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"(\w+)[-\u00ad]$")
_WORD = re.compile(r"\w+(?:-\w+)*")
_FULL_LINE = 0.8
"""A line shorter than this share of a full line (90th percentile of the document) ends its
paragraph."""


def pdf_text(path: Path) -> tuple[str, int]:
    """The text layer of a PDF, reflowed into one unit per line, and its page count."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (FileNotDecryptedError, DependencyError) as exc:
        raise InputError(
            f"the PDF is encrypted ({exc}): save a copy without a password (print to PDF, or "
            "`qpdf --decrypt in.pdf out.pdf` with the password) and try again",
            path=path,
        ) from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"not a readable PDF ({exc}): open it in a PDF viewer; if it shows, print it to a "
            "new PDF and try again",
            path=path,
        ) from exc
    if not any(page.strip() for page in pages):
        raise InputError(
            f"the PDF has no text layer on any of its {len(pages)} page(s) (a scanned image?): "
            "run OCR, e.g. `ocrmypdf -l rus+kaz+eng in.pdf out.pdf`, and try again",
            path=path,
        )
    return reflow([_page_lines(page) for page in pages]), len(pages)


def reflow(pages: list[list[str]]) -> str:
    """Lines of every page joined into paragraphs, one structural unit per line."""
    lines = [line for page in pages for line in _without_page_numbers(page)]
    words = {w.lower() for line in lines for w in _WORD.findall(line)}
    full = _full_length(lines)
    paragraphs: list[str] = []
    previous = ""  # the last physical line: it decides whether its paragraph goes on
    for line in lines:
        if paragraphs and not _UNIT_START.match(line) and not _ends_paragraph(previous, full):
            paragraphs[-1] = _join(paragraphs[-1], line, words)
        else:
            paragraphs.append(line)
        previous = line
    return "\n".join(paragraphs) + "\n"


def _page_lines(page: str) -> list[str]:
    """Non-blank lines with runs of spaces (justified text) collapsed and soft hyphens inside a
    line removed (one at the end marks a hyphenated word)."""
    lines = (" ".join(line.split()) for line in page.splitlines())
    return [line[:-1].replace("\u00ad", "") + line[-1] for line in lines if line]


def _without_page_numbers(lines: list[str]) -> list[str]:
    kept = list(lines)
    if kept and _PAGE_NUMBER.match(kept[-1]):
        kept.pop()
    if kept and _PAGE_NUMBER.match(kept[0]):
        kept.pop(0)
    return kept


def _full_length(lines: list[str]) -> int:
    """The length of a full line: the 90th percentile, so headings and last lines don't count."""
    lengths = sorted(len(line) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _ends_paragraph(line: str, full: int) -> bool:
    if _HYPHENATED.search(line):
        return False
    return line.endswith((":", ";")) or len(line) < _FULL_LINE * full


def _join(paragraph: str, line: str, words: set[str]) -> str:
    """A continuation line appended; a word hyphenated across the break is made whole."""
    hyphen = _HYPHENATED.search(paragraph)
    first = _WORD.match(line)
    if hyphen and first and line[:1].islower():
        compound = f"{hyphen.group(1)}-{first.group(0)}".lower()
        kept = "-" if paragraph.endswith("-") and compound in words else ""
        return paragraph[: hyphen.end(1)] + kept + line
    return f"{paragraph} {line}"
