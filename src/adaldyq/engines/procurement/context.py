"""What a procurement rule sees: one dataset's tables in scope, settings and shared helpers.

Scope follows Cardinal's global exclusions, applied once for every rule: a process is out if its
tender is cancelled or its `procurementMethodDetails` is in the exclusion list (processes without
a string ocid never reach the tables; ingest rejects them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, TypeVar, cast

import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from adaldyq.engines.procurement.registry import Flag
from adaldyq.model.country import CountryProfile
from adaldyq.settings import ProcurementSettings
from adaldyq.store.backend import Backend

T = TypeVar("T")
DIGITS = 9  # floats in findings are rounded so DuckDB and Spark sums compare equal

CHILD_TABLES = (
    "parties",
    "lots",
    "items",
    "bids",
    "bid_tenderers",
    "awards",
    "award_suppliers",
    "contracts",
    "amendments",
    "transactions",
    "bid_scores",
)


@dataclass
class RuleContext:
    """One dataset on one backend, scoped, with the helpers rules share."""

    dataset: str
    backend: Backend
    raw: dict[str, ir.Table]
    settings: ProcurementSettings
    profile: CountryProfile
    _shared: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def processes(self) -> ir.Table:
        """Processes in scope (global exclusions applied), cached on the backend."""
        p = self.raw["processes"]
        keep = p.tender_status.isnull() | (p.tender_status != "cancelled")
        excluded = self.settings.excluded_procurement_method_details
        if excluded:
            keep &= p.procurement_method_details.isnull() | ~p.procurement_method_details.isin(
                excluded
            )
        return self.backend.cache(p.filter(keep))

    def shared(self, key: Hashable, build: Callable[[], T]) -> T:
        """A result several rules read, built once per dataset under `key`.

        Ibis expressions are not shared between rules by value, so without this each rule would
        have the backend recompute the same joins (awards by supplier, bidders, CRI components).
        """
        if key not in self._shared:
            self._shared[key] = build()
        return cast(T, self._shared[key])

    def shared_table(self, key: Hashable, build: Callable[[], ir.Table]) -> ir.Table:
        """`shared` for a table, materialised on the backend."""
        return self.shared(key, lambda: self.backend.cache(build()))

    def table(self, name: str) -> ir.Table:
        """A child table restricted to processes in scope."""
        return self._scoped[name]

    @property
    def plan_lines(self) -> ir.Table:
        """The dataset's plan lines, unscoped: a plan line precedes any process (its ocid is
        null), so the process scope does not apply to it."""
        return self.raw["plan_lines"]

    @cached_property
    def _scoped(self) -> _ScopedTables:
        return _ScopedTables(self)

    def price_comparison(self, processes: ir.Table) -> ir.Table:
        """Processes whose bids compare on price (Cardinal's allow/deny lists on method details)."""
        pmd = processes.procurement_method_details
        allowed = self.settings.price_comparison_procurement_methods
        if allowed is not None:
            return processes.filter(pmd.notnull() & pmd.isin(allowed))
        denied = self.settings.no_price_comparison_procurement_methods
        if denied:
            return processes.filter(pmd.isnull() | ~pmd.isin(denied))
        return processes

    @cached_property
    def main_currency(self) -> str | None:
        """The currency price rules compare in.

        Set in settings; otherwise the most frequent currency of bid and award amounts (ties
        broken alphabetically), or, in Cardinal compatibility, the first one seen in file order.
        """
        if self.settings.currency:
            return self.settings.currency
        bids = self.table("bids")
        seen = bids.filter(bids.value_amount.notnull() & bids.value_currency.notnull())
        if self.settings.compat.first_seen_currency:
            order = seen.join(self.processes.select("ocid", "source_line"), "ocid")
            first = order.order_by(["source_line", "bid_index"]).limit(1).value_currency
            found = self.column(first)
            return str(found[0]) if found else None
        counts = Counter(self.column(seen.value_currency))
        if not counts:
            awards = self.table("awards")
            priced = awards.filter(awards.value_amount.notnull() & awards.value_currency.notnull())
            counts = Counter(self.column(priced.value_currency))
        if not counts:
            return None
        return str(min(counts, key=lambda c: (-counts[c], c)))

    def rows(self, expr: ir.Table) -> list[dict[str, Any]]:
        """Execute a table expression; rows as dicts."""
        return list(self.backend.to_arrow(expr).to_pylist())

    def column(self, expr: ir.Column) -> list[Any]:
        """Execute a column expression; values as a list."""
        table = self.backend.to_arrow(expr.name("v").as_table())
        return list(table.column("v").to_pylist())

    def arrow(self, expr: ir.Table) -> pa.Table:
        return self.backend.to_arrow(expr)


class _ScopedTables:
    """Child tables restricted to processes in scope, each built and cached on first use."""

    def __init__(self, context: RuleContext) -> None:
        self._context = context
        self._tables: dict[str, ir.Table] = {}

    def __getitem__(self, name: str) -> ir.Table:
        if name not in self._tables:
            if name not in CHILD_TABLES:
                raise KeyError(name)
            ocids = self._context.processes.select("ocid")
            scoped = self._context.raw[name].semi_join(ocids, "ocid")
            self._tables[name] = self._context.backend.cache(scoped)
        return self._tables[name]


def quartiles(values: Sequence[float] | np.ndarray) -> tuple[float, float]:
    """Q1 and Q3 as Cardinal computes them: Hyndman-Fan type 8 (statrs lower/upper_quartile)."""
    data = np.asarray(values, dtype=float)
    q1, q3 = np.quantile(data, [0.25, 0.75], method="median_unbiased")
    return float(q1), float(q3)


def percentile(values: Sequence[float] | np.ndarray, percent: float) -> float:
    """A percentile by the same Hyndman-Fan type 8 estimator."""
    return float(
        np.quantile(np.asarray(values, dtype=float), percent / 100, method="median_unbiased")
    )


def fences(values: Sequence[float] | np.ndarray) -> dict[str, float]:
    """Tukey fences around the type-8 quartiles, rounded as Cardinal's Meta block shows them."""
    q1, q3 = quartiles(values)
    iqr = q3 - q1
    return {"q1": q1, "q3": q3, "lower_fence": q1 - 1.5 * iqr, "upper_fence": q3 + 1.5 * iqr}


def flags(
    rows: Iterable[dict[str, Any]],
    subject_type: str,
    subject: str,
    value: str | float | None,
    score: float | str,
    evidence: Sequence[str],
    ocid: str | None = "ocid",
) -> list[Flag]:
    """Flags from result rows: which column is the subject, the value, the score, the evidence.

    `value` and `score` are each either a constant or the name of a column.
    """
    out = []
    for row in rows:
        out.append(
            Flag(
                subject_type=subject_type,
                subject_id=str(row[subject]),
                value=_number(row, value),
                score=round(float(row[score]), DIGITS) if isinstance(score, str) else score,
                evidence={key: _plain(row[key]) for key in evidence},
                ocid=None if ocid is None else row.get(ocid),
            )
        )
    return out


def _number(row: dict[str, Any], value: str | float | None) -> float | None:
    if value is None or isinstance(value, int | float):
        return value
    found = row[value]
    return None if found is None else round(float(found), DIGITS)


def _plain(value: Any) -> Any:
    """Evidence values as JSON-friendly Python (timestamps to ISO text, numpy to Python).

    Spark hands back timestamps without a zone (in the session's UTC), DuckDB with one; both are
    written as UTC so evidence is identical on both backends.
    """
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return round(value, DIGITS)
    return value
