"""What a declarations rule sees: the screened declarations, the family unit's money per
declaration in the base currency, the rates used, and helpers to run expressions.

The totals are built once per dataset on the backend and cached there, since most rules compare
two or three of them; rules then only filter. Amounts are rounded to cents in the evidence, so a
person can redo each sum from the declaration by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from adaldyq.engines.declarations.money import money_lines
from adaldyq.engines.declarations.registry import Flag
from adaldyq.engines.declarations.scope import screened_declarations
from adaldyq.errors import InputError
from adaldyq.model.country import CountryProfile
from adaldyq.model.exchange_rates import ExchangeRates
from adaldyq.model.findings import SubjectType
from adaldyq.store.backend import Backend

GIFT_KINDS = ("gift_cash", "gift_in_kind", "prize", "charity")
"""Incomes declarations.com.ua counts as presents: gifts in cash or kind, prizes, charity."""

TOTALS = {
    "income": ("income", None),
    "gifts": ("income", GIFT_KINDS),
    "prizes": ("income", ("prize",)),
    "monetary_assets": ("monetary", None),
    "cash": ("monetary", ("cash",)),
    "lent": ("monetary", ("lent_to_others",)),
    "liabilities": ("liability", None),
    "expenditures": ("expenditure", None),
    "property": ("property", None),
}
"""Each total: the money line group it sums, and the kinds it keeps (None: every kind)."""

NO_CURRENCY = "none given"
DIGITS = 6  # ratios in findings, rounded so a rerun compares equal

RATE_SCHEMA = pa.schema(
    [
        ("currency", pa.string()),
        ("year", pa.int64()),
        ("rate", pa.float64()),
        ("rate_day", pa.string()),
    ]
)


def fold(text: ir.StringValue) -> ir.StringValue:
    """Text as rules compare it: case and surrounding spaces ignored (brands, models, places)."""
    return text.strip().lower()


def plain(value: Any) -> Any:
    """Dates as ISO text in evidence, everything else as read."""
    return value.isoformat() if isinstance(value, date) else value


def cents(value: float | None) -> float:
    """Money as shown in evidence: rounded to cents, so the arithmetic can be redone by hand."""
    return round(float(value or 0.0), 2)


@dataclass
class ScreenContext:
    """One dataset's declaration tables on one backend, with the base currency and rates."""

    dataset: str
    backend: Backend
    raw: dict[str, ir.Table]
    base_currency: str
    rates: ExchangeRates | None
    profile: CountryProfile
    inputs: dict[str, ir.Table] = field(default_factory=dict)
    """The optional inputs given (`model/screening_inputs.py`), by kind."""
    rate_table: ir.Table = field(init=False, repr=False)
    _shared: dict[str, ir.Table] = field(default_factory=dict, init=False, repr=False)

    def shared_table(self, key: str, build: Callable[[], ir.Table]) -> ir.Table:
        """A table several rules read (A01 and A02's year pairs), built and cached once."""
        if key not in self._shared:
            self._shared[key] = self.backend.cache(build())
        return self._shared[key]

    @cached_property
    def declarations(self) -> ir.Table:
        """The declarations screened (the latest annual one per person and year), cached."""
        return self.backend.cache(screened_declarations(self.raw["declarations"]))

    @cached_property
    def consecutive(self) -> ir.Table:
        """Screened declarations of one person in consecutive years: t1 (`declaration_id`,
        `year`, `person_id`) with t0 (`id_from`, `year_from`); the cross-year rules' pairs."""
        d = self.declarations
        before = d.select(person=d.person_id, year_from=d.year, id_from=d.declaration_id)
        pairs = d.join(before, [d.person_id == before.person, d.year == before.year_from + 1])
        return pairs.select("declaration_id", "person_id", "year", "year_from", "id_from")

    def table(self, name: str) -> ir.Table:
        """A section table restricted to the screened declarations."""
        return self.raw[name].semi_join(
            self.declarations.select("declaration_id"), "declaration_id"
        )

    @cached_property
    def lines(self) -> ir.Table:
        """Money lines of the screened declarations with `rate` (null: no rate, unconverted) and
        `base` (the family's part in the base currency), cached. Sets `rate_table`: the rate of
        every currency met in every year screened (the cross-year rules revalue with it)."""
        tables = {name: self.table(name) for name in self.raw if name != "declarations"}
        lines = money_lines(tables).join(
            self.declarations.select("declaration_id", "year"), "declaration_id"
        )
        currencies = [row["currency"] for row in self.rows(lines.select("currency").distinct())]
        years = [row["year"] for row in self.rows(lines.select("year").distinct())]
        self.rate_table = self.rates_for([(c, y) for c in currencies for y in years])
        converted = lines.left_join(self.rate_table, ["currency", "year"]).drop(
            "currency_right", "year_right"
        )
        return self.backend.cache(converted.mutate(base=converted.amount * converted.rate))

    def rates_for(self, pairs: Sequence[tuple[str | None, int | None]]) -> ir.Table:
        """A table of the rate (`currency`, `year`, `rate`, `rate_day`) of each pair: 1 for the
        base currency, the table's rate of 31 December otherwise; a currency the table lacks
        gets no row (left unconverted)."""
        found = []
        for currency, year in pairs:
            if currency is None or year is None:
                continue
            pair = {"currency": currency, "year": year}
            if currency == self.base_currency:
                found.append({**pair, "rate": 1.0, "rate_day": None})
                continue
            if self.rates is None:
                continue
            try:
                rate = self.rates.rate(currency, date(year, 12, 31))
            except InputError:
                continue
            found.append({**pair, "rate": rate.rate, "rate_day": rate.day.isoformat()})
        return ibis.memtable(pa.Table.from_pylist(found, schema=RATE_SCHEMA))

    @cached_property
    def totals(self) -> ir.Table:
        """One row per screened declaration: person, year, and every total of `TOTALS` in the
        base currency (0 when nothing was declared), cached."""
        lines = self.lines
        sums = {
            name: lines.base.sum(
                where=(lines.group == group)
                & (lines.kind.isin(kinds) if kinds else ibis.literal(True))
            )
            for name, (group, kinds) in TOTALS.items()
        }
        by_declaration = lines.group_by("declaration_id").aggregate(**sums)
        heads = self.declarations.select("declaration_id", "person_id", "full_name", "year")
        joined = heads.left_join(by_declaration, "declaration_id").drop("declaration_id_right")
        filled = {name: joined[name].fill_null(0.0) for name in TOTALS}
        return self.backend.cache(joined.mutate(**filled))

    def _foreign_lines(self) -> ir.Table:
        """Money lines in another currency than the base one, or in none."""
        lines = self.lines
        return lines.filter(lines.currency.isnull() | (lines.currency != self.base_currency))

    @property
    def unconverted(self) -> dict[str, int]:
        """Declarations with amounts left out of every sum for want of a rate, per currency."""
        lines = self._foreign_lines()
        missing = lines.filter(lines.rate.isnull())
        counted = missing.group_by("currency").aggregate(n=missing.declaration_id.nunique())
        found = {row["currency"] or NO_CURRENCY: row["n"] for row in self.rows(counted)}
        return dict(sorted(found.items()))

    def add_currency_notes(self, flags: Sequence[Flag]) -> None:
        """To each flag made from money (its evidence names the `currency`): the rates its
        declaration's sums used (`rates`) and the amounts left unconverted (`unconverted`).
        One query over the flagged declarations only: the notes of every declaration took
        seconds and most of a gigabyte at a million declarations, for the few flagged."""
        waiting = [f for f in flags if "currency" in f.evidence]
        if not waiting:
            return
        ids = pa.array(sorted({f.evidence["declaration_id"] for f in waiting}), pa.string())
        lines = self._foreign_lines().semi_join(
            ibis.memtable(pa.table({"declaration_id": ids})), "declaration_id"
        )
        grouped = lines.group_by(["declaration_id", "currency", "rate", "rate_day"]).aggregate(
            amount=lines.amount.sum()
        )
        notes: dict[str, dict[str, dict[str, Any]]] = defaultdict(
            lambda: {"rates": {}, "unconverted": {}}
        )
        for row in self.rows(grouped.order_by(["declaration_id", "currency"])):
            note = notes[row["declaration_id"]]
            currency = row["currency"] or NO_CURRENCY
            if row["rate"] is None:
                note["unconverted"][currency] = cents(row["amount"])
            else:
                note["rates"][currency] = {"rate": row["rate"], "day": row["rate_day"]}
        for flag in waiting:
            note = notes.get(flag.evidence["declaration_id"], {"rates": {}, "unconverted": {}})
            flag.evidence.update(note)

    def flag(
        self, row: dict[str, Any], value: float, evidence: dict[str, Any], money: bool = True
    ) -> Flag:
        """A flag on the declarant of a totals row; the evidence names the declaration, its
        year, and (for a rule that sums `money`) the currency, rates and unconverted amounts."""
        declaration = {"declaration_id": row["declaration_id"], "year": row["year"]}
        if money:  # the rates and unconverted amounts follow: see `add_currency_notes`
            evidence = {**evidence, "currency": self.base_currency}
        return Flag(
            subject_type=SubjectType.PERSON,
            subject_id=str(row["person_id"]),
            value=round(value, DIGITS),
            score=1.0,
            evidence={**declaration, **evidence},
        )

    def items(self, flagged: ir.Table, total: str) -> dict[str, list[dict[str, Any]]]:
        """Per flagged declaration, the lines a total adds up (see `line_items`)."""
        group, kinds = TOTALS[total]
        lines = self.lines
        keep = (lines.group == group) & (lines.kind.isin(kinds) if kinds else ibis.literal(True))
        return self.line_items(flagged, lines.filter(keep))

    def line_items(self, flagged: ir.Table, lines: ir.Table) -> dict[str, list[dict[str, Any]]]:
        """Per flagged declaration, its `lines` (money lines a rule chose): section, item, kind,
        amount as declared and its currency, the rate, the family's part in the base currency,
        and the day acquired when the line has one."""
        chosen = lines.semi_join(flagged.select("declaration_id"), "declaration_id")
        chosen = chosen.filter(chosen.base.notnull()).order_by(["section", "item_id"])
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows(chosen):
            item = {
                "section": row["section"],
                "item_id": row["item_id"],
                "kind": row["kind"],
                "declared": row["amount"],
                "currency": row["currency"],
                "rate": row["rate"],
                "amount": cents(row["base"]),
            }
            if row["acquired_on"] is not None:
                item["acquired_on"] = row["acquired_on"].isoformat()
            found[row["declaration_id"]].append(item)
        return found

    def item_flags(
        self,
        items: ir.Table,
        fields: Sequence[str],
        formula: Callable[[int, dict[str, Any]], str],
        head: Sequence[str] = (),
    ) -> list[Flag]:
        """One flag per screened declaration with items in `items` (a section table filtered by
        the rule): value = the number of items, evidence = each item's `fields`, the `head`
        columns (one value per declaration, e.g. its income) and the formula, given the count
        and the head values."""
        heads = self.declarations.select("declaration_id", "person_id", "year")
        chosen = items.select("declaration_id", *fields, *head).join(heads, "declaration_id")
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        first: dict[str, dict[str, Any]] = {}
        for row in self.rows(chosen.order_by(["declaration_id", *fields])):
            first.setdefault(row["declaration_id"], row)
            found[row["declaration_id"]].append({name: plain(row[name]) for name in fields})
        flags = []
        for key, listed in found.items():
            values = {name: plain(first[key][name]) for name in head}
            text = formula(len(listed), values)
            evidence = {"items": listed, **values, "formula": text}
            flags.append(self.flag(first[key], len(listed), evidence, money=False))
        return flags

    def rows(self, expr: ir.Table) -> list[dict[str, Any]]:
        """Execute a table expression; rows as dicts."""
        return list(self.backend.to_arrow(expr).to_pylist())
