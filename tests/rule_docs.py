"""What every engine's rule-documentation test checks, once: a page per rule, starting with its
code and name, with the sections a reader needs and the settings it can change."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXPLAINED = (
    "## Methodology",
    "## Why is this a red flag?",
    "## Source",
    "## Output",
    "## Settings",
    "## Exclusions",
)
"""The sections of a declarations or integrity rule's page (procurement names its source
'Legal basis')."""


def check_rule_page(
    folder: str,
    code: str,
    name: str | None,
    sections: Iterable[str] = EXPLAINED,
    settings: str | None = None,
    params: Iterable[str] = (),
) -> None:
    """`docs/<folder>/<code>.md` exists, starts with '# CODE Name' (or '# CODE ' when `name` is
    None), has every section, and shows `[<settings>.params.<code>]` with each parameter."""
    page = DOCS / folder / f"{code}.md"
    assert page.is_file(), f"docs/{folder}/{code}.md is missing"
    text = page.read_text(encoding="utf-8")
    head = f"# {code} {name}\n" if name is not None else f"# {code} "
    assert text.startswith(head), f"docs/{folder}/{code}.md must start with {head!r}"
    missing = [section for section in sections if section not in text]
    assert not missing, f"docs/{folder}/{code}.md lacks {missing}"
    if settings is not None:
        assert f"[{settings}.params.{code}]" in text
    for param in params:
        assert f"{param} =" in text, f"docs/{folder}/{code}.md does not show setting {param}"


def pages(folder: str, pattern: str = "*.md") -> set[str]:
    """The rule codes `docs/<folder>` has pages for."""
    return {p.stem for p in (DOCS / folder).glob(pattern)}
