"""Apache Spark (PySpark): the backend for data that outgrows one machine.

A Spark session is expensive to start (about 12 s locally), so one is built per process and
shared; the backend only wraps it in an Ibis connection. Time zone is fixed to UTC so timestamps
compare exactly as on DuckDB. The session carries Splink's jar of string-similarity functions
(jaro-winkler, Damerau-Levenshtein), shipped inside the splink package, because entity resolution
runs on the same session (`store.linkage`) and jars can only be added when a session starts.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import ibis
import ibis.expr.types as ir

from adaldyq.errors import ConfigError
from adaldyq.store.backend import Backend

if TYPE_CHECKING:
    from adaldyq.settings import Settings


@cache
def spark_session(master: str) -> Any:
    """The process-wide Spark session for `master`."""
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError:
        raise ConfigError(
            "the spark backend needs PySpark: install adaldyq with the 'spark' extra"
        ) from None
    return (
        SparkSession.builder.master(master)
        .appName("adaldyq")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.jars", similarity_jar_location())
        .getOrCreate()
    )


class SparkBackend(Backend):
    """Canonical tables read from Parquet by a local or remote Spark session."""

    name = "spark"

    @classmethod
    def create(cls, settings: Settings) -> SparkBackend:
        return cls(ibis.pyspark.connect(spark_session(settings.spark_master)))

    def _read_parquet(self, folder: str, name: str) -> ir.Table:
        return self.con.read_parquet(folder, table_name=name)

    def cache(self, table: ir.Table) -> ir.Table:
        """Ibis 12's PySpark backend compiles a cached table without registering the in-memory
        tables it reads (the declarations engine's rate table), which Spark then reports as
        unknown views: register them first, as running the expression would."""
        self.con._run_pre_execute_hooks(table)
        return super().cache(table)

    def close(self) -> None:
        """The shared session outlives one analysis: release cached results, keep the session."""
        self.release()
