"""Every registered rule has a doc page with the sections a reader needs (docs cannot drift)."""

from __future__ import annotations

import pytest

from adaldyq.engines.procurement.registry import PROCUREMENT_RULES
from adaldyq.engines.procurement.rules import load_all
from tests.rule_docs import EXPLAINED, check_rule_page, pages

SECTIONS = tuple("## Legal basis" if s == "## Source" else s for s in EXPLAINED)

load_all()


@pytest.mark.parametrize("code", sorted(PROCUREMENT_RULES.rules))
def test_rule_has_a_complete_doc_page(code: str) -> None:
    check_rule_page("rules", code, None, SECTIONS)


def test_every_doc_page_belongs_to_a_rule() -> None:
    found = pages("rules")
    assert found <= set(PROCUREMENT_RULES.rules), (
        f"pages without a rule: {found - set(PROCUREMENT_RULES.rules)}"
    )
