"""Every registered declarations rule has its page in docs/declarations (docs cannot drift)."""

from __future__ import annotations

import pytest

from adaldyq.engines.declarations.registry import DECLARATION_RULES
from adaldyq.engines.declarations.rules import load_all
from tests.rule_docs import check_rule_page, pages

load_all()


@pytest.mark.parametrize("code", sorted(DECLARATION_RULES.rules))
def test_rule_has_a_complete_doc_page(code: str) -> None:
    name = DECLARATION_RULES.rules[code][0].name
    check_rule_page("declarations", code, name, settings="declarations")


def test_every_doc_page_belongs_to_a_rule() -> None:
    found = pages("declarations")
    assert found <= set(DECLARATION_RULES.rules), found - set(DECLARATION_RULES.rules)
