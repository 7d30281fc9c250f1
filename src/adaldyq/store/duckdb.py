"""DuckDB: the default, embedded analytics backend (one process, all cores, spills to disk)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from adaldyq.store.backend import Backend

if TYPE_CHECKING:
    from adaldyq.settings import Settings


class DuckDBBackend(Backend):
    """Canonical tables read in place from Parquet by an in-memory DuckDB."""

    name = "duckdb"

    @classmethod
    def create(cls, settings: Settings) -> DuckDBBackend:
        config: dict[str, object] = {}
        if settings.duckdb_threads:
            config["threads"] = settings.duckdb_threads
        if settings.duckdb_memory_limit:
            config["memory_limit"] = settings.duckdb_memory_limit
            # An in-memory database spills to `.tmp` in the current folder unless told.
            config["temp_directory"] = str(settings.workspace / "duckdb-tmp")
        con = ibis.duckdb.connect(**config)
        con.raw_sql("SET TimeZone = 'UTC'")
        return cls(con)

    def _read_parquet(self, folder: str, name: str) -> ir.Table:
        return self.con.read_parquet(
            f"{folder}/*.parquet", table_name=name, hive_partitioning=False
        )
