"""The database Splink runs on for entity resolution, opened here because only the store opens
database engines.

Splink writes its own SQL (blocking joins, comparison vectors, EM iterations) and needs a live
connection of its own, not an Ibis table: this module builds a DuckDB connection with the same
limits as the analytics backend (threads, memory, spill folder) and hands it to Splink's
`DuckDBAPI`. Spark (Splink's `SparkAPI`) is the path for registers beyond one machine; it is not
wired yet because the 10^6-by-10^6 target fits DuckDB on two cores.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from splink.backends.duckdb import DuckDBAPI


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
