"""The database Splink runs on for entity resolution, opened here because only the store opens
database engines.

Splink writes its own SQL (blocking joins, comparison vectors, EM iterations) and needs a live
connection of its own, not an Ibis table. Two engines, as for the analytics backends:

- DuckDB (default): a fresh in-memory connection with the same limits as the analytics backend
  (threads, memory, spill folder), wrapped in Splink's `DuckDBAPI`;
- Spark: Splink's `SparkAPI` on the process-wide session of `store.spark` (local mode in tests,
  any master in production), for registers that outgrow one machine. The session carries
  Splink's similarity jar, so jaro-winkler and Damerau-Levenshtein run as JVM functions.

Engines see either as a `LinkageDatabase`: Splink's common database type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeAlias

import duckdb
from splink.backends.duckdb import DuckDBAPI
from splink.internals.database_api import DatabaseAPI

LinkageDatabase: TypeAlias = DatabaseAPI[Any]
"""Splink's database of one resolution run, DuckDB or Spark: what the resolution engine takes."""


def linkage_database(
    threads: int | None = None,
    memory_limit: str | None = None,
    spill_directory: Path | None = None,
) -> DuckDBAPI:
    """A fresh in-memory DuckDB for one resolution run, wrapped for Splink.

    `memory_limit` (e.g. "4GB") makes DuckDB spill to `spill_directory` rather than fail; without
    a spill folder DuckDB would write `.tmp` into the current directory.
    """
    config: dict[str, str | bool | int | float | list[str]] = {}
    if threads:
        config["threads"] = threads
    if memory_limit:
        config["memory_limit"] = memory_limit
    if spill_directory is not None:
        spill_directory.mkdir(parents=True, exist_ok=True)
        config["temp_directory"] = str(spill_directory)
    connection = duckdb.connect(":memory:", config=config)
    connection.execute("SET TimeZone = 'UTC'")
    return DuckDBAPI(connection)


def spark_linkage_database(master: str, spill_directory: Path | None = None) -> LinkageDatabase:
    """Splink on the shared Spark session of `master` (e.g. "local[2]").

    Memory is bounded by the session (its driver memory, set where the session is built). Splink
    breaks the lineage of its large intermediate tables (blocked pairs, comparison vectors,
    predictions); with `spill_directory` they are written there as Parquet (the session's
    checkpoint folder), so memory stays flat as data grows; without it they are persisted in
    memory, spilling to Spark's local folder when it is short.
    """
    from splink.backends.spark import SparkAPI

    from adaldyq.store.spark import spark_session

    session = spark_session(master)
    lineage = "persist"
    if spill_directory is not None:
        spill_directory.mkdir(parents=True, exist_ok=True)
        session.sparkContext.setCheckpointDir(str(spill_directory))
        lineage = "parquet"
    database: LinkageDatabase = SparkAPI(  # type: ignore[no-untyped-call]
        spark_session=session, break_lineage_method=lineage
    )
    return database
