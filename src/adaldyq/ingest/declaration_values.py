"""Reading declared values: decimals, dates and flags as declarations write them.

Sources write the same value many ways: NACP amounts are strings with a decimal comma and
spaces ("1 234,56"), sometimes JSON numbers; dates are "31.12.2015" in NACP and ISO 8601 in the
canonical form and in declarations.com.ua's metadata ("2016-09-14T00:00:00"). Each reader returns
the value or raises `ValueError` with a reason that names the value, which the caller turns into
a field issue with the path.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from adaldyq.ingest.csv_forms import number

DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


def parse_decimal(value: object) -> float:
    """A finite number from a JSON number or a string ("1 234,56", "0.25", "100")."""
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return float(value)
    if isinstance(value, str):
        return number(value.strip())
    raise ValueError(f"not a number: {value!r}")


def parse_date(value: object) -> date:
    """A calendar day from "31.12.2015", "2015-12-31" or an ISO timestamp of that day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    if "T" in text:
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date (DD.MM.YYYY or YYYY-MM-DD): {value!r}")


def parse_year(value: object) -> int:
    """A four-digit year from a JSON number or a string."""
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isdigit() and len(text) == 4):
        raise ValueError(f"not a four-digit year: {value!r}")
    return int(text)


def parse_flag(value: object) -> bool:
    """A boolean from JSON true/false or the text a spreadsheet writes (true/false, 1/0)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError(f"not true or false: {value!r}")
