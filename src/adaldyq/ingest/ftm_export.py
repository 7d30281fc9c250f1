"""Graph tables written back out as FollowTheMoney entities, one JSON object a line.

The inverse of `ingest/ftm.py`: each column goes back to its FtM property (its value first, then
the values `extra` kept for it) and `extra` adds the rest, so importing an export gives the same
rows. Derived columns (`start_day`, `end_day`) are not written. What FtM has no property for
(BODS `directOrIndirect`, `beneficialOwnershipOrControl`, a share known only as a range) is
written in the edge's `summary`, so an Aleph user still reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from adaldyq.errors import NotFound
from adaldyq.ingest.graph_values import decode_extra
from adaldyq.model.ftm_vocabulary import (
    ADDRESS_PROPERTY,
    ALIAS_PROPERTY,
    EDGE_DATE_COLUMNS,
    EDGE_ENDS,
    FULL_ADDRESS_PROPERTY,
    NAME_PROPERTY,
    NODE_DATE_COLUMNS,
    NODE_LIST_COLUMNS,
)
from adaldyq.store.catalog import Workspace

Entity = dict[str, Any]


def read_graph_table(workspace: Workspace, table: str, dataset: str) -> pa.Table:
    """One graph table of a dataset, every part file in order."""
    folder = workspace.partition_dir(table, dataset)
    parts = sorted(folder.glob("*.parquet"))
    if not parts:
        raise NotFound(f"{folder}: no graph imported into dataset {dataset!r}")
    return pa.concat_tables(pq.read_table(part) for part in parts)


def ftm_entities(workspace: Workspace, dataset: str) -> Iterator[Entity]:
    """Every node, then every edge, of a dataset as an FtM entity."""
    for row in read_graph_table(workspace, "nodes", dataset).to_pylist():
        yield node_entity(row)
    for row in read_graph_table(workspace, "edges", dataset).to_pylist():
        yield edge_entity(row)


def write_ftm(workspace: Workspace, dataset: str, output: Path) -> int:
    """Write the dataset as FtM JSON Lines; returns the number of entities written."""
    written = 0
    with output.open("wb") as handle:
        for entity in ftm_entities(workspace, dataset):
            handle.write(orjson.dumps(entity) + b"\n")
            written += 1
    return written


def node_entity(row: dict[str, Any]) -> Entity:
    props = decode_extra(row["extra"])
    _put(props, NAME_PROPERTY, [row["name"]])
    _put(props, ALIAS_PROPERTY, row["aliases"])
    for ident in row["identifiers"]:
        _put(props, ident["property"], [ident["id"]])
    address = FULL_ADDRESS_PROPERTY if row["schema"] == "Address" else ADDRESS_PROPERTY
    _put(props, address, row["address"])
    for column, prop in NODE_LIST_COLUMNS.items():
        _put(props, prop, row[column])
    for column, prop in NODE_DATE_COLUMNS.items():
        _put(props, prop, [row[column]])
    _put_references(props, row["refs"])
    return _entity(row, props)


def edge_entity(row: dict[str, Any]) -> Entity:
    props = decode_extra(row["extra"])
    source_prop, target_prop = EDGE_ENDS[row["schema"]]
    _put(props, source_prop, [row["source"]])
    _put(props, target_prop, [row["target"]])
    for column in ("role", "relationship", "currency"):
        _put(props, column, [row[column]])
    if row["schema"] == "Ownership":
        _put(props, "ownershipType", [row["interest_type"]])
        _put(props, "percentage", [_number(row["share_exact"])])
    _put(props, "amount", [_number(row["amount"])])
    for column, prop in EDGE_DATE_COLUMNS.items():
        _put(props, prop, [row[column]])
    _put_references(props, row["refs"])
    _put(props, "summary", [_qualifiers(row)])
    return _entity(row, props)


def _entity(row: dict[str, Any], props: dict[str, list[str]]) -> Entity:
    return {"id": row["id"], "schema": row["schema"], "properties": dict(sorted(props.items()))}


def _put(props: dict[str, list[str]], prop: str, values: list[str | None]) -> None:
    """The column's values first, then those `extra` kept for the same property."""
    present = [v for v in values if v is not None]
    if present:
        props[prop] = [*present, *props.get(prop, [])]


def _put_references(props: dict[str, list[str]], refs: list[dict[str, str]]) -> None:
    for ref in refs:
        props.setdefault(ref["property"], []).append(ref["id"])


def _number(value: float | None) -> str | None:
    """A number as FtM text: no trailing `.0` on whole numbers (`51`, `76.5`)."""
    if value is None:
        return None
    return str(int(value)) if value.is_integer() else repr(value)


def _qualifiers(row: dict[str, Any]) -> str | None:
    """What a BODS interest says that FtM has no property for, as one line of text."""
    parts = []
    if row["share_exact"] is None and (
        row["share_min"] is not None or row["share_max"] is not None
    ):
        low = (
            ""
            if row["share_min"] is None
            else _bound(row["share_min"], row["share_min_exclusive"], ">")
        )
        high = (
            ""
            if row["share_max"] is None
            else _bound(row["share_max"], row["share_max_exclusive"], "<")
        )
        parts.append(f"share {' and '.join(p for p in (low, high) if p)} %")
    if row["direct_or_indirect"]:
        parts.append(row["direct_or_indirect"])
    if row["beneficial"]:
        parts.append("beneficial ownership or control")
    if (
        row["schema"] != "Ownership"
        and row["interest_type"]
        and row["interest_type"] != row["role"]
    ):
        parts.append(f"interest: {row['interest_type']}")
    return "; ".join(parts) or None


def _bound(value: float, exclusive: bool | None, sign: str) -> str:
    return f"{sign}{'' if exclusive else '='} {_number(value)}"
