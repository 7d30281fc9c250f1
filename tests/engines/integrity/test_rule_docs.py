"""Every registered integrity rule has its page in docs/integrity (docs cannot drift)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adaldyq.engines.integrity.registry import INTEGRITY_RULES
from adaldyq.engines.integrity.rules import load_all
from tests.engines.declarations.test_rule_docs import SECTIONS  # the same sections

DOCS = Path(__file__).resolve().parents[3] / "docs" / "integrity"

load_all()


@pytest.mark.parametrize("code", sorted(INTEGRITY_RULES.rules))
def test_rule_has_a_complete_doc_page(code: str) -> None:
    page = DOCS / f"{code}.md"
    assert page.is_file(), f"docs/integrity/{code}.md is missing"
    text = page.read_text(encoding="utf-8")
    meta = INTEGRITY_RULES.rules[code][0]
    assert text.startswith(f"# {code} {meta.name}\n"), "the page must start with '# CODE Name'"
    missing = [section for section in SECTIONS if section not in text]
    assert not missing, f"docs/integrity/{code}.md lacks {missing}"
    assert f"[integrity.params.{code}]" in text
    for name in meta.params.model_fields:
        assert f"{name} =" in text, f"docs/integrity/{code}.md does not show setting {name}"


def test_every_doc_page_belongs_to_a_rule() -> None:
    pages = {p.stem for p in DOCS.glob("B*.md")}
    assert pages == set(INTEGRITY_RULES.rules), pages ^ set(INTEGRITY_RULES.rules)
