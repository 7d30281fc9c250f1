"""The exchange-rate table, a CSV given as data: `date, currency, rate`.

`rate` is the number of units of the base currency (the country's, e.g. UAH) for one unit of
`currency` on `date` (e.g. the National Bank's official rate of 31 December). Dates are ISO or
DD.MM.YYYY, rates may use a decimal comma. It is configuration data, so any bad line, or a
currency given twice for one day, is an error naming the file, line and column.
"""

from __future__ import annotations

from pathlib import Path

from adaldyq.errors import InputError
from adaldyq.ingest.csv_forms import Column, positive, read_all
from adaldyq.ingest.declaration_values import parse_date
from adaldyq.model.currencies import normalise_currency
from adaldyq.model.exchange_rates import ExchangeRates, Rate

RATE_COLUMNS = (
    Column("date", parse_date),
    Column("currency", normalise_currency),
    Column("rate", positive),
)


def read_exchange_rates(path: Path | str, base: str) -> ExchangeRates:
    """The rates of a CSV file, to `base` (an ISO 4217 code)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("exchange-rate table not found", path=path)
    lines = read_all(path, RATE_COLUMNS)
    rates = (
        Rate(line.values["currency"], line.values["date"], line.values["rate"]) for line in lines
    )
    return ExchangeRates.from_rates(normalise_currency(base), rates, source=str(path))
