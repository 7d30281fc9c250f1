"""Shared rendering: one Jinja environment with autoescaping on, and the rule doc pages.

Every value on these pages comes from published data (tender titles, names, evidence), so it is
untrusted: autoescaping is on for every template, nothing is marked safe, and each page carries a
Content-Security-Policy that runs only its own inline script and style (by a per-page nonce) and
loads nothing from anywhere, so the pages also work offline.
"""

from __future__ import annotations

import io
import json
import math
import secrets
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from jinja2 import Environment, PackageLoader, StrictUndefined

from adaldyq.errors import ConfigError


@cache
def environment() -> Environment:
    """The template environment: autoescape everything, fail on undefined names. Built once
    per process, so a batch of conclusions compiles each template once, not once per page."""
    env = Environment(
        loader=PackageLoader("adaldyq.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _num
    env.filters["money"] = _money
    return env


def render(template: str, **context: Any) -> str:
    """A page rendered with a fresh CSP nonce."""
    return environment().get_template(template).render(nonce=secrets.token_urlsafe(16), **context)


def pretty_json(text: str | None) -> str:
    """Evidence JSON indented for reading; text that is not JSON is shown as it is."""
    if text is None:
        return ""
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False, sort_keys=True)
    except ValueError:
        return text


@dataclass
class RuleDoc:
    """A rule's doc page split into titled sections of paragraphs, for safe rendering."""

    code: str
    title: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)


def default_docs_dir(kind: str = "rules") -> Path | None:
    """`docs/<kind>` of a source checkout (`rules`, `declarations`), if this package runs from
    one."""
    candidate = Path(__file__).resolve().parents[3] / "docs" / kind
    return candidate if candidate.is_dir() else None


DATA_FORMATS = ("csv", "parquet", "json")
"""The formats a flat table is written in for machines and spreadsheets."""


def table_bytes(table: pa.Table, fmt: str) -> bytes:
    """A flat table in one format as bytes (for standard output); see `write_table`."""
    buffer = io.BytesIO()
    write_table(table, fmt, buffer)
    return buffer.getvalue()


def write_table(table: pa.Table, fmt: str, sink: BinaryIO) -> None:
    """A flat table as CSV (header row, UTF-8), Parquet, or JSON (an array of records, one a
    line, missing values as null), so the three read back to the same rows. JSON is written
    batch by batch: a national table never becomes one Python list."""
    if fmt == "json":
        sink.write(b"[")
        separator = b"\n"
        for batch in table.to_batches(max_chunksize=JSON_BATCH):
            for row in batch.to_pylist():
                sink.write(separator + orjson.dumps(row))
                separator = b",\n"
        sink.write(b"\n]\n")
    elif fmt == "csv":
        pacsv.write_csv(table, sink)
    elif fmt == "parquet":
        pq.write_table(table, sink)
    else:
        raise ConfigError(f"unknown table format {fmt!r}; one of: {', '.join(DATA_FORMATS)}")


JSON_BATCH = 50_000
"""Rows turned into Python objects at a time when writing JSON."""


def rule_doc(code: str, title: str, docs_dir: Path | None) -> RuleDoc:
    """The page `docs_dir/CODE.md` as sections; only the title when there is no page.

    Markdown is not converted to HTML (that would need a sanitiser): headings become section
    titles and each paragraph is shown as escaped text.
    """
    doc = RuleDoc(code, title)
    page = None if docs_dir is None else docs_dir / f"{code}.md"
    if page is None or not page.is_file():
        return doc
    heading = ""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*page.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# "):
            doc.title = line[2:].strip()
        elif line.startswith("#"):
            _flush(current, paragraphs)
            if heading or paragraphs:
                doc.sections.append((heading, paragraphs))
            heading, paragraphs = line.lstrip("#").strip(), []
        elif line.strip():
            current.append(line.strip())
        else:
            _flush(current, paragraphs)
    if heading or paragraphs:
        doc.sections.append((heading, paragraphs))
    return doc


def _flush(lines: list[str], paragraphs: list[str]) -> None:
    if lines:
        paragraphs.append(" ".join(lines))
        lines.clear()


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts for templates, NaN (pandas' missing) as None."""
    return [
        {str(k): (None if missing(v) else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def missing(value: Any) -> bool:
    """None or NaN (pandas' missing number)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _num(value: Any, digits: int = 3) -> str:
    """A number with at most `digits` decimals and no trailing zeros."""
    return "" if missing(value) else f"{float(value):.{digits}f}".rstrip("0").rstrip(".")


def _money(value: Any) -> str:
    return "" if missing(value) else f"{float(value):,.2f}"
