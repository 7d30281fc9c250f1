"""The JSON Schema of a canonical declaration, derived from the table definitions.

The schema shipped as `ingest/schema/declaration.schema.json` is this function's output (a test
keeps the two equal), so the JSON form and the Parquet tables cannot drift apart: each item key
is a canonical column of its section's table, with the JSON type of the column's Arrow type.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from adaldyq.model.areas import SQUARE_METRES_PER_UNIT
from adaldyq.model.declarations import (
    DECLARATION_TYPES,
    DECLARATIONS,
    ITEM_SECTIONS,
    OWNER_ROLES,
    VALUE_STATUSES,
    Section,
)

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
HOLDER_ROLES = ("declarant", "family", "third_party")

REQUIRED: dict[str, tuple[str, ...]] = {
    "declaration": ("declaration_id", "person_id", "year", "declaration_type"),
    "family": ("member_id",),
    "rights": ("section", "item_id", "holder_id", "holder_role"),
}
"""Keys an object must have; every other item needs its `item_id` and `owner_id`."""

ENUMS: dict[str, tuple[str, ...]] = {
    "declaration_type": DECLARATION_TYPES,
    "area_unit": tuple(SQUARE_METRES_PER_UNIT),
    "holder_role": HOLDER_ROLES,
    "section": tuple(s.key for s in ITEM_SECTIONS if s.key not in ("family", "rights")),
}

_JSON_TYPES = {
    pa.string(): "string",
    pa.float64(): "number",
    pa.int64(): "integer",
    pa.bool_(): "boolean",
    pa.date32(): "string",
}


def _property(name: str, kind: pa.DataType) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": [_JSON_TYPES[kind], "null"]}
    if kind == pa.date32():
        prop["pattern"] = DATE_PATTERN
    elif name.endswith("_currency"):
        prop["pattern"] = CURRENCY_PATTERN
    elif name.endswith("_status"):
        prop["enum"] = [*VALUE_STATUSES, None]
    elif name in ENUMS:
        prop["enum"] = [*ENUMS[name], None]
    return prop


def _object(section: Section, key: str) -> dict[str, Any]:
    required = REQUIRED.get(key, ("item_id", "owner_id"))
    properties = {name: _property(name, kind) for name, kind in section.canonical}
    if section is DECLARATIONS:
        properties = {"declaration_id": _property("declaration_id", pa.string()), **properties}
    for name in required:
        properties[name]["type"] = properties[name]["type"][0]
    if "owner_id" in properties:
        properties["owner_id"]["description"] = (
            '"declarant", or the member_id of a family member of the same declaration'
        )
    return {
        "type": "object",
        "required": list(required),
        "additionalProperties": False,
        "properties": properties,
    }


def declaration_json_schema() -> dict[str, Any]:
    """The schema of one canonical declaration: its fields plus one list per section."""
    schema = _object(DECLARATIONS, "declaration")
    for section in ITEM_SECTIONS:
        schema["properties"][section.key] = {
            "type": "array",
            "items": {"$ref": f"#/$defs/{section.key}"},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Adaldyq canonical declaration",
        "description": (
            "One asset declaration of one person for one year. Money fields are three keys: "
            "<name> (amount as declared), <name>_currency (ISO 4217), <name>_status (null when "
            f"given, else one of {', '.join(VALUE_STATUSES)}). Owner roles: "
            f"{', '.join(OWNER_ROLES)}. See docs/inputs/declarations.md."
        ),
        **schema,
        "$defs": {section.key: _object(section, section.key) for section in ITEM_SECTIONS},
    }
