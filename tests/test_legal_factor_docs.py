"""Every factor of the legal-drafts engine has a complete doc page, and every rule id the factor
checks can emit is documented on its factor's page (docs cannot drift from the checks).

Rule ids are collected from the source of the factor modules, so a new check (a new
"Fxx.rule_name" in `factors_*.py`) fails here until its page describes it, and a page that names
a rule the code no longer emits fails too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adaldyq.engines.legal_drafts import FACTORS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "legal_factors"
INDEX = DOCS / "README.md"
ENGINE = ROOT / "src" / "adaldyq" / "engines" / "legal_drafts"
SECTIONS = (
    "## Definition",
    "## How the engine decides",
    "## Examples",
    "## Recommended rewrite",
    "## Advisory",
    "## Limits",
)
RULE_IN_CODE = re.compile(r"\"(F\d\d\.[a-z_]+)\"")
RULE_ON_PAGE = re.compile(r"`(F\d\d\.[a-z_]+)`")
ADVISORY_MARK = "**Advisory: yes.**"


def _code_rules() -> frozenset[str]:
    modules = sorted(ENGINE.glob("factors_*.py"))
    assert modules, f"no factor modules under {ENGINE}"
    return frozenset(
        rule for path in modules for rule in RULE_IN_CODE.findall(path.read_text(encoding="utf-8"))
    )


RULES = _code_rules()


def _page(factor: str) -> str:
    page = DOCS / f"{factor}.md"
    assert page.is_file(), f"docs/legal_factors/{factor}.md is missing"
    return page.read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    """The text under `heading` up to the next second-level heading."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end])


def _flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces (pages wrap lines)."""
    return " ".join(text.split())


def _mentions(text: str, rule: str) -> bool:
    """Whether `rule` appears as a whole id ("F02.optional_power" is not in "…_power_list")."""
    return re.search(rf"(?<![\w.]){re.escape(rule)}(?![\w])", text) is not None


def test_rule_ids_are_collected_from_the_code() -> None:
    assert RULES, "no rule id found in factors_*.py: has the id format changed?"
    strays = sorted(rule for rule in RULES if rule[:3] not in FACTORS)
    assert not strays, f"rule ids of no factor in FACTORS: {strays}"


@pytest.mark.parametrize("factor", sorted(FACTORS))
def test_factor_has_a_complete_page(factor: str) -> None:
    info = FACTORS[factor]
    text = _page(factor)
    title = f"# {factor} {info.name_en}"
    assert text.splitlines()[0] == title, f"the page must start with '{title}'"
    lines = text.splitlines()
    missing = [s for s in SECTIONS if s not in lines]
    assert not missing, f"docs/legal_factors/{factor}.md lacks {missing}"
    order = [lines.index(s) for s in SECTIONS]
    assert order == sorted(order), f"sections must come in the order {SECTIONS}"
    definition = _flat(_section(text, "## Definition"))
    assert _flat(info.definition_en) in definition, "the Definition must quote taxonomy.py's"
    assert _flat(info.name_ru) in definition, "the Definition must give the Russian term"
    examples = _section(text, "## Examples")
    assert examples.count("**Flagged**") >= 2, "at least two flagged examples"
    assert examples.count("**Not flagged**") >= 1, "at least one example that is not flagged"
    advisory = _section(text, "## Advisory")
    assert (ADVISORY_MARK in advisory) is info.advisory, (
        f"the Advisory section must say {ADVISORY_MARK!r} exactly when taxonomy.py marks "
        f"{factor} advisory ({info.advisory})"
    )


def test_every_page_belongs_to_a_factor() -> None:
    pages = {p.stem for p in DOCS.glob("*.md") if p != INDEX}
    assert pages <= set(FACTORS), f"pages without a factor: {sorted(pages - set(FACTORS))}"


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_is_documented_on_its_factors_page(rule: str) -> None:
    factor = rule[:3]
    assert _mentions(_section(_page(factor), "## How the engine decides"), rule), (
        f"{rule} is emitted by the code but not described in docs/legal_factors/{factor}.md"
    )


@pytest.mark.parametrize("factor", sorted(FACTORS))
def test_page_names_only_rules_the_code_emits(factor: str) -> None:
    stale = sorted(set(RULE_ON_PAGE.findall(_page(factor))) - RULES)
    assert not stale, f"docs/legal_factors/{factor}.md names rules the code does not emit: {stale}"


def test_index_lists_every_factor_and_rule() -> None:
    assert INDEX.is_file(), "docs/legal_factors/README.md is missing"
    text = INDEX.read_text(encoding="utf-8")
    missing = [f for f in sorted(FACTORS) if f"[{f}]({f}.md)" not in text]
    missing += [r for r in sorted(RULES) if not _mentions(text, r)]
    assert not missing, f"docs/legal_factors/README.md does not list {missing}"
    stale = sorted(set(RULE_ON_PAGE.findall(text)) - RULES)
    assert not stale, f"docs/legal_factors/README.md names rules the code does not emit: {stale}"
