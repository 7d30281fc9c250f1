"""FollowTheMoney entities (JSON Lines of `{id, schema, properties}`) to graph rows.

Things (`model/ftm_vocabulary.py: NODE_SCHEMATA`) become nodes, relations (`EDGE_ENDS`) edges
from the entity in their source property to the one in their target property: Payment payer to
beneficiary, Ownership owner to asset, Directorship director to organization, Family person to
relative. A property with a column goes to it (the first value for a single-valued column, the
other values staying in `extra`); every other property stays in `extra` as read, so the export
(`ingest/ftm_export.py`) writes the entity back. A value a column cannot take (a date that is
not one, a percentage that is not a number) is an issue and stays in `extra`.

An entity of a schema the graph does not model (a Vessel, a Sanction) is rejected with the
reason; a relation without one of its ends is rejected; an end or a reference naming an id that
is not in the dataset is an issue, found once everything is read (`ingest/graph.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from adaldyq.ingest.graph_values import (
    GraphRead,
    GraphRecord,
    Issue,
    NotARecord,
    Rejected,
    Row,
    empty_edge,
    empty_node,
    encode_extra,
    parse_number,
    parse_partial_date,
    parse_share,
    read_records,
    set_interval,
)
from adaldyq.ingest.json_stream import Position
from adaldyq.model.ftm_vocabulary import (
    ADDRESS_PROPERTY,
    ALIAS_PROPERTY,
    EDGE_DATE_COLUMNS,
    EDGE_ENDS,
    FULL_ADDRESS_PROPERTY,
    IDENTIFIER_PROPERTIES,
    INTEREST_SCHEMATA,
    NAME_PROPERTY,
    NODE_DATE_COLUMNS,
    NODE_LIST_COLUMNS,
    NODE_SCHEMATA,
    REFERENCE_PROPERTIES,
    RELATIONSHIP_SCHEMATA,
    VALUE_SCHEMATA,
)

Properties = dict[str, list[str]]


def read_ftm(file: str, dataset: str) -> Iterator[GraphRead]:
    """Every entity of an FtM file, as rows or a rejection naming the entity and field."""
    return read_records(file, dataset, entity_record)


def entity_record(entity: Any, position: Position, dataset: str) -> GraphRead:
    """One entity's row; an entity without id or schema, or of an unknown schema, is rejected."""
    entity_id = entity.get("id") if isinstance(entity, dict) else None
    try:
        if not isinstance(entity, dict):
            raise NotARecord("", "an FtM entity must be a JSON object")
        if not isinstance(entity_id, str) or not entity_id.strip():
            raise NotARecord("id", "missing or empty")
        schema = entity.get("schema")
        if not isinstance(schema, str):
            raise NotARecord("schema", "missing or not a string")
        properties = _properties(entity.get("properties"))
        record = GraphRecord(position, entity_id)
        if schema in NODE_SCHEMATA:
            record.nodes.append(_node(record, schema, properties, dataset))
        elif schema in EDGE_ENDS:
            record.edges.append(_edge(record, schema, properties, dataset))
        else:
            known = ", ".join(sorted(NODE_SCHEMATA | set(EDGE_ENDS)))
            raise NotARecord("schema", f"{schema!r} is not a schema the graph reads ({known})")
    except NotARecord as exc:
        return Rejected(
            position, entity_id if isinstance(entity_id, str) else None, exc.path, str(exc)
        )
    return record


