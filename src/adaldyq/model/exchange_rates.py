"""Money converted to one base currency only through an exchange-rate table given as data.

Foreign-currency holdings revalue with the rate alone, which can look like enrichment, so no
conversion is implicit: a rule asks `ExchangeRates.convert` and gets the rate it used and that
rate's date back, to show in its evidence. The rate taken is the table's latest on or before the
requested day (the 31 December rate for a year-end holding); a currency without such a rate is
an error naming the currency, the day and the table, never a silent zero.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from adaldyq.errors import InputError


@dataclass(frozen=True, slots=True)
class Rate:
    """Units of the base currency for one unit of `currency`, as published on `day`."""

    currency: str
    day: date
    rate: float


@dataclass(frozen=True, slots=True)
class Conversion:
    """An amount in the base currency and the rate that made it (None for the base itself)."""

    amount: float
    rate: Rate | None


@dataclass
class ExchangeRates:
    """Rates per currency, sorted by day; `source` names the table in error messages."""

    base: str
    source: str = "exchange-rate table"
    _days: dict[str, list[date]] = field(default_factory=dict)
    _rates: dict[str, list[Rate]] = field(default_factory=dict)

    @classmethod
    def from_rates(cls, base: str, rates: Iterable[Rate], source: str = "") -> ExchangeRates:
        """A table from its rates; a currency given twice for one day is an error."""
        table = cls(base, source or "exchange-rate table")
        by_currency: dict[str, dict[date, Rate]] = {}
        for rate in rates:
            days = by_currency.setdefault(rate.currency, {})
            if rate.day in days:
                raise InputError(f"{rate.currency} has two rates for {rate.day}", path=source)
            days[rate.day] = rate
        for currency, days in by_currency.items():
            ordered = sorted(days.values(), key=lambda r: r.day)
            table._rates[currency] = ordered
            table._days[currency] = [r.day for r in ordered]
        return table

    def rate(self, currency: str, day: date) -> Rate:
        """The latest rate of `currency` on or before `day`."""
        days = self._days.get(currency, [])
        index = bisect.bisect_right(days, day)
        if index == 0:
            raise InputError(
                f"no {currency} rate to {self.base} on or before {day.isoformat()}",
                path=self.source,
                field="rate",
            )
        return self._rates[currency][index - 1]

    def convert(self, amount: float, currency: str, day: date) -> Conversion:
        """`amount` of `currency` in the base currency at the rate of `day`."""
        if currency == self.base:
            return Conversion(amount, None)
        rate = self.rate(currency, day)
        return Conversion(amount * rate.rate, rate)
