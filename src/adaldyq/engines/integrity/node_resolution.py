"""Entity resolution over the graph's own nodes: which people, and which companies, of the imported
registers are one and the same (issue #5: "people and companies across registers").

Each register names a person in its own way: the civil-service list in Cyrillic with the
patronymic, the company register in Latin letters without it, a BODS statement with the birth
date only. The patterns need the person, not the record, so every `Person` node, and every
organisation node (companies, bodies, legal entities), is handed to `engines.resolution` as one
register to deduplicate: exact links on a valid IIN/BIN, Splink for the rest. The links are kept
as they are (`model.graph.SAME_AS`): nodes are never rewritten, and the patterns merge linked
nodes when they load the graph (`merge.py`), so a wrong link can be seen, and undone by raising
the threshold, without importing again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from adaldyq.engines.integrity.context import ORGANISATIONS
from adaldyq.engines.resolution import Options, Resolution, resolve_companies, resolve_people
from adaldyq.model.graph import SAME_AS
from adaldyq.model.identity.identifiers import clean, is_valid_bin, is_valid_iin
from adaldyq.store.linkage import LinkageDatabase

PERSON = "person"
COMPANY = "company"
NODE_COLUMNS = (
    "id", "schema", "name", "identifiers", "birth_date", "incorporation_date", "address", "phone",
    "email", "country", "nationality", "jurisdiction",
)  # fmt: skip
"""What resolution reads of a node."""

Resolver = Callable[[pa.Table, pa.Table | None, Options, LinkageDatabase | None], Resolution]


@dataclass(frozen=True)
class NodeResolution:
    """The links found (`SAME_AS` rows) and how many nodes of each kind were compared."""

    links: pa.Table
    compared: dict[str, int]


def resolve_nodes(
    dataset: str, nodes: Iterable[dict[str, Any]], threshold: float, database: LinkageDatabase
) -> NodeResolution:
    """Deduplicate the people and the organisations among `nodes` (rows with `NODE_COLUMNS`);
    links below `threshold` are not kept."""
    people: list[dict[str, Any]] = []
    organisations: list[dict[str, Any]] = []
    for node in nodes:
        if not node.get("name"):
            continue  # nothing to compare: an unnamed node meets others by its id only
        if node["schema"] == "Person":
            people.append(_person_record(node))
        elif node["schema"] in ORGANISATIONS:  # together: a schema's name is no evidence
            organisations.append(_company_record(node))
    options = Options(sources=(dataset, dataset), threshold=threshold)
    tables = [
        _links(dataset, PERSON, people, resolve_people, options, database),
        _links(dataset, COMPANY, organisations, resolve_companies, options, database),
    ]
    return NodeResolution(
        pa.concat_tables(tables), {PERSON: len(people), COMPANY: len(organisations)}
    )


def _links(
    dataset: str,
    kind: str,
    records: list[dict[str, Any]],
    resolve: Resolver,
    options: Options,
    database: LinkageDatabase,
) -> pa.Table:
    if len(records) < 2:
        return SAME_AS.empty_table()
    links = resolve(pa.Table.from_pylist(records), None, options, database).links
    rows = links.num_rows
    return pa.table(
        {
            "dataset": pa.repeat(dataset, rows).cast(pa.string()),
            "kind": pa.repeat(kind, rows).cast(pa.string()),
            "left_id": links["left_id"],
            "right_id": links["right_id"],
            "match_probability": links["match_probability"],
            "match_weight": links["match_weight"],
            "method": links["method"],
            "decided_by": links["decided_by"],
        },
        schema=SAME_AS,
    )


def _person_record(node: dict[str, Any]) -> dict[str, Any]:
    return {
        "record_id": node["id"],
        "name": node["name"],
        "birth_date": node.get("birth_date"),
        "iin": _identifier(node, is_valid_iin),
        "address": _first(node.get("address")),
        "country": _first(node.get("nationality")) or _first(node.get("country")),
    }


def _company_record(node: dict[str, Any]) -> dict[str, Any]:
    return {
        "record_id": node["id"],
        "name": node["name"],
        "bin": _identifier(node, is_valid_bin),
        "address": _first(node.get("address")),
        "phone": _first(node.get("phone")),
        "email": _first(node.get("email")),
        "registration_date": node.get("incorporation_date"),
    }


def _identifier(node: dict[str, Any], valid: Callable[[str], bool]) -> str | None:
    """The node's first identifier that passes `valid` (an IIN or BIN with its check digit),
    whatever property or scheme the source filed it under."""
    for identifier in node.get("identifiers") or ():
        value = identifier.get("id")
        if value and valid(value):
            return clean(value)
    return None


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None