def _properties(value: Any) -> Properties:
    """FtM properties: lists of strings (a lone string or number is read as a list of one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise NotARecord("properties", "must be an object of lists of strings")
    cleaned: Properties = {}
    for name, values in value.items():
        items = values if isinstance(values, list) else [values]
        texts = [str(v).strip() for v in items if isinstance(v, str | int | float)]
        if len(texts) != len(items):
            raise NotARecord(f"properties.{name}", "values must be strings")
        cleaned[name] = [t for t in texts if t]
    return cleaned


def _node(record: GraphRecord, schema: str, props: Properties, dataset: str) -> Row:
    node = empty_node(dataset, record.record_id, schema, record.position, record.record_id)
    names = props.pop(NAME_PROPERTY, [])
    node["name"] = names[0] if names else None
    node["aliases"] = [*names[1:], *props.pop(ALIAS_PROPERTY, [])]
    node["identifiers"] = [
        {"property": prop, "scheme": None, "id": value}
        for prop in sorted(IDENTIFIER_PROPERTIES)
        for value in props.pop(prop, [])
    ]
    address = FULL_ADDRESS_PROPERTY if schema == "Address" else ADDRESS_PROPERTY
    node["address"] = props.pop(address, [])
    for column, prop in NODE_LIST_COLUMNS.items():
        node[column] = props.pop(prop, [])
    for column, prop in NODE_DATE_COLUMNS.items():
        node[column] = _take_date(props, prop, record.issues)
    node["refs"] = _references(props)
    node["extra"] = encode_extra(props)
    return node


def _edge(record: GraphRecord, schema: str, props: Properties, dataset: str) -> Row:
    source_prop, target_prop = EDGE_ENDS[schema]
    ends = (_take_end(props, source_prop, record), _take_end(props, target_prop, record))
    edge = empty_edge(dataset, record.record_id, schema, ends, record.position, record.record_id)
    if schema in INTEREST_SCHEMATA:
        edge["role"] = _take_first(props, "role")
    if schema in RELATIONSHIP_SCHEMATA:
        edge["relationship"] = _take_first(props, "relationship")
    if schema == "Ownership":
        edge["interest_type"] = _take_first(props, "ownershipType")
        edge["share_exact"] = _take_number(props, "percentage", record.issues, parse_share)
    if schema in VALUE_SCHEMATA:
        edge["amount"] = _take_number(props, "amount", record.issues, parse_number)
        edge["currency"] = _take_first(props, "currency")
    for column, prop in EDGE_DATE_COLUMNS.items():
        edge[column] = _take_date(props, prop, record.issues)
    edge["refs"] = _references(props)
    edge["extra"] = encode_extra(props)
    set_interval(edge, record.issues, "properties.endDate")
    return edge


def _take_end(props: Properties, prop: str, record: GraphRecord) -> str:
    values = props.get(prop, [])
    if not values:
        raise NotARecord(f"properties.{prop}", "missing: a relation needs both its ends")
    if len(values) > 1:
        record.issues.append(
            Issue(f"properties.{prop}", f"{len(values)} values: the edge uses the first")
        )
    return _take_first(props, prop) or ""


def _take_first(props: Properties, prop: str) -> str | None:
    """The first value of a property for its column; the others stay for `extra`."""
    values = props.pop(prop, [])
    if len(values) > 1:
        props[prop] = values[1:]
    return values[0] if values else None


def _take_date(props: Properties, prop: str, issues: list[Issue]) -> str | None:
    """The first value that is an ISO date; values that are not stay in `extra`, with an issue."""
    values = props.get(prop, [])
    for index, value in enumerate(values):
        try:
            text = parse_partial_date(value).text
        except ValueError as exc:
            issues.append(Issue(f"properties.{prop}", str(exc)))
            continue
        props[prop] = values[:index] + values[index + 1 :]
        return text
    return None


def _take_number(
    props: Properties, prop: str, issues: list[Issue], parse: Callable[[object], float]
) -> float | None:
    """The first value if it is a number; if not, it stays in `extra`, with an issue."""
    values = props.get(prop, [])
    if not values:
        return None
    try:
        number = parse(values[0])
    except ValueError as exc:
        issues.append(Issue(f"properties.{prop}", str(exc)))
        return None
    props[prop] = values[1:]
    return number


def _references(props: Properties) -> list[dict[str, str]]:
    return [
        {"property": prop, "id": value}
        for prop in sorted(REFERENCE_PROPERTIES)
        for value in props.pop(prop, [])
    ]
