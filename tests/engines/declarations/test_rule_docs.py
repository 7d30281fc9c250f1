"""Every registered declarations rule has its page in docs/declarations (docs cannot drift)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.engines.declarations.registry import DECLARATION_RULES
from adaldyq.engines.declarations.rules import load_all

DOCS = Path(__file__).resolve().parents[3] / "docs" / "declarations"
SECTIONS = (
    "## Methodology",
    "## Why is this a red flag?",
    "## Source",
    "## Output",
    "## Settings",
    "## Exclusions",
)

load_all()


@pytest.mark.parametrize("code", sorted(DECLARATION_RULES.rules))
def test_rule_has_a_complete_doc_page(code: str) -> None:
    page = DOCS / f"{code}.md"
    assert page.is_file(), f"docs/declarations/{code}.md is missing"
    text = page.read_text(encoding="utf-8")
    name = DECLARATION_RULES.rules[code][0].name
    assert text.startswith(f"# {code} {name}\n"), "the page must start with '# CODE Name'"
    missing = [section for section in SECTIONS if section not in text]
    assert not missing, f"docs/declarations/{code}.md lacks {missing}"
    assert f"[declarations.params.{code}]" in text


def test_every_doc_page_belongs_to_a_rule() -> None:
    pages = {p.stem for p in DOCS.glob("*.md")}
    assert pages <= set(DECLARATION_RULES.rules), pages - set(DECLARATION_RULES.rules)
