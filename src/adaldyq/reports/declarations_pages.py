"""One self-contained HTML page per ranked person, and an index of them.

A page is what a journalist or an inspector checks a person's rating against: the head (name,
position, body, region, place and score), the year-by-year balance the rules compared, and each
finding grouped by year with its rule, the arithmetic (`formula`) and the declared items behind
it, linking to the rule's doc page. Names, positions and evidence come from published data, so
they are untrusted: the shared environment escapes every value, and the page loads nothing.

Only the top persons get a page by default: at a million person-years a page each would be
hundreds of thousands of files nobody opens; the persons table lists everyone.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from adaldyq.reports.declarations_persons import rows_of
from adaldyq.reports.rendering import render

PAGES_DIR = "persons"
BALANCE_COLUMNS = (
    ("property", "Property at cost"),
    ("monetary_assets", "Monetary assets"),
    ("cash", "of which cash"),
    ("liabilities", "Liabilities"),
    ("net_worth", "Net worth"),
    ("net_worth_change", "Change in net worth"),
    ("income", "Income"),
    ("gifts", "of which gifts, prizes"),
    ("expenditures", "Expenditures"),
    ("living_cost", "Living cost estimate"),
    ("net_worth_gap", "Net-worth gap (A01)"),
    ("spending_gap", "Spending gap (A02)"),
)
"""The balance columns a page shows, with their headings; money in the base currency."""
SHOWN_ELSEWHERE = {"formula", "items", "pairs", "declaration_id", "year", "weight"}
"""Evidence keys a finding's block shows in their own place, not in its list of values."""

Advance = Callable[[int], None]


def page_name(person_id: str) -> str:
    """A person's page file: a digest of the id, since ids may be names in any script and the
    same person keeps the same address from one run to the next."""
    return f"{PAGES_DIR}/p-{hashlib.sha1(person_id.encode('utf-8')).hexdigest()[:16]}.html"


def write_person_pages(
    out_dir: Path,
    persons: pa.Table,
    balance: pa.Table,
    findings: pa.Table,
    context: Mapping[str, Any],
    advance: Advance | None = None,
) -> list[Path]:
    """A page for each row of `persons` (already cut to the top) and `index.html`; `context`
    carries `currency`, `run_id`, `total` (persons screened), `rule_names`, `docs_dir` and
    `tables` (the formats the persons table was written in)."""
    people = persons.to_pylist()
    ids = [p["person_id"] for p in people]
    years = _by_person(rows_of(balance, ids).sort_by("year").to_pylist())
    found = _by_person(rows_of(findings, ids, "subject_id").to_pylist(), "subject_id")
    docs = _doc_links(context.get("docs_dir"), out_dir / PAGES_DIR, context["rule_names"])
    written = []
    for person in people:
        path = out_dir / page_name(person["person_id"])
        page = render(
            "declarations_person.html.j2",
            person=person,
            balance=years.get(person["person_id"], []),
            columns=BALANCE_COLUMNS,
            years=_findings_by_year(found.get(person["person_id"], []), context["rule_names"]),
            docs=docs,
            index="../index.html",
            **context,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        written.append(path)
        if advance is not None:
            advance(1)
    index = out_dir / "index.html"
    listed = [{**p, "page": page_name(p["person_id"])} for p in people]
    index.write_text(render("declarations_index.html.j2", persons=listed, **context), "utf-8")
    return [index, *written]


def _by_person(rows: list[dict[str, Any]], key: str = "person_id") -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _findings_by_year(
    rows: list[dict[str, Any]], rule_names: Mapping[str, str]
) -> list[tuple[Any, list[dict[str, Any]]]]:
    """A person's findings as (year, findings) from the latest year, each finding with its rule
    name, formula, item tables and the other values of its evidence."""
    by_year: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r["rule_code"], r["value"] or 0.0)):
        evidence = orjson.loads(row["evidence"]) if row["evidence"] else {}
        tables = {
            key: _item_table(value)
            for key, value in evidence.items()
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        }
        values = {
            key: _plain(value)
            for key, value in sorted(evidence.items())
            if key not in SHOWN_ELSEWHERE and key not in tables and value not in (None, {}, [])
        }
        by_year[evidence.get("year")].append(
            {
                "code": row["rule_code"],
                "name": rule_names.get(row["rule_code"], ""),
                "score": row["score"],
                "value": row["value"],
                "explanation": _unless_within(row["explanation"], evidence.get("formula")),
                "declaration_id": evidence.get("declaration_id"),
                "formula": evidence.get("formula"),
                "tables": tables,
                "values": values,
            }
        )
    return sorted(by_year.items(), key=lambda item: -(item[0] or 0))


def _unless_within(explanation: str | None, formula: str | None) -> str | None:
    """The explanation, unless it only repeats the formula shown above it."""
    return None if explanation and formula and formula in explanation else explanation


def _item_table(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Evidence items (declared lines, year pairs) as a table: the union of their keys in
    first-seen order, and each item's values as text."""
    keys: list[str] = []
    for item in items:
        keys.extend(k for k in item if k not in keys)
    return {"keys": keys, "rows": [[_plain(item.get(k)) for k in keys] for item in items]}


def _plain(value: Any) -> str:
    """A value as shown on the page: nested values as compact JSON, missing as empty."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode("utf-8")
    if isinstance(value, float):  # money with cents, a rate or ratio with all its digits
        return f"{value:,.2f}" if round(value, 2) == value else f"{value:,}"
    return str(value)


def _doc_links(
    docs_dir: Path | None, page_dir: Path, rule_names: Mapping[str, str]
) -> dict[str, str]:
    """Per rule code with a doc page, its path relative to the page (works from a checkout or
    a copied folder that keeps the layout; no link when the docs are not at hand)."""
    if docs_dir is None:
        return {}
    return {
        code: Path(os.path.relpath(docs_dir / f"{code}.md", page_dir)).as_posix()
        for code in rule_names
        if (docs_dir / f"{code}.md").is_file()
    }
