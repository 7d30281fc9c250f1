"""The integrity graph's canonical tables: `nodes` (people, companies, bodies, addresses, posts,
contracts) and `edges` (ownership, directorship, family, payments, awards ...), keyed by
`(dataset, id)`.

Schema and property names are FollowTheMoney's (`model/ftm_vocabulary.py`), so the graph goes
out as FtM entities that Aleph-style tools open, but the rows are typed columns that DuckDB and
Spark scan, not one Python object per entity. Every edge keeps its dates twice: as published
(`start_date`, `end_date`, `date`: ISO text as precise as the source, `2017-11` stays a month)
and as days (`start_day`, `end_day`: the first and the last day the tie can have existed), so a
pattern tests "did the tie exist on the award date" with plain date comparisons. Every row says
where it was read: file, line (JSON Lines) and record (BODS `statementId`, FtM entity id).

FtM properties that have no column of their own are kept in `extra` (a JSON object of lists of
strings, FtM's own form), so nothing read is dropped and an FtM export re-imports to the same
rows.
"""

from __future__ import annotations

import pyarrow as pa

STR = pa.string()
F64 = pa.float64()
I64 = pa.int64()
BOOL = pa.bool_()
DATE = pa.date32()
STR_LIST = pa.list_(pa.string())

IDENTIFIER = pa.struct([("property", STR), ("scheme", STR), ("id", STR)])
"""An identifier: the FtM property it is (`registrationNumber`, `taxNumber`, `idNumber` ...),
the scheme where the source names one (BODS `GB-COH`, `KZ-BIN`), and the value as published."""

REFERENCE = pa.struct([("property", STR), ("id", STR)])
"""A reference from a row to a node that is not one of an edge's two ends: `addressEntity` of a
person, `authority` of a contract, `organization` of a post, `payerAccount` of a payment."""

_PROVENANCE = [("source_file", STR), ("source_line", I64), ("source_record", STR)]

NODES = pa.schema(
    [
        ("dataset", STR),
        ("id", STR),
        ("schema", STR),
        ("name", STR),
        ("aliases", STR_LIST),
        ("identifiers", pa.list_(IDENTIFIER)),
        ("country", STR_LIST),
        ("jurisdiction", STR_LIST),
        ("nationality", STR_LIST),
        ("birth_date", STR),
        ("incorporation_date", STR),
        ("dissolution_date", STR),
        ("address", STR_LIST),
        ("phone", STR_LIST),
        ("email", STR_LIST),
        ("topics", STR_LIST),
        ("refs", pa.list_(REFERENCE)),
        ("extra", STR),
        *_PROVENANCE,
    ]
)

EDGES = pa.schema(
    [
        ("dataset", STR),
        ("id", STR),
        ("schema", STR),
        ("source", STR),
        ("target", STR),
        ("role", STR),
        ("relationship", STR),
        ("interest_type", STR),
        ("direct_or_indirect", STR),
        ("beneficial", BOOL),
        ("share_exact", F64),
        ("share_min", F64),
        ("share_min_exclusive", BOOL),
        ("share_max", F64),
        ("share_max_exclusive", BOOL),
        ("amount", F64),
        ("currency", STR),
        ("date", STR),
        ("start_date", STR),
        ("end_date", STR),
        ("start_day", DATE),
        ("end_day", DATE),
        ("refs", pa.list_(REFERENCE)),
        ("extra", STR),
        *_PROVENANCE,
    ]
)

GRAPH_TABLES: dict[str, pa.Schema] = {"nodes": NODES, "edges": EDGES}

SAME_AS = pa.schema(
    [
        ("dataset", STR),
        ("kind", STR),
        ("left_id", STR),
        ("right_id", STR),
        ("match_probability", F64),
        ("match_weight", F64),
        ("method", STR),
        ("decided_by", STR),
    ]
)
"""Entity resolution's verdict on two nodes of one dataset: the same person (`kind` "person") or
the same company ("company"), with the probability, the weight (log2 odds), how the link was made
("iin"/"bin" exact or "splink") and the comparisons that decided it in words. Nodes linked
directly or through others are one entity to the patterns; the nodes themselves stay as read."""

RESOLUTION_TABLES: dict[str, pa.Schema] = {"same_as": SAME_AS}
