"""Every registered integrity rule has its page in docs/integrity (docs cannot drift)."""

from __future__ import annotations

import pytest

from adaldyq.engines.integrity.registry import INTEGRITY_RULES
from adaldyq.engines.integrity.rules import load_all
from tests.rule_docs import check_rule_page, pages

load_all()


@pytest.mark.parametrize("code", sorted(INTEGRITY_RULES.rules))
def test_rule_has_a_complete_doc_page(code: str) -> None:
    meta = INTEGRITY_RULES.rules[code][0]
    check_rule_page(
        "integrity", code, meta.name, settings="integrity", params=meta.params.model_fields
    )


def test_every_doc_page_belongs_to_a_rule() -> None:
    found = pages("integrity", "B*.md")
    assert found == set(INTEGRITY_RULES.rules), found ^ set(INTEGRITY_RULES.rules)
