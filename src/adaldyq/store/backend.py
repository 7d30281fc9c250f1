"""The seam between rules and engines: a backend turns workspace Parquet into Ibis tables.

Rules are Ibis expressions, so one definition runs on DuckDB (default, embedded) and on Apache
Spark (for data that outgrows one machine). A backend implements three things: open a dataset's
tables, run an expression to Arrow, close. Everything else is Ibis.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from types import TracebackType
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from adaldyq.errors import BackendError
from adaldyq.model.tables import CANONICAL_TABLES
from adaldyq.store.catalog import Workspace

if TYPE_CHECKING:
    from adaldyq.settings import Settings


class Backend(ABC):
    """An analytics engine holding the canonical tables of a workspace."""

    name: str

    def __init__(self, connection: ibis.BaseBackend) -> None:
        self.con = connection
        self._cached: list[ir.Table] = []

    def tables(
        self, workspace: Workspace, dataset: str, names: Iterable[str] = CANONICAL_TABLES
    ) -> dict[str, ir.Table]:
        """The canonical tables of one dataset (procurement's unless `names` are given, e.g. the
        declaration tables), as Ibis tables on this backend."""
        found: dict[str, ir.Table] = {}
        for table in names:
            folder = workspace.partition_dir(table, dataset)
            found[table] = self._read_parquet(str(folder), f"{table}__{_ident(dataset)}")
        return found

    @abstractmethod
    def _read_parquet(self, folder: str, name: str) -> ir.Table:
        """Register the Parquet files of one folder under `name`."""

    def to_arrow(self, expr: ir.Expr) -> pa.Table:
        """Run an expression; backend failures become BackendError with the SQL."""
        try:
            result = expr.to_pyarrow()
        except Exception as exc:
            raise BackendError(f"{self.name} failed: {exc}", sql=_sql(expr)) from exc
        if isinstance(result, pa.Table):
            return result
        return pa.table(
            {"value": pa.array([result.as_py()] if hasattr(result, "as_py") else [result])}
        )

    def cache(self, table: ir.Table) -> ir.Table:
        """Materialise an intermediate result that several rules read; released on close.

        The cached table keeps the types the expression declares: Spark stores a literal like
        `1.0` as DECIMAL, which Ibis would then read back as decimal rather than float64.
        """
        cached = table.cache()
        self._cached.append(cached)
        declared = table.schema()
        if cached.schema() == declared:
            return cached
        return cached.select(**{name: cached[name].cast(dtype) for name, dtype in declared.items()})

    def release(self) -> None:
        """Drop the intermediate results of an analysis (before the connection goes)."""
        while self._cached:
            self._cached.pop().release()

    def close(self) -> None:
        self.release()
        self.con.disconnect()

    def __enter__(self) -> Backend:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _ident(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name)


def _sql(expr: ir.Expr) -> str | None:
    try:
        return str(ibis.to_sql(expr))
    except Exception:  # the SQL is a courtesy in an error message; never mask the real error
        return None


def connect(settings: Settings) -> Backend:
    """The backend named in settings; a clear error if its library is not installed."""
    if settings.backend == "spark":
        from adaldyq.store.spark import SparkBackend

        return SparkBackend.create(settings)
    from adaldyq.store.duckdb import DuckDBBackend

    return DuckDBBackend.create(settings)
