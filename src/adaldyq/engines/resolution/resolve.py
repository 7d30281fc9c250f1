"""Resolve people or companies across two registers (link) or within one (dedupe).

The steps: comparison columns from `features`; exact links on valid IIN/BIN; Splink for every
other pair its blocking rules propose; both kinds of link in one table; connected components of
all links as resolved entities. A record linked to nothing is an entity of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
from splink.clustering import cluster_pairwise_predictions_at_threshold

from adaldyq.engines.resolution.comparisons import COMPANY, PERSON, Blueprint
from adaldyq.engines.resolution.exact import exact_links
from adaldyq.engines.resolution.features import company_features, person_features
from adaldyq.engines.resolution.linking import (
    LINK_COLUMNS,
    Model,
    Training,
    probabilistic_links,
)
from adaldyq.engines.resolution.one_to_one import mutual_best_links
from adaldyq.store.linkage import LinkageDatabase, linkage_database

DEFAULT_THRESHOLD = 0.5
"""Links below this match probability are not kept (see docs/entity_resolution.md for how the
benchmark chose it)."""
_SEPARATOR = "\x1f"  # joins source and record id into one node id; never in either


@dataclass(frozen=True)
class Resolution:
    """The links (`linking.LINK_COLUMNS`) and each record's resolved entity.

    `entities` has `source`, `record_id` and `entity_id`: the node id (``source`` + U+001F +
    ``record_id``) of one record of its connected component, the same for every record in it.
    """

    links: pa.Table
    entities: pa.Table
    model: Model | None  # None when there was no pair to score


@dataclass(frozen=True)
class Options:
    """How links are made: the names of the two inputs, the kept probability, Splink's training,
    and whether each record may link to one record of the other register only (`one_to_one`)."""

    sources: tuple[str, str] = ("left", "right")
    threshold: float = DEFAULT_THRESHOLD
    training: Training = field(default_factory=Training)
    one_to_one: bool = False
    model: Model | None = None  # a trained model to score with (`Resolution.model`), no training


def resolve_people(
    left: pa.Table,
    right: pa.Table | None = None,
    options: Options = Options(),
    database: LinkageDatabase | None = None,
) -> Resolution:
    """People records (`features.PERSON_INPUT`) linked across two tables, or deduplicated in
    one (`right` None)."""
    return resolve(PERSON, person_features, left, right, options, database)


def resolve_companies(
    left: pa.Table,
    right: pa.Table | None = None,
    options: Options = Options(),
    database: LinkageDatabase | None = None,
) -> Resolution:
    """Company records (`features.COMPANY_INPUT`) linked or deduplicated, as `resolve_people`."""
    return resolve(COMPANY, company_features, left, right, options, database)


def resolve(
    blueprint: Blueprint,
    features: Callable[[pa.Table], pa.Table],
    left: pa.Table,
    right: pa.Table | None = None,
    options: Options = Options(),
    database: LinkageDatabase | None = None,
) -> Resolution:
    """Exact and probabilistic links, and entities, for `blueprint`'s kind of record.

    `database` defaults to a fresh in-memory DuckDB with no limits; the caller passes one built
    by `store.linkage` to bound threads and memory (`linkage_database`) or to run on Spark
    (`spark_linkage_database`). Both give the same links and entities when training sees the
    same pairs (see `Training.u_chunks`).
    """
    db = database or linkage_database()
    ours = features(left)
    theirs = features(right) if right is not None else None
    sources = options.sources
    exact = exact_links(ours, theirs, blueprint.identifier, sources)
    pairs = ours.num_rows * theirs.num_rows if theirs is not None else ours.num_rows - 1
    model = options.model
    if pairs > 0:  # Splink refuses an input without any pair to compare
        scored, model = probabilistic_links(
            db, blueprint, ours, theirs, sources=sources, threshold=options.threshold,
            training=options.training, model=model,
        )  # fmt: skip
    else:
        scored = LINK_COLUMNS.empty_table()
    links = pa.concat_tables([exact, scored])
    if options.one_to_one and theirs is not None:
        links = mutual_best_links(links)
    links = links.sort_by(
        [("left_source", "ascending"), ("left_id", "ascending"), ("right_id", "ascending")]
    )
    tables = [(sources[0], ours)] + ([(sources[1], theirs)] if theirs is not None else [])
    return Resolution(links, _entities(db, links, tables), model)


def _node(source: pa.Array | pa.ChunkedArray | str, record: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.binary_join_element_wise(source, record, _SEPARATOR)


def _entities(db: LinkageDatabase, links: pa.Table, tables: list[tuple[str, pa.Table]]) -> pa.Table:
    """Connected components of the links (Splink's SQL solver) over every record."""
    nodes = pa.concat_tables(
        pa.table(
            {"source": pa.repeat(name, t.num_rows).cast(pa.string()), "record_id": t["unique_id"]}
        )
        for name, t in tables
    )
    nodes = nodes.append_column("node_id", _node(nodes["source"], nodes["record_id"]))
    edges = pa.table(
        {
            "node_l": _node(links["left_source"], links["left_id"]),
            "node_r": _node(links["right_source"], links["right_id"]),
        }
    )
    clusters = cluster_pairwise_predictions_at_threshold(
        nodes.select(["node_id"]), edges, db, "node_id", "node_l", "node_r"
    )
    found: pa.Table = clusters.as_pyarrow_table()  # type: ignore[no-untyped-call]
    clusters.drop_table_from_database_and_remove_from_cache()
    found = found.select(["node_id", "cluster_id"]).rename_columns(["node_id", "entity_id"])
    joined = nodes.join(found, "node_id", join_type="left outer")
    return joined.select(["source", "record_id", "entity_id"]).sort_by(
        [("source", "ascending"), ("record_id", "ascending")]
    )
