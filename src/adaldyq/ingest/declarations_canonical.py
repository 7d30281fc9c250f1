"""Canonical declaration JSON, validated against the shipped JSON Schema.

`schema/declaration.schema.json` (generated from `model.declaration_schema`) says what a
declaration is. An error in the declaration's own fields (no id, a year that is not a number,
an unknown top-level key such as a misspelt section) rejects the declaration. An error inside
an item (`incomes[2].amount` is text, an unknown key) is a field issue: the value is nulled, a
money or area value gets the status `invalid`, an item that is not an object is left out, and the
rest of the declaration is loaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError

from adaldyq.ingest.declaration_documents import declaration_records
from adaldyq.ingest.declaration_rows import Issue, NotADeclaration, Read, Rejected, build_rows
from adaldyq.model.declarations import SECTION_BY_KEY

SOURCE_FORMAT = "canonical"


def schema_text() -> str:
    """The shipped JSON Schema of a canonical declaration."""
    schema = resources.files("adaldyq.ingest") / "schema" / "declaration.schema.json"
    return schema.read_text(encoding="utf-8")


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text()))


@cache
def _fast_validator() -> jsonschema_rs.Draft202012Validator:
    """The same schema compiled by the Rust validator, which only answers "valid?": the Python
    validator spent four fifths of an import's time on declarations that are all valid, so it
    is asked only for the errors (with their paths) of a declaration found invalid."""
    return jsonschema_rs.Draft202012Validator(json.loads(schema_text()))


def schema_errors(value: object) -> list[ValidationError]:
    """The schema's errors in a declaration, in path order; none for a valid one."""
    if _fast_validator().is_valid(value):
        return []
    return sorted(_validator().iter_errors(value), key=lambda e: [str(p) for p in e.path])


def canonical_document(value: object) -> tuple[dict[str, Any], list[Issue]]:
    """A valid document from one canonical declaration, and the item issues found."""
    errors = schema_errors(value)
    if not isinstance(value, dict):
        raise NotADeclaration("", f"not a JSON object but {type(value).__name__}")
    document = {
        key: [dict(i) if isinstance(i, dict) else i for i in items]
        if key in SECTION_BY_KEY and isinstance(items, list)
        else items
        for key, items in value.items()
    }
    issues: list[Issue] = []
    dropped: set[tuple[str, int]] = set()
    for error in errors:
        path = list(error.absolute_path)
        if len(path) < 2 or path[0] not in SECTION_BY_KEY or not isinstance(path[1], int):
            raise NotADeclaration(_json_path(path), error.message)
        _item_error(document, error, path, issues, dropped)
    for key, index in sorted(dropped, reverse=True):
        del document[key][index]
    return document, issues


def _item_error(
    document: dict[str, Any],
    error: ValidationError,
    path: list[str | int],
    issues: list[Issue],
    dropped: set[tuple[str, int]],
) -> None:
    key, index = str(path[0]), int(path[1])
    item = document[key][index]
    where = f"{key}[{index}]"
    if not isinstance(item, dict):
        issues.append(Issue(where, f"item left out: {error.message}"))
        dropped.add((key, index))
    elif len(path) == 2 and error.validator == "additionalProperties":
        columns = set(SECTION_BY_KEY[key].columns)
        for name in [n for n in item if n not in columns]:
            issues.append(Issue(f"{where}.{name}", "unknown field left out"))
            del item[name]
    elif len(path) == 2:
        issues.append(Issue(where, error.message))
    else:
        name = str(path[2])
        issues.append(Issue(f"{where}.{name}", error.message))
        item[name] = None
        status = invalid_status_column(name, SECTION_BY_KEY[key].columns)
        if status is not None:
            item[status] = "invalid"


def invalid_status_column(name: str, columns: tuple[str, ...]) -> str | None:
    """The status column that says a money or area value is unreadable when `name` is."""
    for candidate in (f"{name}_status", f"{name.rsplit('_', 1)[0]}_status"):
        if candidate in columns and candidate != name:
            return candidate
    return None


def _json_path(path: list[str | int]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def read_canonical_json(file: str, dataset: str) -> Iterator[Read]:
    """Every declaration of a canonical JSON file (one per line, one per file, or an array)."""
    for record in declaration_records(file):
        if isinstance(record, Rejected):
            yield record
            continue
        position, value = record
        try:
            document, issues = canonical_document(value)
        except NotADeclaration as exc:
            ident = value.get("declaration_id") if isinstance(value, dict) else None
            yield Rejected(position, str(ident) if ident else None, exc.path, str(exc))
            continue
        yield build_rows(document, dataset, SOURCE_FORMAT, position, issues)
