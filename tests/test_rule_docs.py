"""Every registered rule has a doc page with the sections a reader needs (docs cannot drift)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.engines.procurement.registry import PROCUREMENT_RULES
from adaldyq.engines.procurement.rules import load_all

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"
SECTIONS = (
    "## Methodology",
    "## Why is this a red flag?",
    "## Legal basis",
    "## Output",
    "## Settings",
    "## Exclusions",
)

load_all()


@pytest.mark.parametrize("code", sorted(PROCUREMENT_RULES.rules))
def test_rule_has_a_complete_doc_page(code: str) -> None:
    page = DOCS / f"{code}.md"
    assert page.is_file(), f"docs/rules/{code}.md is missing"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {code} "), "the page must start with '# CODE Name'"
    missing = [section for section in SECTIONS if section not in text]
    assert not missing, f"docs/rules/{code}.md lacks {missing}"


def test_every_doc_page_belongs_to_a_rule() -> None:
    pages = {p.stem for p in DOCS.glob("*.md")}
    assert pages <= set(PROCUREMENT_RULES.rules), (
        f"pages without a rule: {pages - set(PROCUREMENT_RULES.rules)}"
    )
